from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from core.interfaces.forms import apply_domain_error
from core.interfaces.paging import paginate
from organisations.domain import people
from organisations.domain.queries import people_for_user, units_for_user
from organisations.enums import Gender
from organisations.interfaces.forms import (
    EndEmploymentForm,
    PersonCreateForm,
    PersonEditForm,
    TransferForm,
)
from organisations.views.common import get_in, require


@login_required
def person_list(request):
    """People in the user's scope, searchable without diacritics, filterable by unit and flags."""
    require(request, "organisations.view_person")
    q = request.GET.get("q", "")
    qs = people_for_user(request.user, q)
    unit_code = request.GET.get("unit")
    unit = None
    if unit_code:
        unit = get_in(units_for_user(request.user), code=unit_code)
        qs = qs.filter(unit=unit)
    for flag in ("is_leader", "is_direct_worker"):
        if request.GET.get(flag) in {"0", "1"}:
            qs = qs.filter(**{flag: request.GET[flag] == "1"})
    if request.GET.get("gender") in Gender.values:
        qs = qs.filter(gender=request.GET["gender"])
    context = {"page": paginate(request, qs, per_page=50), "q": q, "unit": unit,
               "genders": Gender.choices,
               "can_add": request.user.has_perm("organisations.change_person")}
    template = ("organisations/includes/person_rows.html" if request.headers.get("HX-Request")
                else "organisations/person_list.html")
    return render(request, template, context)


@login_required
def person_detail(request, public_id):
    person = get_in(people_for_user(request.user), public_id=public_id)
    require(request, "organisations.view_person", person)
    context = {
        "person": person,
        "employments": person.employments.select_related("unit").order_by("-start_date"),
        "households": person.headed_households.select_related("unit"),
        "staff_roles": person.emulation_roles.select_related("unit"),
        "can_change": request.user.has_perm("organisations.change_person", person),
    }
    return render(request, "organisations/person_detail.html", context)


@login_required
def person_create(request):
    require(request, "organisations.change_person")
    form = PersonCreateForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            person = people.create_person(request.user, start_date=data.pop("start_date"), **data)
            messages.success(request, _("%(name)s registered.") % {"name": person.full_name})
            return redirect("organisations:person_detail", public_id=person.public_id)
        except ValidationError as error:
            apply_domain_error(form, error)
    return render(request, "organisations/form.html",
                  {"form": form, "title": _("Register a person"), "submit": _("Register")})


@login_required
def person_edit(request, public_id):
    person = get_in(people_for_user(request.user), public_id=public_id)
    require(request, "organisations.change_person", person)
    form = PersonEditForm(request.POST or None, instance=person)
    if request.method == "POST" and form.is_valid():
        try:
            people.update_person(request.user, person,
                                 **{f: form.cleaned_data[f] for f in form.Meta.fields})
            messages.success(request, _("Changes saved."))
            return redirect("organisations:person_detail", public_id=person.public_id)
        except ValidationError as error:
            apply_domain_error(form, error)
    return render(request, "organisations/form.html", {
        "form": form, "title": _("Correct %(name)s") % {"name": person.full_name},
        "submit": _("Save")})


@login_required
def person_transfer(request, public_id):
    person = get_in(people_for_user(request.user), public_id=public_id)
    require(request, "organisations.change_person", person)
    form = TransferForm(request.POST or None, user=request.user, initial={
        "position": person.position, "title": person.title, "is_leader": person.is_leader,
        "is_direct_worker": person.is_direct_worker})
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            people.transfer_person(request.user, person, unit=data.pop("unit"),
                                   start_date=data.pop("start_date"), note=data.pop("note"),
                                   **data)
            messages.success(request, _("New position recorded."))
            return redirect("organisations:person_detail", public_id=person.public_id)
        except ValidationError as error:
            apply_domain_error(form, error)
    return render(request, "organisations/form.html", {
        "form": form, "title": _("Transfer or new position: %(name)s") % {
            "name": person.full_name}, "submit": _("Record")})


@login_required
def person_end_employment(request, public_id):
    person = get_in(people_for_user(request.user), public_id=public_id)
    require(request, "organisations.change_person", person)
    form = EndEmploymentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            people.end_employment(request.user, person, **form.cleaned_data)
            messages.success(request, _("Employment ended."))
            return redirect("organisations:person_detail", public_id=person.public_id)
        except ValidationError as error:
            apply_domain_error(form, error)
    return render(request, "organisations/form.html", {
        "form": form, "title": _("End employment: %(name)s") % {"name": person.full_name},
        "submit": _("Record")})
