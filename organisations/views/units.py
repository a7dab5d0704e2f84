from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from accounts.domain.scope import restrict_to_scope
from core.interfaces.forms import apply_domain_error
from core.interfaces.guards import get_in, require
from core.interfaces.paging import paginate
from organisations.domain import tree
from organisations.domain.queries import units_for_user
from organisations.interfaces.forms import (
    DissolveForm,
    MergeForm,
    MoveForm,
    RenameForm,
    UnitEditForm,
    UnitFilterForm,
    UnitForm,
)
from organisations.models import ReorganisationEvent, Unit


@login_required
def unit_list(request):
    require(request, "organisations.view_unit")
    filters = UnitFilterForm(request.GET or None)
    data = filters.cleaned_data if filters.is_valid() else {}
    qs = units_for_user(request.user, data.get("q"))
    status = data.get("status") or "active"
    if status == "active":
        qs = qs.filter(valid_to__isnull=True)
    elif status == "ended":
        qs = qs.filter(valid_to__isnull=False)
    if data.get("level"):
        qs = qs.filter(level=data["level"])
    if data.get("kind"):
        qs = qs.filter(kind=data["kind"])
    qs = qs.annotate(people_count=Count("people", distinct=True)).order_by("path")
    return render(request, "organisations/unit_list.html", {
        "filters": filters, "page": paginate(request, qs, per_page=100),
        "can_manage": request.user.has_perm("organisations.manage_tree"),
    })


@login_required
def unit_detail(request, code):
    unit = get_in(units_for_user(request.user), code=code)
    require(request, "organisations.view_unit", unit)
    children = unit.children.order_by("valid_to", "name")
    context = {
        "unit": unit,
        "children": children,
        "predecessors": tree.predecessors_of(unit),
        "successors": tree.successors_of(unit),
        "events": ReorganisationEvent.objects.filter(
            Q(links__predecessor=unit) | Q(links__successor=unit)).distinct(),
        "people_count": unit.people.count(),
        "collectives": unit.collectives.all()[:50],
        "memberships": unit.cluster_memberships.select_related("cluster").order_by("-year")[:20],
        "can_manage": request.user.has_perm("organisations.manage_tree"),
        "can_view_people": request.user.has_perm("organisations.view_person", unit),
    }
    return render(request, "organisations/unit_detail.html", context)


@login_required
def unit_create(request):
    require(request, "organisations.manage_tree")
    form = UnitForm(request.POST or None, initial={"parent": request.GET.get("parent")})
    if request.method == "POST" and form.is_valid():
        try:
            unit = tree.create_unit(request.user, **form.cleaned_data)
            messages.success(request, _("Unit “%(name)s” created.") % {"name": unit.name})
            return redirect("organisations:unit_detail", code=unit.code)
        except ValidationError as error:
            apply_domain_error(form, error)
    return render(request, "core/form.html",
                  {"form": form, "title": _("New unit"), "submit": _("Create")})


@login_required
def unit_edit(request, code):
    unit = get_in(Unit.objects.all(), code=code)
    require(request, "organisations.manage_tree", unit)
    form = UnitEditForm(request.POST or None, instance=Unit.objects.get(pk=unit.pk))
    if request.method == "POST" and form.is_valid():
        try:
            fields = {f: form.cleaned_data[f] for f in form.Meta.fields}
            tree.update_unit(request.user, unit, **fields)
            messages.success(request, _("Changes saved."))
            return redirect("organisations:unit_detail", code=unit.code)
        except ValidationError as error:
            apply_domain_error(form, error)
    return render(request, "core/form.html", {
        "form": form, "title": _("Edit %(name)s") % {"name": unit.name}, "submit": _("Save")})


def _reorganise(request, unit, form_class, action, title, initial=None):
    """Shared shape of the four reorganisation screens: form → domain function → unit page."""
    require(request, "organisations.manage_tree", unit)
    form = form_class(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            result = action(form)
            messages.success(request, _("Reorganisation recorded."))
            return redirect("organisations:unit_detail", code=result.code)
        except ValidationError as error:
            apply_domain_error(form, error)
    return render(request, "core/form.html",
                  {"form": form, "title": title, "submit": _("Record"), "unit": unit})


@login_required
def unit_merge(request, code):
    unit = get_in(Unit.objects.all(), code=code)

    def action(form):
        return tree.merge_units(
            request.user, list(form.cleaned_data["sources"]),
            effective_date=form.cleaned_data["effective_date"], into=form.cleaned_data["into"],
            new_unit=form.new_unit(), **form.act())

    return _reorganise(request, unit, MergeForm, action, _("Merge units"),
                       initial={"sources": [unit.pk]})


@login_required
def unit_rename(request, code):
    unit = get_in(Unit.objects.all(), code=code)

    def action(form):
        data = form.cleaned_data
        return tree.rename_unit(request.user, unit, name=data["name"],
                                short_name=data["short_name"],
                                effective_date=data["effective_date"], **form.act())

    return _reorganise(request, unit, RenameForm, action,
                       _("Rename %(name)s") % {"name": unit.name},
                       initial={"name": unit.name, "short_name": unit.short_name})


@login_required
def unit_move(request, code):
    unit = get_in(Unit.objects.all(), code=code)

    def action(form):
        return tree.move_unit(request.user, unit, new_parent=form.cleaned_data["new_parent"],
                              effective_date=form.cleaned_data["effective_date"], **form.act())

    return _reorganise(request, unit, MoveForm, action, _("Move %(name)s") % {"name": unit.name})


@login_required
def unit_dissolve(request, code):
    unit = get_in(Unit.objects.all(), code=code)

    def action(form):
        return tree.dissolve_unit(request.user, unit, successor=form.cleaned_data["successor"],
                                  effective_date=form.cleaned_data["effective_date"],
                                  **form.act())

    return _reorganise(request, unit, DissolveForm, action,
                       _("Dissolve %(name)s") % {"name": unit.name})


@login_required
def event_list(request):
    require(request, "organisations.view_unit")
    events = (restrict_to_scope(ReorganisationEvent.objects.all(), request.user,
                                field="links__predecessor")
              .distinct().prefetch_related("links__predecessor", "links__successor")
              .order_by("-effective_date", "-id"))
    return render(request, "organisations/event_list.html",
                  {"page": paginate(request, events, per_page=50)})
