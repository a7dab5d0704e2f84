from typing import NamedTuple

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.domain.scope import scope_shape
from core.interfaces.compiled import kept_rows
from core.interfaces.exports import requested_format
from core.interfaces.guards import get_in, require
from core.interfaces.kept_pages import kept_page
from core.interfaces.paging import paginate_kept
from core.interfaces.views import form_page
from core.text import fold
from organisations.domain import people
from organisations.domain.personal_data import (
    may_see_personal_data,
    personal_data_units,
)
from organisations.domain.queries import (
    people_by_id_in_scope,
    people_for_detail,
    people_for_user,
    people_in_scope,
    people_words_in_scope,
    units_in_scope,
)
from organisations.enums import Gender
from organisations.interfaces.exports import person_export
from organisations.interfaces.forms import (
    EndEmploymentForm,
    PersonCreateForm,
    PersonEditForm,
    TransferForm,
)
from organisations.models import Person, Unit
from organisations.models.person_words import EPOCH_SQL


def filtered_people(request):
    """The people list's queryset: scope, search, unit and flag filters (page and export)."""
    unit, filters = _filters_of(request)
    qs, _matched = _filtered(scope_shape(request.user, Person), request.GET.get("q", ""),
                             unit, filters, words=False)
    return qs, unit


class _Unit(NamedTuple):
    """The unit the list is filtered by, as the page uses it: its id in the statement, its code
    in the form, its name in the heading (as a Unit shows itself)."""

    pk: int
    code: str
    name: str

    def __str__(self) -> str:
        return self.name


def _filters_of(request) -> tuple[_Unit | None, tuple]:
    """The unit filtered on (404 outside the user's scope) and the other filters that apply,
    as (field, value) pairs: what decides the filtered list's rows besides scope and words."""
    unit = _unit(request.user, code) if (code := request.GET.get("unit")) else None
    filters = tuple((flag, request.GET[flag] == "1") for flag in ("is_leader", "is_direct_worker")
                    if request.GET.get(flag) in {"0", "1"})
    if request.GET.get("gender") in Gender.values:
        filters = (*filters, ("gender", request.GET["gender"]))
    return unit, filters


def _unit(user, code: str) -> _Unit:
    """`get_in(units_for_user(user), code=code)` as the page uses it, its statement kept per
    process by the user's scope shape of the units (a Unit and its parent built and the lookup
    compiled were ~1.3 ms of the filtered page's Python, session 15). 404 outside the scope."""
    shape = scope_shape(user, Unit, "id")
    found = kept_rows(("people unit", shape), lambda code: units_in_scope(shape).order_by(
        "pk").filter(code=code).values_list("pk", "code", "name")[:1], code)
    if not found:
        raise Http404
    return _Unit(*found[0])


def _filtered(shape: tuple, q: str, unit: _Unit | None, filters: tuple, *, words: bool):
    """`filtered_people`'s queryset and, when `words`, the same people in the narrow copy of
    their search columns (`people_words_in_scope`) — None where the copy has not a filter's
    column (the flags, the gender) or there is no copy. A function of its arguments alone (the
    unit by its id): the filtered page's statement is kept by them."""
    qs = people_in_scope(shape, q)
    matched = people_words_in_scope(shape, q) if words else None
    if unit is not None:
        qs = qs.filter(unit_id=unit.pk)
        if matched is not None:
            matched = matched.filter(unit_id=unit.pk)
    if filters:
        qs = qs.filter(**dict(filters))
        matched = None
    return qs, matched


# What the list shows of a person (and its seek key, search_text and id), read as a named row
# of values: 51 people and their units built as model instances were ~0.8 ms of a page's CPU.
PERSON_PAGE_FIELDS = ("id", "public_id", "full_name", "gender", "birth_date", "position",
                      "is_leader", "is_direct_worker", "search_text", "unit_id", "unit__name")


@login_required
def person_list(request):
    """People in the user's scope, searchable without diacritics, filterable by unit and flags;
    `?export=xlsx|csv` streams the same filtered list."""
    require(request, "organisations.view_person")
    if kind := requested_format(request):
        qs, _unit = filtered_people(request)
        return person_export(kind, qs, request.user)
    return kept_page(request, PERSON_LIST_TABLES, lambda: _person_list(request))


# Every table the list's statements read (tests/organisations/test_people_kept.py captures
# them): its page is kept under their epochs (core.interfaces.kept_pages).
PERSON_LIST_TABLES = ("organisations_person", "organisations_person_words", "organisations_unit",
                      "organisations_unitclosure")


def _person_list(request):
    q = request.GET.get("q", "")
    searched = bool(q.strip())
    if request.GET.keys() <= _KEPT_ONLY:
        page, unit = _kept_page(request, q, searched), None
    else:
        page, unit = _filtered_page(request, q, searched)
    context = {"page": page, "q": request.GET.get("q", ""),
               # birth dates only where the rule allows, row by row (the rows' tag asks)
               "personal_units": personal_data_units(request.user),
               "unit": unit, "chosen": _chosen(request),
               "can_add": request.user.has_perm("organisations.change_person")}
    template = ("organisations/includes/person_rows.html" if request.headers.get("HX-Request")
                else "organisations/person_list.html")
    return render(request, template, context)


# The list with no filter but a search (its first pages, the people search of `make load`): its
# page's statement is kept per process (`_kept_page`).
_KEPT_ONLY = frozenset({"q", "page", "after", "before"})


def _kept_page(request, q: str, searched: bool):
    """The page of the list with no filter but a search, its statement built and compiled once
    per process for the user's scope shape, the folded words (none: the whole list) and the
    page number (core.interfaces.paging.paginate_kept): building the scoped list (and a
    search's ids in the copy) and compiling them were ~1–1.2 ms of the page's Python. The key
    holds all that `build` reads: the shape (`people_in_scope`: every user of one shape gets
    the same SQL) and the words (`search` reads `q` only as its folded words)."""
    shape = scope_shape(request.user, Person)

    def build():
        qs = people_in_scope(shape, q)
        if not searched:
            return qs.values_list(*PERSON_PAGE_FIELDS, named=True), qs, None
        return (qs.values_list(*PERSON_PAGE_FIELDS, named=True), qs,
                people_words_in_scope(shape, q),
                people_by_id_in_scope(shape, q).values_list(*PERSON_PAGE_FIELDS, named=True))

    # The page is kept by its ids too, under the search copy's commit epoch (which every write
    # of the people's search columns or the unit closure changes): asked again before any such
    # write, it is one prepared statement reading its people by id. The list without a search
    # as well: which people it holds and in what order are the copy's columns alone (unit,
    # province, folded name, id) and the closure — an officer's `?page=50` sorted the 18,289
    # people of his units to skip 2,450 of them (~7 ms of PostgreSQL a request).
    return paginate_kept(request, ("organisations:person_list", shape, tuple(fold(q).split())),
                         build, per_page=50, seek=True, matches=searched, epoch=EPOCH_SQL)


def _filtered_page(request, q: str, searched: bool):
    """A page of the list with a unit or flag filter, its statement kept per process by what
    decides it (`paginate_kept`): the scope's shape, the folded words, the unit's id and the
    other filters. Building the filtered queryset and compiling it were ~1.5 ms of the page's
    Python (session 15). Its unit too, read by a kept statement (`_unit`)."""
    shape = scope_shape(request.user, Person)
    unit, filters = _filters_of(request)

    def build():
        qs, matched = _filtered(shape, q, unit, filters, words=searched)
        # ?page=50 reads its ids from `qs` (no join to the units) before its 51 rows; a
        # search's page sorts its matches' ids in their narrow copy (`matched`) when they are
        # not too many
        return qs.values_list(*PERSON_PAGE_FIELDS, named=True), qs, matched

    key = ("organisations:person_list filtered", shape, tuple(fold(q).split()),
           unit.pk if unit is not None else None, filters)
    return paginate_kept(request, key, build, per_page=50, seek=True, matches=searched), unit


def _chosen(request) -> dict[str, str]:
    """The filters' selected options. Read by the template as `request.GET.gender`, a filter
    not in the query string made Django's variable lookup fail over to `dir(QueryDict)`, six
    times a page."""
    return {name: request.GET.get(name, "") for name in ("gender", "is_leader", "is_direct_worker")}


@login_required
def person_detail(request, public_id):
    person = get_in(people_for_detail(request.user), public_id=public_id)
    require(request, "organisations.view_person", person)
    context = {
        "person": person,
        "employments": person.employments.select_related("unit").order_by("-start_date"),
        # Read only when the person's query found some (the template shows them if any).
        "households": (person.headed_households.select_related("unit")
                       if person.heads_households else ()),
        "staff_roles": (person.emulation_roles.select_related("unit")
                        if person.holds_staff_roles else ()),
        "can_change": request.user.has_perm("organisations.change_person", person),
        "shows_personal": may_see_personal_data(request.user, person),
    }
    return render(request, "organisations/person_detail.html", context)


@login_required
def person_create(request):
    require(request, "organisations.change_person")

    def save(data):
        data = dict(data)
        return people.create_person(request.user, start_date=data.pop("start_date"), **data)

    return form_page(
        request, PersonCreateForm(request.POST or None, user=request.user), save,
        title=_("Register a person"), submit=_("Register"), done=_detail_url,
        success_message=lambda person: _("%(name)s registered.") % {"name": person.full_name})


def _detail_url(person) -> str:
    return reverse("organisations:person_detail", args=[person.public_id])


@login_required
def person_edit(request, public_id):
    person = get_in(people_for_user(request.user), public_id=public_id)
    require(request, "organisations.change_person", person)
    form = PersonEditForm(request.POST or None, instance=person)
    return form_page(
        request, form,
        lambda data: people.update_person(request.user, person,
                                          **{f: data[f] for f in form.Meta.fields}),
        title=_("Correct %(name)s") % {"name": person.full_name}, submit=_("Save"),
        done=lambda _r: _detail_url(person), success_message=_("Changes saved."))


@login_required
def person_transfer(request, public_id):
    person = get_in(people_for_user(request.user), public_id=public_id)
    require(request, "organisations.change_person", person)
    form = TransferForm(request.POST or None, user=request.user, initial={
        "position": person.position, "title": person.title, "is_leader": person.is_leader,
        "is_direct_worker": person.is_direct_worker})

    def save(data):
        data = dict(data)
        return people.transfer_person(request.user, person, unit=data.pop("unit"),
                                      start_date=data.pop("start_date"), note=data.pop("note"),
                                      **data)

    return form_page(
        request, form, save,
        title=_("Transfer or new position: %(name)s") % {"name": person.full_name},
        submit=_("Record"), done=lambda _r: _detail_url(person),
        success_message=_("New position recorded."))


@login_required
def person_end_employment(request, public_id):
    person = get_in(people_for_user(request.user), public_id=public_id)
    require(request, "organisations.change_person", person)
    return form_page(
        request, EndEmploymentForm(request.POST or None),
        lambda data: people.end_employment(request.user, person, **data),
        title=_("End employment: %(name)s") % {"name": person.full_name}, submit=_("Record"),
        done=lambda _r: _detail_url(person), success_message=_("Employment ended."))
