import datetime
from typing import NamedTuple

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from accounts.domain.scope import scope_shape
from awards.domain import catalogue as catalogue_domain
from awards.domain import facts as facts_domain
from awards.domain import granting as granting_domain
from awards.domain import ledger as ledger_domain
from awards.domain.authority import refusal
from awards.domain.parameters import law_tables, one_reading
from awards.domain.profile import INDIVIDUAL_AWARDS, collective_overview, eligibility_overview
from awards.domain.qualify import (
    candidates,
    forecast,
    kept_screener,
    narrowable,
    qualifying,
    qualifying_each,
    with_standing,
)
from awards.domain.queries import (
    around_stamp,
    around_the_page,
    filter_ledger,
    filtered,
    first_in_units,
    ledger_filters,
    ledger_page,
    merges_units,
    page_subjects,
    records_for_user,
    records_in_scope,
    search_parts,
    walks_type_order,
)
from awards.domain.queries import records_for_user as scoped_records
from awards.domain.queries.cases import KeptPeople
from awards.domain.queries.search import kept_search_parts, search_epoch
from awards.eligibility.engine import checked_automatically
from awards.interfaces.exports import ledger_export, qualify_workbook
from awards.interfaces.forms import (
    AuthorityEndForm,
    AuthorityForm,
    CorrectRecordForm,
    DisciplineForm,
    ParameterForm,
    PendingForm,
    RecordForm,
    RevokeForm,
)
from awards.models import AwardRecord, AwardType, GrantingAuthority
from core.interfaces.compiled import kept_rows
from core.interfaces.exports import requested_format
from core.interfaces.guards import get_in, require
from core.interfaces.kept_pages import kept_page
from core.interfaces.paging import (
    AtOffset,
    paginate,
    paginate_kept,
    paginate_union,
    paginate_union_kept,
)
from core.interfaces.views import form_page, refused
from core.text import fold, is_number
from organisations.domain.queries import (
    collectives_for_user,
    people_for_user,
    people_in_scope,
    units_in_scope,
)
from organisations.models import Person, Unit


@login_required
def catalogue(request):
    require(request, "awards.view_catalogue")
    return kept_page(request, CATALOGUE_TABLES, lambda: _catalogue(request))


# Every table the pages' statements read (tests/awards/test_list_pages_kept.py captures them,
# test_the_pages_statements_read_only_the_tables_they_are_kept_under): each page is kept under
# their epochs (core.interfaces.kept_pages). The units: the roles' units the layout reads.
CATALOGUE_TABLES = ("awards_awardparameter", "awards_awardtype", "organisations_unit")
AUTHORITIES_TABLES = ("awards_awardtype", "awards_grantingauthority", "organisations_unit")
# The ledger's search reads its page's ids under the people's and the portal's epochs too
# (search_epoch): how it reads, not what; the tables they follow are here.
LEDGER_TABLES = ("awards_awardrecord", "awards_awardtotal", "awards_awardtype",
                 "awards_law_tables_stamp", "organisations_collective",
                 "organisations_household", "organisations_person", "organisations_person_words",
                 "organisations_unit", "organisations_unitclosure")
# A verdict is made of the law tables (their stamp too: the kept LawTables and Screener follow
# it), the people's histories and facts (ratings, awards, discipline, pending matters,
# initiatives, registrations) and their standing (open nominations); today's date is in the key.
QUALIFY_TABLES = ("awards_awardparameter", "awards_awardrecord", "awards_awardtype",
                  "awards_disciplinerecord", "awards_grantingauthority",
                  "awards_law_tables_stamp", "awards_legalvalue", "awards_pendingmatter",
                  "awards_taskrating", "emulation_initiative", "emulation_initiativeauthor",
                  "emulation_initiativeuse", "emulation_registration",
                  "emulation_registrationentry", "organisations_person", "organisations_unit",
                  "organisations_unitclosure", "proposals_nominee", "proposals_proposal")


def _catalogue(request):
    types = AwardType.objects.prefetch_related("parameters").order_by("category", "sort_order")
    for award_type in types:  # which forms the engine judges from records (issue 16.1)
        award_type.checked_automatically = checked_automatically(award_type.code)
    return render(request, "awards/catalogue.html", {
        "types": types, "can_manage": request.user.has_perm("awards.manage_catalogue")})


@login_required
def ledger(request):
    require(request, "awards.view_ledger")
    q = request.GET.get("q", "")
    if kind := requested_format(request):
        return ledger_export(kind, filter_ledger(records_for_user(request.user, q), request.GET),
                             request.user)
    return kept_page(request, LEDGER_TABLES, lambda: _ledger(request, q))


def _ledger(request, q: str):
    # The page reads the search as its parts; the search as one queryset is the exports' only
    # (its subjects' subqueries built for nothing were 2 ms of a search's 15, session 11 h2).
    if (words := fold(q).split()) and connection.vendor == "postgresql":
        # The search's page statement kept per process by all it is built from (the scope
        # shape, the filters, the folded words), its parts matching their subjects inside it
        # (awards.domain.queries.search).
        shape, filters = scope_shape(request.user, AwardRecord), ledger_filters(request.GET)
        # Its page's ids kept under the search's epoch (search_epoch): asked again with nothing
        # written, the page is read by them, the people not matched nor the ledger walked.
        page = paginate_union_kept(
            request, ("awards:ledger:search", shape, filters, tuple(words)),
            lambda limit: kept_search_parts(shape, filters, words, limit), per_page=50,
            around=around_the_page, epoch=search_epoch(),
            by_id=lambda: ledger_page(filtered(records_in_scope(shape), filters)))
    elif q.split():  # each part of the search estimated on its own (search_parts)
        qs = filter_ledger(records_for_user(request.user), request.GET)
        parts = search_parts(qs, q)
        # The parts name their subjects' ids or hold many matches: the planner's own estimate
        # is right for each, no second opinion needed (`matches`).
        page = paginate_union(request, [ledger_page(part) for part in parts], per_page=50,
                              matches=False)
    else:
        # The page's statement kept per process by all its queryset is built from: the user's
        # scope shape (not the user: users of one shape share it) and the filters.
        shape, filters = scope_shape(request.user, AwardRecord), ledger_filters(request.GET)
        # A title filter's form follows the scope's share of the title's records: a verdict
        # read from data, so in the key (a stale one costs speed, never rows).
        offset = _offset(request, 50)
        walk = walks_type_order(shape, filters, offset or 0, 50)
        # An officer's page by number without a title filter: among its units' first records
        # (first_in_units: the same rows, whatever the units hold). Not a page by seek key.
        merged = offset is not None and merges_units(shape, filters)

        def build():
            records = filtered(records_in_scope(shape), filters, by_type_order=walk)
            if not merged:
                return ledger_page(records), records  # the records alone: the page's ids first
            if offset:  # a later page's own ids, cut at its offset among the units' entries
                return ledger_page(records), AtOffset(first_in_units(
                    shape, filters, offset + 51, start=offset))
            first = records.filter(first_in_units(shape, filters, 51))
            return ledger_page(first), first

        page = paginate_kept(request, ("awards:ledger", shape, filters, walk), build,
                             per_page=50, seek=True, around=around_the_page)
    # The Revoke link only where the user is the authority: the rule (awards.rules.grants_record)
    # reads the record's granting authority only, so it is asked once per authority on the page,
    # of the page's row (a named row of values with the record's `issuer_unit_id`).
    amendable = {}
    for row in page.object_list:
        if row.issuer_unit_id not in amendable:
            amendable[row.issuer_unit_id] = request.user.has_perm("awards.amend_record", row)
    return render(request, "awards/ledger.html", {
        "page": page, "q": q, "subjects": page_subjects(page.object_list),
        "amendable": amendable, "law_stamp": around_stamp(page.object_list),
        "chosen": _chosen(request)})


def _offset(request, per_page: int) -> int | None:
    """The offset of the page by number the request asks for; None for a page by seek key."""
    if request.GET.get("after") or request.GET.get("before"):
        return None
    return (_number(request.GET.get("page")) - 1) * per_page


def _chosen(request) -> dict[str, str]:
    """The filters as the form shows them. Read by the template as `request.GET.award`, a
    filter not in the query string made Django's variable lookup fail over from `[]` to
    `getattr` to a list index, five times a page (~0.14 ms; the people list's `_chosen`)."""
    return {name: request.GET.get(name, "") for name in ("award", "year", "revoked")}


@login_required
def person_profile(request, public_id):
    person = get_in(people_for_user(request.user), public_id=public_id)
    require(request, "awards.view_ledger", person)
    try:
        year = int(request.GET.get("year") or timezone.localdate().year - 1)
    except ValueError:
        year = timezone.localdate().year - 1
    names = dict(AwardType.objects.values_list("code", "name"))
    return render(request, "awards/profile.html", {
        "person": person, "year": year,
        "records": person.award_records.select_related("award_type").order_by("-year"),
        "ratings": person.task_ratings.order_by("-year"),
        "overview": eligibility_overview(person, year, names),
        "can_change": request.user.has_perm("awards.change_ledger", person),
        "discipline": person.discipline_records.all(),
        "pending": person.pending_matters.filter(closed_on__isnull=True),
    })


def _year(request) -> int:
    try:
        return int(request.GET.get("year") or timezone.localdate().year - 1)
    except ValueError:
        return timezone.localdate().year - 1


ALL = "all"  # the "who qualifies for which title" list: every individual award at once


@login_required
@one_reading()  # the law tables' stamp checked once (parameters, names, award codes)
def qualify(request, mode="now"):
    """Who qualifies for an award in a year (mode "now"), or will next year (mode "forecast"),
    among the people in the user's scope, optionally within one unit; `?export=xlsx`. In mode
    "now", `award=all` lists who qualifies for which individual title or form."""
    require(request, "awards.view_ledger")
    if request.GET.get("export") == "xlsx":
        return _qualify(request, mode)
    return kept_page(request, QUALIFY_TABLES, lambda: _qualify(request, mode))


def _qualify(request, mode: str):
    choices = INDIVIDUAL_AWARDS if mode == "forecast" else [ALL, *INDIVIDUAL_AWARDS]
    award = request.GET.get("award") if request.GET.get("award") in choices else "ldtt"
    year = _year(request)
    # The people in scope, as statements kept per process by the scope's shape and the
    # filters set (KeptPeople): the same SQL for every request of that shape (session 14).
    shape = scope_shape(request.user, Person)
    people = KeptPeople(("qualify", shape), lambda: people_in_scope(shape), ())
    unit = None
    if request.GET.get("unit"):
        unit = _unit(request.user, request.GET["unit"])
        people = people.narrowed("unit", lambda qs, unit: qs.filter(unit=unit), unit.pk)
    tables = law_tables()
    params = tables.params
    # The forecast's verdicts are for next year: where people stand is asked for that year.
    verdict_year = year + (mode == "forecast")
    names = {**tables.award_names, ALL: _("All individual titles and forms")}
    if request.GET.get("export") == "xlsx":  # the whole list
        rows = with_standing(_screened(people.queryset(), award, mode, year, params),
                             verdict_year)
        return qualify_workbook(rows, names[award], verdict_year, names)
    # One page: people are screened in id order from after the previous page's last person,
    # only as many as the page needs (2–9 s for the first 500 at province scale before).
    after = request.GET.get("after", "")
    if is_number(after):
        people = people.narrowed("after", lambda qs, after: qs.filter(pk__gt=after), int(after))
    # A page screens at most SCREEN_AT_MOST people: where few qualify (the forecast) a page
    # may list fewer than PAGE and "next" goes on from the last person screened.
    window_end = next(iter(people.rows(("window end", SCREEN_AT_MOST), lambda qs: qs.order_by(
        "id").values_list("id")[SCREEN_AT_MOST - 1:SCREEN_AT_MOST])), (None,))[0]
    window = people if window_end is None else people.narrowed(
        "until", lambda qs, until: qs.filter(pk__lte=until), window_end)
    # Walked in id order by the database: the whole scope of a province or the tree, or one
    # unit; an officer's several units are gathered and sorted (qualify.candidates).
    in_order = unit is not None or shape[0] != "closure"
    narrowed = mode == "now" and narrowable(award, in_order)
    if narrowed:  # of the window, only those who might qualify are screened
        window = candidates(window, award, year,
                            (int(after) if is_number(after) else None, window_end), params,
                            in_order)
    rows = with_standing(_screened(window, award, mode, year, params,
                                   first_chunk=_first_chunk(award, narrowed)),
                         verdict_year, batch_size=PAGE + 1)
    found, more = _page_of(rows)
    return render(request, "awards/qualify.html", {
        "award": award, "year": year, "unit": unit, "mode": mode, "rows": found,
        "names": names, "choices": [(c, names[c]) for c in choices],
        "page_number": _number(request.GET.get("page")) if is_number(after) else 1,
        "next_after": found[-1].person.pk if more else window_end,
        "window_ended": not more and window_end is not None, "screen_at_most": SCREEN_AT_MOST})


class _Unit(NamedTuple):
    """The unit a page is filtered by, as it uses it (its id, its code in the form)."""

    pk: int
    code: str


def _unit(user, code: str) -> _Unit:
    """`get_in(units_for_user(user), code=code)` as (id, code), its statement kept per process
    by the user's scope shape of the units (a Unit and its parent built to read two values
    were ~1 ms of the filtered page's Python, session 14). 404 outside the scope."""
    shape = scope_shape(user, Unit, "id")
    found = kept_rows(("qualify unit", shape), lambda code: units_in_scope(shape).order_by(
        "pk").filter(code=code).values_list("pk", "code")[:1], code)
    if not found:
        raise Http404
    return _Unit(*found[0])


PAGE = 50  # rows of a "who qualifies" page
SCREEN_AT_MOST = 2000  # people screened for one page at most
# People screened before the first row of a broad title (then chunks double): two pages and a
# half. Most staff qualify for LĐTT in a province; on the benchmark's province one in two does
# (51 rows from ~104 people), so 128 fill a page with room to spare; 4 × PAGE read the
# histories of ~100 people a page never shows (~1.5 ms of CPU, session 10, h1).
FIRST_CHUNK = 128
NARROW_CHUNK = 8 * PAGE  # the same for a narrower title without candidates (_first_chunk)
# Candidates screened before the first row (_first_chunk): a page and a quarter. Where
# candidates qualify they do nine in ten (a page of 51 rows needs ~57); where they do not
# (a unit's people of another kind) the chunks double and the window is screened whole either
# way. 2 × PAGE built and judged ~40 people a page never shows (~1 ms of CPU, session 10, h1).
CANDIDATES_CHUNK = 64
BROAD_TITLES = (ALL, "ldtt", "giay_khen")  # a "good" rating is enough: most staff qualify


def _first_chunk(award: str, narrowed: bool = False) -> int:
    """People to screen before the first row. LĐTT and Giấy khen ask a "good" task rating
    (Law 06/2022/QH15 Art. 24.1, Art. 75): most staff qualify and FIRST_CHUNK fills a page.
    Every other title or form asks more of fewer (CSTĐ cơ sở: LĐTT and an excellent rating or
    a recognised initiative, Art. 23): with 4 × PAGE one unit's page needed a second chunk
    (eight more queries and more people screened than twice as many at once;
    docs/performance.md, session 8, h6). Among the candidates of a narrowed title
    (`qualify.candidates`) most qualify: CANDIDATES_CHUNK fill a page (one unit's CSTĐ cơ sở:
    340 candidates of 2,000 people, nine in ten of them qualify). Only the cost changes, never
    a verdict."""
    if narrowed:
        return CANDIDATES_CHUNK
    return FIRST_CHUNK if award in BROAD_TITLES else NARROW_CHUNK


def _screened(people, award, mode, year, params, first_chunk=None):
    """(person, verdict) of everyone in `people` who qualifies, in id order, lazily."""
    # The Screener this process keeps for the parameters (qualify.kept_screener): the rules
    # are not run again for the paths earlier pages learnt.
    chunk = {"first_chunk": first_chunk} if first_chunk else {}
    screener = kept_screener(params)
    if award == ALL:
        return ((person, verdict) for person, verdicts in qualifying_each(
            people, INDIVIDUAL_AWARDS, year, params, screener=screener, **chunk)
            for verdict in verdicts)
    return (forecast if mode == "forecast" else qualifying)(people, award, year, params,
                                                            screener=screener, **chunk)


def _page_of(rows) -> tuple[list, bool]:
    """The first PAGE rows — or a few more, so that one person's verdicts (award=all) stay on
    one page — and whether rows remain after them."""
    found = []
    for row in rows:
        if len(found) >= PAGE and row.person.pk != found[-1].person.pk:
            return found, True
        found.append(row)
    return found, False


def _number(raw) -> int:
    return int(raw) if is_number(raw or "") and int(raw) > 0 else 1


@login_required
def parameter_add(request, code):
    require(request, "awards.manage_catalogue")
    award_type = get_in(AwardType.objects.all(), code=code)
    return form_page(
        request, ParameterForm(request.POST or None),
        lambda data: catalogue_domain.set_parameter(request.user, award_type, **data),
        title=_("New dated value: %(name)s") % {"name": award_type.name}, submit=_("Save"),
        done=lambda _r: reverse("awards:catalogue"), success_message=_("New value recorded."))


@login_required
def authorities(request):
    """Who grants what, dated (Law 06/2022/QH15 Art. 77–80; Decree 129/2025/NĐ-CP Art. 59),
    filtered by title/form and by the date in force."""
    require(request, "awards.view_catalogue")
    return kept_page(request, AUTHORITIES_TABLES, lambda: _authorities(request))


def _authorities(request):
    # In force today unless another date is asked for; `?on=` (empty) lists every period.
    on = _date(request.GET.get("on")) if "on" in request.GET else timezone.localdate()
    rows = granting_domain.in_force(on) if on else GrantingAuthority.objects.all()
    award = request.GET.get("award", "")
    if award:
        rows = rows.filter(award_type__code=award)
    rows = rows.select_related("award_type").order_by(
        "award_type__category", "award_type__sort_order", "unit_level", "unit_kind",
        "-valid_from")
    return render(request, "awards/authorities.html", {
        "page": paginate(request, rows, per_page=100),
        "awards": AwardType.objects.order_by("category", "sort_order"), "award": award,
        "on": on, "can_manage": request.user.has_perm("awards.manage_catalogue")})


def _date(raw):
    try:
        return datetime.date.fromisoformat(raw) if raw else None
    except ValueError:
        return None


@login_required
def authority_add(request):
    require(request, "awards.manage_catalogue")
    return form_page(
        request, AuthorityForm(request.POST or None),
        lambda data: granting_domain.set_authority(request.user, **data),
        title=_("New granting authority"), submit=_("Save"),
        done=lambda _r: reverse("awards:authorities"), success_message=_("Authority recorded."))


@login_required
def authority_end(request, public_id):
    require(request, "awards.manage_catalogue")
    row = get_in(GrantingAuthority.objects.select_related("award_type"), public_id=public_id)
    return form_page(
        request, AuthorityEndForm(request.POST or None),
        lambda data: granting_domain.end_authority(request.user, row, **data),
        title=_("End: %(row)s") % {"row": f"{row.award_type.name} — {row.office}"},
        submit=_("Save"), done=lambda _r: reverse("awards:authorities"),
        success_message=_("Authority ended."))


@login_required
def record_add(request, public_id):
    person = get_in(people_for_user(request.user), public_id=public_id)
    require(request, "awards.change_ledger", person)
    return form_page(
        request, RecordForm(request.POST or None),
        lambda data: ledger_domain.record_award(request.user, person=person, source="manual",
                                                **data),
        title=_("Record an award: %(name)s") % {"name": person.full_name}, submit=_("Save"),
        done=lambda _r: reverse("awards:person_profile", args=[person.public_id]),
        success_message=_("Award recorded."))


@login_required
def record_revoke(request, public_id):
    """Revoke by the revoking decision; only the granting authority's staff (or its
    successor's) get the form (awards.domain.authority)."""
    entry = get_in(scoped_records(request.user), public_id=public_id)
    if not request.user.has_perm("awards.amend_record", entry):
        return refused(request, refusal(entry))
    form = RevokeForm(request.POST or None, initial={"decision_issuer": entry.issuer})
    return form_page(
        request, form, lambda data: ledger_domain.revoke_award(request.user, entry, **data),
        title=_("Revoke: %(award)s") % {"award": entry}, submit=_("Revoke"),
        done=lambda _r: reverse("awards:ledger"), success_message=_("Award revoked."))


@login_required
def record_correct(request, public_id):
    """Correct a record entered by hand or imported, by the correcting decision; the same
    granting-authority rule as revocation."""
    entry = get_in(scoped_records(request.user), public_id=public_id)
    if not request.user.has_perm("awards.amend_record", entry):
        return refused(request, refusal(entry))
    initial = {name: getattr(entry, name) for name in ledger_domain.CORRECTABLE}
    form = CorrectRecordForm(request.POST or None, initial=initial)
    return form_page(
        request, form, lambda data: ledger_domain.correct_award(request.user, entry, **data),
        title=_("Correct: %(award)s") % {"award": entry}, submit=pgettext("ledger", "Correct"),
        done=lambda _r: reverse("awards:ledger"), success_message=_("Award corrected."))


@login_required
def fact_add(request, public_id, fact):
    """Record a discipline (fact="discipline") or open a pending matter (fact="pending")."""
    person = get_in(people_for_user(request.user), public_id=public_id)
    require(request, "awards.change_ledger", person)
    form_class, action, title = {
        "discipline": (DisciplineForm, facts_domain.record_discipline, _("Record discipline")),
        "pending": (PendingForm, facts_domain.open_matter, _("Open a pending matter")),
    }[fact]
    return form_page(
        request, form_class(request.POST or None),
        lambda data: action(request.user, person, **data),
        title=f"{title}: {person.full_name}", submit=_("Save"),
        done=lambda _r: reverse("awards:person_profile", args=[person.public_id]),
        success_message=_("Saved."))


@login_required
def collective_profile(request, public_id):
    collective = get_in(collectives_for_user(request.user), public_id=public_id)
    require(request, "awards.view_ledger", collective)
    year = _year(request)
    names = dict(AwardType.objects.values_list("code", "name"))
    return render(request, "awards/collective_profile.html", {
        "collective": collective, "year": year,
        "records": collective.award_records.select_related("award_type").order_by("-year"),
        "ratings": collective.task_ratings.order_by("-year"),
        "overview": collective_overview(collective, year, names)})
