"""Province-wide lists: who qualifies for an award in a year, and who will next year if their
current pattern continues.

People are read as rows (`person_facts`), histories in chunks (awards.domain.queries.cases), and
the engine runs in memory through one Screener per list (awards.eligibility.screening), which
learns each rule's outcomes once per distinct path instead of re-running the rule for every
person. The people come with the fields the list shows (`PersonFacts`): no second query."""

import dataclasses
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import NamedTuple

from django.db import connection
from django.db.models import Exists, OuterRef, QuerySet
from django.db.models.expressions import RawSQL

from awards.domain.providers import initiative_authors, registration_possible
from awards.domain.queries.cases import (
    CHUNK,
    KeptPeople,
    PersonFacts,
    cases_for_people,
    person_facts,
    subjects_for_people,
)
from awards.domain.queries.standing import Standing, standings
from awards.eligibility.engine import Verdict
from awards.eligibility.facts import RATING_ORDER, Case, HeldAward, Rating
from awards.eligibility.laws import Parameters
from awards.eligibility.screening import Screener
from awards.models import AwardRecord, TaskRating

# Titles a person is assumed to receive next year when they qualify for them (the forecast).
FEEDING_TITLES = ("ldtt", "cstd_co_so", "cstd_tinh")


def candidates(people: "QuerySet | KeptPeople", award: str, year: int,
               ids: tuple[int | None, int | None] = (None, None),
               params: Parameters | None = None, in_order: bool = True
               ) -> "QuerySet | KeptPeople":
    """`people` less those who cannot qualify for `award` in `year`, by a condition every
    eligible person meets (`NECESSARY`): the screening then builds and judges only the few who
    might. Same verdicts: the engine still judges each candidate. Titles without a cheap
    necessary condition here (Giấy khen, every title at once) are unchanged.

    For a page's window of people (at most a few thousand): which of them meet the condition,
    read in one statement by index probes of the window's people, which stay in the database
    as a subquery — reading their ids into Python and sending them back as an array cost more
    than the probes (2,000 ids dumped twice: docs/performance.md, session 10, h1). As one
    `EXISTS … OR IN …` filter on the people PostgreSQL hashed every excellent rating of the
    year of the province (17,000 rows by a parallel scan of the ratings, 60–90 ms) or walked
    the whole person index: hence the candidates' ids first, the people by those ids after.

    `ids`: the window's id range (after, up to), when known. Redundant with the subquery, it
    lets PostgreSQL read the year's excellent ratings of that range from `rating_year_level`
    (one unit's 2,000 people span 28,000 ids: 4,500 index entries, 1.4 ms) and hash them,
    instead of one probe per person (2,000 probes, 6,000 pages, 4 ms).

    `params` (the screening's): where they make `award` need an emulation registration in
    `year` (Parameters.registration_required), the window's people are also narrowed to those
    whose case may say they registered (`providers.registration_possible`) — the engine's
    check_registration refuses everyone else (every title narrowed here checks it first: its
    `_common`). A unit that registered for the year but not for `award` (a province's schools
    for CSTĐ cơ sở, on the benchmark) then has no candidate: its page was 3 chunks, 330
    candidates judged to list nobody (session 16, hA).

    `people` as `KeptPeople` (a page's window): the statement kept per process, and the
    candidates as `KeptPeople` too (narrowed to their ids).

    `in_order`: whether the database walks `people` in id order (the whole province, one
    unit), so that a condition of each person (NECESSARY_EACH) is checked only until the page
    is full. Not so for an officer's several units (gathered unit by unit and sorted): each
    of the window's people would be probed (canbo_sgd: 1,209 rating probes, +2 ms of
    PostgreSQL for ~1.5 ms of Python saved); their people are screened unnarrowed."""
    registration = params is not None and params.registration_required(award, year) is not None
    if in_order and (each := NECESSARY_EACH.get(award)) is not None:
        def narrow(people: QuerySet, year: int) -> QuerySet:
            if registration:
                people = people.filter(registration_possible(award, year))
            return people.filter(each(year))
        if isinstance(people, KeptPeople):
            return people.narrowed(("each", award, registration), narrow, year)
        return narrow(people, year)
    necessary = NECESSARY.get(award)
    if necessary is None:
        return people
    after, until = ids
    bounds = (after is not None, until is not None)
    values = tuple(value for value in ids if value is not None)

    def meeting(people: QuerySet, *values) -> QuerySet:
        """The ids of `people` (in the id range `values`) meeting the condition."""
        if registration:
            people = people.filter(registration_possible(award, year))
        found = iter(values)
        window = {"person_id__in": people.order_by().values("pk"),
                  **({"person_id__gt": next(found)} if bounds[0] else {}),
                  **({"person_id__lte": next(found)} if bounds[1] else {})}
        return necessary(window, year)
    if isinstance(people, KeptPeople):  # the page's: its statement kept per process
        # The year in the key: a year's dates are the initiatives' parameters (kept_rows).
        found = people.rows(("candidates", award, year, bounds, registration), meeting,
                            *values)
        return people.narrowed("among", lambda qs, ids: qs.filter(**_among("pk", ids)),
                               sorted({pid for pid, in found}))
    return people.filter(**_among("pk", sorted(
        {pid for pid, in meeting(people, *values)})))


def _among(field: str, ids: list[int]) -> dict:
    """`field` among `ids`: on PostgreSQL one array parameter, not one per id (the reason of
    queries.cases._id_array)."""
    if connection.vendor == "postgresql":
        return {f"{field}__in": RawSQL("SELECT unnest(%s::bigint[])", (list(ids),))}
    return {f"{field}__in": list(ids)}


def _excellent_or_initiative(among: dict, year: int) -> QuerySet:
    """CSTĐ cơ sở: an "excellent" task rating in the year (Law 06/2022/QH15 Art. 23.1) or an
    initiative recognised that year (Art. 23.1; under Law 2013 Art. 23 the initiative alone).
    The armed forces' combat record that stands for it (Art. 21–23) is never met by the
    screening, whose subjects are civilians (queries.cases._subject). A rating row of another
    level later in the same year only narrows the engine further (its last rating wins).
    One statement (a UNION of the two), one round trip."""
    excellent = TaskRating.objects.filter(**among, year=year, rating="xuat_sac").order_by()
    authors = initiative_authors(year).filter(**among).order_by()
    return excellent.values_list("person_id").union(authors.values_list("person_id"))


# The task ratings at least "good" (RATING_ORDER: the engine's own order), LĐTT's level.
GOOD_OR_BETTER = tuple(sorted(r for r, order in RATING_ORDER.items()
                              if order >= RATING_ORDER["tot"]))


def _rated_good(year: int) -> Exists:
    """LĐTT: a task rating of the year "good" or better (Law 06/2022/QH15 Art. 24.1; the rule
    `advanced_worker`'s check_rating "ldtt.rating", its PRECHECKS entry). A person has one
    rating a year (`rating_person_year`); the engine reads the year's rating and refuses any
    other. On the benchmark's province one in three of a page's people is rated below "good"
    or not at all: a page read ~104 people's histories to list 51 (session 17, hA)."""
    return Exists(TaskRating.objects.filter(person_id=OuterRef("pk"), year=year,
                                            rating__in=GOOD_OR_BETTER))


def _holds(code: str):
    """The rule's own precheck (rules.individual_titles.PRECHECKS): the lower title of the
    ladder held that year (CSTĐ tỉnh: CSTĐ cơ sở, Law 06/2022/QH15 Art. 22; CSTĐ toàn quốc:
    CSTĐ tỉnh, Art. 21) — here any record of it, revoked or not (the engine narrows)."""
    def holders(among: dict, year: int) -> QuerySet:
        return AwardRecord.objects.filter(**among, year=year, award_type__code=code
                                          ).values_list("person_id")
    return holders


NECESSARY = {"cstd_co_so": _excellent_or_initiative, "cstd_tinh": _holds("cstd_co_so"),
             "cstd_toan_quoc": _holds("cstd_tinh")}
# Conditions most people of a page meet (LĐTT: two in three on the benchmark), as a filter of
# each person (`year` → an EXISTS on the person): the page's people are read by it in their
# own statement, which stops at the page's few dozen — gathering the window's ids first (as
# for NECESSARY) read and sent back ~1,000 ids of 2,000 a page (3 ms of PostgreSQL, more than
# the histories it saved).
NECESSARY_EACH = {"ldtt": _rated_good}


def narrowable(award: str, in_order: bool = True) -> bool:
    """Whether `candidates(…, in_order=in_order)` narrows the people for `award`."""
    return award in NECESSARY or (in_order and award in NECESSARY_EACH)



# The "who qualifies" page's Screener, kept per process with the parameters it was made for.
# What a Screener learns (its decision trees) depends only on the rules (code), its parameters
# and the cases' facts — never on whose case or which request — and every case is still walked
# down the tree by asking its own history: a kept tree gives the verdicts a new one would
# (tests/awards/test_qualify_kept_screener.py). A new Screener a request re-ran the rules for
# every distinct path, ~40 rule runs a page (~1 ms of its ~9 ms of Python, session 16, hA).
# `law_tables()` keeps one LawTables, hence one Parameters object, per law_tables_stamp (the
# database's triggers change it on every write of the law tables): a changed stamp brings new
# parameters and so a new Screener. Without a stamp (a test's flush) every call reads new
# tables: nothing is kept. Bounded: a Screener past KEPT_NODES is replaced by a new one.
_kept_screener: tuple[Parameters, Screener] | None = None
KEPT_NODES = 50_000


def kept_screener(params: Parameters) -> Screener:
    """A Screener for `params`, the one this process keeps for them when it has one."""
    global _kept_screener
    kept = _kept_screener  # one read: another thread may replace it meanwhile
    if kept is not None and kept[0] is params and kept[1].nodes < KEPT_NODES:
        return kept[1]
    screener = Screener(params)
    _kept_screener = (params, screener)  # one assignment: threads see the old pair or this
    return screener


def qualifying(people: "QuerySet | KeptPeople", award: str, year: int, params: Parameters,
               first_chunk: int = CHUNK, screener: Screener | None = None
               ) -> Iterator[tuple[PersonFacts, Verdict]]:
    """The people of `people` eligible for `award` in `year`, in id order, with their verdicts.
    `first_chunk`: how many people to screen first (subjects_for_people). A caller may pass
    its `screener` (for params; `kept_screener`)."""
    screener = screener or Screener(params)
    for person, case in cases_for_people(person_facts(people, first_chunk), [award], year,
                                         first_chunk):
        verdict = screener.screen(case)
        if verdict is not None:
            yield person, verdict


def qualifying_each(people: "QuerySet | KeptPeople", awards: list[str], year: int,
                    params: Parameters, screener: Screener | None = None,
                    first_chunk: int = CHUNK
                    ) -> Iterator[tuple[PersonFacts, list[Verdict]]]:
    """Who qualifies for which of `awards` in `year`: each person of `people` eligible for at
    least one, in id order, with their eligible verdicts in the order of `awards`. A caller may
    pass its own `screener` (for params) to read its counters."""
    screener = screener or Screener(params)
    for person, case, registered in subjects_for_people(person_facts(people, first_chunk),
                                                        awards[0], year, first_chunk):
        verdicts = screener.screen_each(case, awards, registered)
        if verdicts:
            yield person, verdicts


class Row(NamedTuple):
    """A line of a list: the person, the engine's verdict, and where they already stand for
    that award and year (None: eligible and free to propose)."""

    person: PersonFacts
    verdict: Verdict
    standing: Standing | None


def with_standing(rows: Iterable[tuple[PersonFacts, Verdict]], year: int,
                  batch_size: int = CHUNK) -> Iterator[Row]:
    """`rows` with each person's standing for the verdict's award in `year`: a person who holds
    it or is in an open proposal for it is listed as such, not as eligible. One query per
    `batch_size` rows, in the rows' order (a page asks for about its own length: a batch is
    screened for before the first row of it comes out)."""
    rows = iter(rows)
    while batch := list(islice(rows, batch_size)):  # itertools.batched is Python 3.12
        found = standings("person", (p.pk for p, _v in batch), {v.award for _p, v in batch},
                          year)
        for person, verdict in batch:
            yield Row(person, verdict, found.get((person.pk, verdict.award)))


def projected(case: Case, screener: Screener) -> Case:
    """The case one year on, assuming the person keeps this year's task rating and receives,
    this year and next, the feeding titles (LĐTT, CSTĐ cơ sở, CSTĐ tỉnh) they would qualify for
    (the screen states these assumptions)."""
    rating = next((r.rating for r in reversed(case.ratings) if r.year == case.year), None)
    future = dataclasses.replace(
        case, decision_date=None, history=None,
        ratings=case.ratings + ((Rating(case.year + 1, rating),) if rating else ()))
    for year in (case.year, case.year + 1):
        for title in FEEDING_TITLES:
            held = any(a.award == title and a.year == year and not a.revoked
                       for a in future.awards)
            trial = dataclasses.replace(future, award=title, year=year)
            if not held and screener.screen(trial) is not None:
                future = dataclasses.replace(future, history=None,
                                             awards=future.awards + (HeldAward(title, year),))
    return dataclasses.replace(future, year=case.year + 1)


def forecast(people: "QuerySet | KeptPeople", award: str, year: int, params: Parameters,
             first_chunk: int = CHUNK, screener: Screener | None = None
             ) -> Iterator[tuple[PersonFacts, Verdict]]:
    """People not eligible for `award` in `year` who would be in `year + 1` (`screener`: as
    for `qualifying`)."""
    screener = screener or Screener(params)
    for person, case in cases_for_people(person_facts(people, first_chunk), [award], year,
                                         first_chunk):
        if screener.screen(case) is not None:
            continue
        verdict = screener.screen(projected(case, screener))
        if verdict is not None:
            yield person, verdict
