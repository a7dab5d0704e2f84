"""The initiative registry: list, detail, register/correct (with near-duplicate hints),
recognise, revoke; plus the htmx partials (similar titles, person picker)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from core.interfaces.compiled import Compiled
from core.interfaces.exports import requested_format
from core.interfaces.forms import apply_domain_error
from core.interfaces.guards import get_in, require
from core.interfaces.kept_pages import kept_page
from core.interfaces.views import form_page, list_page
from core.state import available_actions
from core.text import fold, is_number
from emulation.initiatives.domain import initiatives as domain
from emulation.initiatives.domain.queries.initiatives import (
    initiative_scope,
    initiatives_for_user,
    initiatives_in_scope,
)
from emulation.initiatives.domain.similarity import WARN_THRESHOLD, similar_initiatives
from emulation.initiatives.enums import InitiativeKind, InitiativeScope, InitiativeState
from emulation.initiatives.interfaces.exports import initiative_export
from emulation.initiatives.interfaces.forms import (
    AuthorFormSet,
    InitiativeForm,
    RecogniseForm,
    RevokeForm,
)
from organisations.domain.queries import people_for_user, search, units_for_user

FILTERS = {"scope": InitiativeScope, "state": InitiativeState, "kind": InitiativeKind}


def filtered_initiatives(request):
    """The initiative list's queryset (page and export): scope, search, unit and filters."""
    shape, q, unit, chosen = _list_of(request)
    return _filtered(shape, q, unit, chosen), unit


def _list_of(request) -> tuple:
    """What decides the list's rows: the user's scope shape, the search, the unit filtered on
    (None, or one in the user's scope: 404 otherwise) and the filters that name a choice (the
    year when it is a number)."""
    unit = None
    if request.GET.get("unit"):
        unit = get_in(units_for_user(request.user), code=request.GET["unit"])
    chosen = tuple((name, request.GET[name]) for name, choices in FILTERS.items()
                   if request.GET.get(name) in choices.values)
    if is_number(request.GET.get("year", "")):
        chosen = (*chosen, ("year", int(request.GET["year"])))
    return initiative_scope(request.user), request.GET.get("q", ""), unit, chosen


def _filtered(shape: tuple, q: str, unit, chosen: tuple):
    qs = initiatives_in_scope(shape, q)
    if unit is not None:
        qs = qs.filter(unit=unit)
    return qs.filter(**dict(chosen)) if chosen else qs


# What the list shows, read as plain values (emulation.templatetags.emulation_rows): 50
# initiatives and their units built as model instances and rendered through template nodes (a
# URL reversal, two choice labels, eight lookups a row) and the filter form's loops were most
# of the page's ~9 ms of Python (session 15).
LIST_COLUMNS = ("public_id", "code", "title", "kind", "unit__name", "year", "scope", "state")


@login_required
def initiative_list(request):
    """Initiatives in the user's scope; search without diacritics; filters unit, scope, state,
    kind, year; `?export=xlsx|csv` streams the same filtered list."""
    require(request, "emulation.view_initiative")
    if kind := requested_format(request):
        shape, q, unit, chosen = _list_of(request)
        return initiative_export(kind, _filtered(shape, q, unit, chosen))
    return kept_page(request, LIST_TABLES, lambda: _initiative_list(request))


# Every table the list's statements read (tests/emulation/initiatives/views/
# test_initiative_list_kept.py captures them): its page is kept under their epochs
# (core.interfaces.kept_pages).
LIST_TABLES = ("emulation_initiative", "organisations_unit", "organisations_unitclosure")


def _initiative_list(request):
    # The unit filtered on is read here, kept with the page: a unit outside the scope is a 404
    # (never kept), and leaving the scope changes the roles (the key) or the units' epochs.
    shape, q, unit, chosen = _list_of(request)
    # The list's SQL is a function of these alone (the search as its folded words): compiled
    # once per process for them (core.interfaces.compiled), sent on every request.
    key = ("emulation:initiative_list", shape, tuple(fold(q).split()),
           unit.pk if unit is not None else None, chosen)
    rows = Compiled(key, lambda: _filtered(shape, q, unit, chosen).values(*LIST_COLUMNS))
    return list_page(request, rows, export=initiative_export,
                     template="emulation/initiative_list.html",
                     partial="emulation/includes/initiative_rows.html",
                     q=q, unit=unit, chosen=_chosen(request),
                     can_add=request.user.has_perm("emulation.change_initiative"))


def _chosen(request) -> dict[str, str]:
    """The filter form's values as the query string gives them (the last of a repeated one)."""
    return {name: request.GET.get(name, "") for name in (*FILTERS, "year")}


def _get(request, public_id, perm="emulation.view_initiative"):
    initiative = get_in(initiatives_for_user(request.user), public_id=public_id)
    require(request, perm, initiative)
    return initiative


@login_required
def initiative_detail(request, public_id):
    initiative = _get(request, public_id)
    user = request.user
    # The steps offered are the table's, for this state and this user (core.state).
    steps = {t.name for t in available_actions(domain.INITIATIVE, initiative, user)}
    return render(request, "emulation/initiative_detail.html", {
        "initiative": initiative,
        "authors": initiative.authors.select_related("person__unit"),
        "uses": initiative.uses.select_related("award_type", "actor").order_by("created_at"),
        "can_change": user.has_perm("emulation.change_initiative", initiative),
        "can_recognise": "recognise" in steps,
        "can_revoke": "revoke" in steps,
    })


def _detail_url(initiative) -> str:
    return reverse("emulation:initiative_detail", args=[initiative.public_id])


def _warn_similar(request, initiative) -> None:
    """After a save: name the existing initiatives it resembles (a warning, not a refusal —
    the council decides whether it is the same solution)."""
    matches = [m for m in similar_initiatives(initiative.title, initiative.summary,
                                              exclude_pk=initiative.pk) if m.warn]
    if matches:
        messages.warning(request, _("It resembles: %(list)s. Check that it is not the same "
                                    "initiative.") % {"list": "; ".join(
            f"{m.initiative.code} “{m.initiative.title}” ({m.percent}%)" for m in matches)})


def _edit_page(request, initiative=None):
    user = request.user
    data = request.POST if request.method == "POST" else None
    form = InitiativeForm(data, instance=initiative, user=user,
                          similar_url=reverse("emulation:initiative_similar"))
    initial = ([{"cccd": a.person.cccd, "share": a.share}
                for a in initiative.authors.select_related("person")] if initiative else [])
    # empty_permitted=False: a row equal to its initial value still counts (the rows' own
    # clean() lets blank rows through).
    formset = AuthorFormSet(data, prefix="authors", initial=initial, form_kwargs={
        "user": user, "picker_url": reverse("emulation:person_picker"),
        "empty_permitted": False})
    if data is not None and form.is_valid() and formset.is_valid():
        fields = {k: form.cleaned_data[k] for k in InitiativeForm.Meta.fields}
        try:
            if initiative is None:
                saved = domain.register_initiative(actor=user, authors=formset.authors(),
                                                   **fields)
            else:
                saved = domain.update_initiative(initiative, actor=user,
                                                 authors=formset.authors(), **fields)
        except ValidationError as error:
            apply_domain_error(form, error)
            if hasattr(error, "error_dict") and "authors" in error.error_dict:
                formset._non_form_errors = formset.error_class(error.error_dict["authors"])
        else:
            messages.success(request, _("%(code)s saved.") % {"code": saved.code})
            _warn_similar(request, saved)
            return redirect(_detail_url(saved))
    title = (_("Register an initiative or research topic") if initiative is None
             else _("Correct %(code)s") % {"code": initiative.code})
    matches = (similar_initiatives(form["title"].value() or "", form["summary"].value() or "",
                                   exclude_pk=getattr(initiative, "pk", None))
               if data is not None else [])
    return render(request, "emulation/initiative_form.html", {
        "form": form, "formset": formset, "title": title, "initiative": initiative,
        "matches": matches, "threshold": round(WARN_THRESHOLD * 100)})


@login_required
def initiative_create(request):
    require(request, "emulation.change_initiative")
    return _edit_page(request)


@login_required
def initiative_edit(request, public_id):
    return _edit_page(request, _get(request, public_id, "emulation.change_initiative"))


@login_required
def initiative_similar(request):
    """htmx partial: the existing initiatives most like the title being typed."""
    require(request, "emulation.change_initiative")
    matches = similar_initiatives(request.GET.get("title", ""), request.GET.get("summary", ""))
    return render(request, "emulation/includes/similar.html", {
        "matches": matches, "threshold": round(WARN_THRESHOLD * 100)})


@login_required
def person_picker(request):
    """htmx partial: <option>s of people in scope whose name or CCCD matches what is typed in
    an author row (the datalist of the citizen-ID inputs)."""
    require(request, "emulation.change_initiative")
    typed = next((v for k, v in request.GET.items() if k.endswith("cccd") and v.strip()), "")
    # The picker fills a CCCD field: the deceased registered without one cannot be offered.
    people = (search(people_for_user(request.user).filter(cccd__isnull=False), typed)
              .select_related("unit")[:10]
              if len(typed.strip()) >= 2 else [])
    return render(request, "emulation/includes/person_options.html", {"people": people})


@login_required
def initiative_recognise(request, public_id):
    initiative = _get(request, public_id, "emulation.recognise_initiative")
    above = request.user.has_perm("emulation.recognise_above_co_so", initiative)
    return form_page(
        request, RecogniseForm(request.POST or None, above_co_so=above),
        lambda data: domain.recognise_initiative(initiative, actor=request.user, **data),
        title=_("Recognise %(code)s") % {"code": initiative.code}, submit=_("Recognise"),
        done=_detail_url, success_message=_("Recognition recorded."))


@login_required
def initiative_revoke(request, public_id):
    initiative = _get(request, public_id, "emulation.revoke_initiative")
    return form_page(
        request, RevokeForm(request.POST or None),
        lambda data: domain.revoke_initiative(initiative, actor=request.user, **data),
        title=_("Revoke %(code)s “%(title)s”") % {"code": initiative.code,
                                                  "title": initiative.title},
        submit=_("Revoke"), done=_detail_url, success_message=_("Initiative revoked."))
