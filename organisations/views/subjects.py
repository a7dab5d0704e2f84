"""Collectives and households: lists, detail and the create/correct form."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from accounts.domain.scope import scope_shape
from core.interfaces.compiled import Compiled
from core.interfaces.forms import apply_domain_error
from core.interfaces.guards import get_in, require
from core.interfaces.kept_pages import kept_page
from core.interfaces.paging import paginate
from core.text import fold
from organisations.domain import subjects
from organisations.domain.queries import (
    collectives_for_user,
    collectives_in_scope,
    households_for_user,
)
from organisations.interfaces.forms import CollectiveForm, HouseholdForm
from organisations.models import Collective

KINDS = {
    "collective": (collectives_for_user, CollectiveForm, subjects.save_collective,
                   _("Collectives"), _("New collective")),
    "household": (households_for_user, HouseholdForm, subjects.save_household,
                  _("Households"), _("New household")),
}


# What the collective list shows, read as plain values (organisations.templatetags.
# organisation_rows.collective_rows): 50 collectives and their units built as model instances
# and rendered through template nodes (a URL reversal, a choice label, four lookups a row) were
# most of the page's ~7 ms of Python (session 15).
COLLECTIVE_COLUMNS = ("public_id", "name", "valid_to", "kind", "unit__name", "member_count")


def subject_list(request, kind):
    require(request, "organisations.view_subject")
    return kept_page(request, LIST_TABLES[kind], lambda: _subject_list(request, kind))


# Every table each list's statements read (tests/organisations/views/test_subject_lists_kept.py
# captures them): its page is kept under their epochs (core.interfaces.kept_pages). A
# household's head is a person, shown by name.
LIST_TABLES = {
    "collective": ("organisations_collective", "organisations_unit",
                   "organisations_unitclosure"),
    "household": ("organisations_household", "organisations_person", "organisations_unit",
                  "organisations_unitclosure"),
}


def _subject_list(request, kind):
    query, _form, _save, title, _new = KINDS[kind]
    q = request.GET.get("q", "")
    if kind == "collective":
        # The list's SQL is a function of the scope's shape and the folded words alone:
        # compiled once per two (core.interfaces.compiled), sent on every request.
        shape, words = scope_shape(request.user, Collective), tuple(fold(q).split())
        page = Compiled(("organisations:collective_list", shape, words),
                        lambda: collectives_in_scope(shape, q).values(*COLLECTIVE_COLUMNS),
                        ).page(request, 50)
    else:
        page = paginate(request, query(request.user, q), per_page=50)
    return render(request, "organisations/subject_list.html", {
        "kind": kind, "title": title, "q": q, "page": page,
        "can_add": request.user.has_perm("organisations.change_subject")})


def subject_detail(request, kind, public_id):
    query = KINDS[kind][0]
    obj = get_in(query(request.user), public_id=public_id)
    require(request, "organisations.view_subject", obj)
    return render(request, "organisations/subject_detail.html", {
        "kind": kind, "obj": obj,
        "records": obj.award_records.select_related("award_type").order_by("-year"),
        "can_change": request.user.has_perm("organisations.change_subject", obj)})


def subject_form(request, kind, public_id=None):
    query, form_class, save, _title, new_title = KINDS[kind]
    obj = get_in(query(request.user), public_id=public_id) if public_id else None
    require(request, "organisations.change_subject", obj)
    form = form_class(request.POST or None, instance=obj, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            saved = save(request.user, obj, **{f: form.cleaned_data[f]
                                               for f in form.Meta.fields})
            messages.success(request, _("Saved."))
            return redirect(f"organisations:{kind}_detail", public_id=saved.public_id)
        except ValidationError as error:
            apply_domain_error(form, error)
    title = new_title if obj is None else _("Correct %(name)s") % {"name": obj}
    return render(request, "core/form.html",
                  {"form": form, "title": title, "submit": _("Save")})


collective_list = login_required(lambda r: subject_list(r, "collective"))
household_list = login_required(lambda r: subject_list(r, "household"))
collective_detail = login_required(lambda r, public_id: subject_detail(r, "collective", public_id))
household_detail = login_required(lambda r, public_id: subject_detail(r, "household", public_id))
collective_create = login_required(lambda r: subject_form(r, "collective"))
household_create = login_required(lambda r: subject_form(r, "household"))
collective_edit = login_required(lambda r, public_id: subject_form(r, "collective", public_id))
household_edit = login_required(lambda r, public_id: subject_form(r, "household", public_id))
