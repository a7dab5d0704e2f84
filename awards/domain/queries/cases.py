"""Build eligibility Cases from the database in six set-based queries (the engine itself
never touches the ORM). One person: `case_for`; a province: `cases_for_people` in chunks."""

import datetime
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from typing import NamedTuple

from django.db import connection
from django.db.models import Count, Q, QuerySet
from django.db.models.expressions import RawSQL

from awards.domain.parameters import law_tables
from awards.domain.providers import (
    collective_registration,
    initiative_facts,
    registration_facts,
)
from awards.eligibility.facts import (
    Case,
    Discipline,
    HeldAward,
    HistoryIndex,
    Members,
    Rating,
    Subject,
    assembler,
)
from awards.models import (
    AwardRecord,
    DisciplineRecord,
    PendingMatter,
    TaskRating,
)
from core.interfaces.compiled import kept_rows
from organisations.enums import CollectiveKind
from organisations.models import Collective, Employment, Person

CHUNK = 5000
# The Person fields a case needs, and those a list of people found shows (`PersonFacts`).
CASE_FIELDS = ("id", "public_id", "gender", "is_leader", "is_direct_worker", "unit_id")
SHOWN_FIELDS = ("full_name", "position")
# The unit's name, read in the people's own statement: a unit's name for each of a page's
# ~128 people is one join (an index probe or a hash of the province's few dozen units), where
# every unit's name read apart was a query a page (session 16, hA).
UNIT_NAME = "unit__name"


class PersonFacts:
    """A person as the case builder needs them and a list shows them, from one database row:
    screening a province reads 100,000 people, and building model instances for them cost a
    third as much as reading their whole histories. `unit` is the unit's name. Anything with
    the case attributes (a Person too) will do for `cases_for_people`. `row`: CASE_FIELDS,
    SHOWN_FIELDS and UNIT_NAME (None: no unit)."""

    __slots__ = ("pk", "public_id", "gender", "is_leader", "is_direct_worker", "unit_id",
                 "full_name", "position", "unit")

    def __init__(self, row: tuple):
        (self.pk, self.public_id, self.gender, self.is_leader, self.is_direct_worker,
         self.unit_id, self.full_name, self.position, unit) = row
        self.unit = unit or ""

    def __str__(self) -> str:
        return self.full_name


class KeptPeople(NamedTuple):
    """People as a statement kept per process (core.interfaces.compiled.kept_rows):
    `build(*values)` is their queryset, the same SQL for every call with an equal `key`, which
    holds everything else `build` reads (a scope's shape, which filters are set). A "who
    qualifies" page reads its window's end, its candidates and its people's rows from it:
    building and compiling the scoped querysets was ~3 ms of its Python (session 14, hD)."""

    key: tuple
    build: Callable[..., QuerySet]
    values: tuple

    def queryset(self) -> QuerySet:
        return self.build(*self.values)

    def narrowed(self, name: str, narrow: Callable[..., QuerySet], *values) -> "KeptPeople":
        """These people narrowed by `narrow(queryset, *values)`, named `name` in the key."""
        build, count = self.build, len(self.values)
        return KeptPeople((*self.key, name),
                          lambda *all_values: narrow(build(*all_values[:count]),
                                                     *all_values[count:]),
                          (*self.values, *values))

    def rows(self, name: str, rows: Callable[[QuerySet], QuerySet], *values,
             prepare: bool = False) -> list[tuple]:
        """`rows(queryset, *values)` (a `values_list`) of these people, kept as `name`
        (`prepare`: as kept_rows')."""
        build, count = self.build, len(self.values)
        return kept_rows((*self.key, name), lambda *all_values: rows(
            build(*all_values[:count]), *all_values[count:]), *self.values, *values,
            prepare=prepare)


def person_facts(people: "QuerySet | KeptPeople", chunk: int = CHUNK) -> Iterator[PersonFacts]:
    """The people of `people`, in id order (dense id ranges: see `_people_filter`), read in
    batches by seek key (`id > last`), `chunk` first, then doubling up to CHUNK. Not a
    server-side cursor: outside a transaction PostgreSQL materialises a WITH HOLD cursor's
    whole result (100,000 people sorted, ~130 ms) before the first row, even for a page
    that needs 200. `people` as `KeptPeople`: each batch's statement kept per process."""
    if isinstance(people, KeptPeople):
        # Prepared: a page's people are walked in id order by the person index, whatever the
        # scope, unit, window and year (a LĐTT page's people statement carries the title's
        # conditions, qualify.NECESSARY_EACH: planning it was ~1 ms of PostgreSQL a page,
        # more than running it, session 17, hA).
        def first(size):
            return people.rows(("facts", size), lambda qs: _facts_of(qs)[:size], prepare=True)

        def following(size, last):
            return people.rows(("facts after", size), lambda qs, last: _facts_of(qs).filter(
                id__gt=last)[:size], last, prepare=True)
    else:
        def first(size):
            return list(_facts_of(people)[:size])

        def following(size, last):
            return list(_facts_of(people).filter(id__gt=last)[:size])
    batch, size = first(chunk), chunk
    while batch:
        for row in batch:
            yield PersonFacts(row)
        if len(batch) < size:
            return
        size = min(2 * size, CHUNK)
        batch = following(size, batch[-1][0])


def _facts_of(people: QuerySet) -> QuerySet:
    return people.order_by("id").values_list(*CASE_FIELDS, *SHOWN_FIELDS, UNIT_NAME)


def _subject(person: Person) -> Subject:
    return Subject(kind="individual", gender=person.gender, is_leader=person.is_leader,
                   is_direct_worker=person.is_direct_worker)


def _people_filter(person_ids: list[int]) -> dict:
    """The filter selecting these people's rows. A province is screened in id order, so a
    batch is usually a dense id range: `BETWEEN` costs one parameter where `IN` costs five
    thousand (Django prepares each). Rows of people outside the batch are skipped by the
    callers; a sparse batch (one unit's people) keeps `IN`."""
    low, high = min(person_ids), max(person_ids)
    if high - low + 1 <= 2 * len(person_ids):
        return {"person_id__gte": low, "person_id__lte": high}
    if connection.vendor == "postgresql":
        return {"person_id__in": _id_array(person_ids)}
    return {"person_id__in": person_ids}


def _id_array(person_ids: list[int]) -> RawSQL:
    """The ids as one array parameter (PostgreSQL). A sparse batch — one unit's people, a
    few hundred ids — sent as `IN (%s, %s, …)` cost more in Python than in the database: Django
    prepares every id of every one of a chunk's seven queries, and psycopg re-parses each long
    query text (too long for its cache), about half of the filtered "who qualifies" page
    (docs/performance.md, session 8, h6). One array makes each query short and alike; the
    planner still reads the person index once per id (a semi-join on the unnested array)."""
    return RawSQL("SELECT unnest(%s::bigint[])", (list(person_ids),))


def batch_rows(name: str, where: dict, build: Callable[..., QuerySet], *more) -> list[tuple]:
    """`list(build(where, *more))`, `build` a `values_list` of the rows of the people `where`
    (`_people_filter`) selects, its SQL kept per process for `name` and the filter's shape
    (an id range, an id array) and sent with this batch's values (core.interfaces.compiled
    .kept_rows): the same statements are built for every chunk of every screening. `more`:
    the other values that change from call to call (the year), each one parameter. `name`
    must name the statement `build` makes, everything else it reads being code. Prepared on
    PostgreSQL: planned once a connection (index scans of the people's rows whatever the ids)."""
    low, high = where.get("person_id__gte"), where.get("person_id__lte")
    ids = where.get("person_id__in")
    if low is not None and high is not None and len(where) == 2:
        return kept_rows((name, "range"), lambda low, high, *more: build(
            {"person_id__gte": low, "person_id__lte": high}, *more), low, high, *more,
            prepare=True)
    if isinstance(ids, RawSQL) and len(where) == 1:
        return kept_rows((name, "array"), lambda ids, *more: build(
            {"person_id__in": _id_array(ids)}, *more), ids.params[0], *more, prepare=True)
    return list(build(where, *more))


def _facts(where: dict) -> tuple[dict, dict]:
    """Discipline periods and open pending matters of the people `where` selects (two small
    queries). Rows of people in the id range but outside the batch are never looked up."""
    discipline, pending = defaultdict(list), defaultdict(list)
    for pid, level, start, end in batch_rows(
            "discipline", where, lambda where: DisciplineRecord.objects.filter(**where)
            .order_by().values_list("person_id", "level", "start", "end")):
        discipline[pid].append(Discipline(level, start, end))
    for pid, kind in batch_rows(
            "pending", where, lambda where: PendingMatter.objects.filter(
                **where, closed_on__isnull=True).order_by().values_list("person_id", "kind")):
        pending[pid].append(kind)
    return discipline, pending


def _histories(where: dict, interned: dict) -> tuple[dict, dict]:
    """person id → ratings, and person id → held awards, as engine facts, for the people
    `where` selects (rows of people outside the batch are never looked up).

    Facts are immutable values and repeat across a province (a few dozen distinct ratings, a
    few thousand distinct awards), so each distinct one is built once and shared through
    `interned` (kept for a whole screening, with the award codes): less work and less memory."""
    codes = interned.get("codes") or interned.setdefault("codes", award_codes())
    rating_of: dict[tuple, Rating] = interned.setdefault("ratings", {})
    award_of: dict[tuple, HeldAward] = interned.setdefault("awards", {})
    # Unordered: the models' default ordering would make the database sort every batch.
    ratings = _grouped(batch_rows("ratings", where, lambda where: TaskRating.objects.filter(
        **where).order_by().values_list("person_id", "year", "rating")),
        rating_of, lambda key: Rating(*key))
    awards = _grouped(batch_rows("awards", where, lambda where: AwardRecord.objects.filter(
        **where).order_by().values_list("person_id", "award_type_id", "year", "kind",
                                        "revoked")),
        award_of, lambda key: HeldAward(codes[key[0]], *key[1:]))
    return ratings, awards


def _grouped(rows, interned: dict, build) -> dict[int, list]:
    """person id → the facts of their `rows` ((person id, *fact key)), each distinct fact built
    once by `build(key)` and shared through `interned`. Rows come in no set order, but a
    table filled person by person returns each person's rows together: the current person's
    list is kept at hand instead of looked up again for every row (the loop runs once per
    row of the ledger — 1.7 million for a province)."""
    found: dict[int, list] = {}
    last, facts, known = None, None, interned.get
    for row in rows:
        key = row[1:]
        fact = known(key)
        if fact is None:
            fact = interned[key] = build(key)
        if row[0] != last:
            last = row[0]
            facts = found.get(last)
            if facts is None:
                facts = found[last] = []
        facts.append(fact)
    return found


def award_codes() -> dict[int, str]:
    """award type id → code (about fifty rows; saves a join on every ledger row). Kept per
    process with the law tables (`law_tables`); read, never changed."""
    return law_tables().codes


def case_for(person: Person, award: str, year: int) -> Case:
    return next(_chunk([person], award, year, {}))[1]


def cases_for_nominations(nominations: list[tuple[Person, str]], year: int) -> list[Case]:
    """One case per (person, award code) asked, in that order, the histories of all the
    people read together (the queries of one chunk, however many they are): a proposal's
    nominees judged at submission. Each case equals `case_for(person, award, year)`."""
    people = list({person.pk: person for person, _award in nominations}.values())
    if not people:
        return []
    found = {person.pk: (case, registered) for person, case, registered
             in subjects_for_people(people, nominations[0][1], year)}
    cases = []
    for person, award in nominations:
        case, registered = found[person.pk]
        cases.append(case.for_award(award, registered=_registered(registered, award)))
    return cases


def cases_for_people(people: Iterable[Person | PersonFacts], awards_wanted: list[str],
                     year: int, first_chunk: int = CHUNK
                     ) -> Iterator[tuple[Person | PersonFacts, Case]]:
    """Yield (person, case) for every person × award, loading histories CHUNK people at a time.
    `people`: Person instances or, for a province, `person_facts(queryset)` (cheaper)."""
    if not awards_wanted:
        return
    first, *others = awards_wanted
    for person, case, registered in subjects_for_people(people, first, year, first_chunk):
        yield person, case
        for award in others:
            yield person, case.for_award(award, registered=_registered(registered, award))


def subjects_for_people(people: Iterable[Person | PersonFacts], award: str, year: int,
                        first_chunk: int = CHUNK
                        ) -> Iterator[tuple[Person | PersonFacts, Case, frozenset[str] | None]]:
    """Yield (person, their case for `award`, the award codes of their approved registrations
    in `year` or None when not checked), loading histories CHUNK people at a time. The case's
    history is shared by `case.for_award(...)` twins (Screener.screen_each builds them only
    when needed). A page that needs only its first few dozen found passes a small
    `first_chunk`: the chunks then double up to CHUNK, so it stops after screening about as
    many people as it needed, not 5,000."""
    batch: list = []
    interned: dict = {}
    size = min(first_chunk, CHUNK)
    for person in people:
        batch.append(person)
        if len(batch) >= size:
            yield from _chunk(batch, award, year, interned)
            batch, size = [], min(2 * size, CHUNK)
    if batch:
        yield from _chunk(batch, award, year, interned)


def _chunk(batch, award, year, interned):
    ids = [p.pk for p in batch]
    where = _people_filter(ids)
    ratings, held = _histories(where, interned)
    discipline, pending = _facts(where)
    initiatives = initiative_facts(ids, where)  # recognised initiatives and their one-use state
    registrations = registration_facts(batch, year, where)  # approved registrations, or None
    empty = ()
    subjects = interned.setdefault("subjects", {})
    for person in batch:
        pid = person.pk
        # One person's history, built once and shared by the cases of every award asked for.
        person_ratings, person_awards = tuple(ratings.get(pid, empty)), tuple(held.get(pid, empty))
        person_discipline = tuple(discipline.get(pid, empty))
        traits = (person.gender, person.is_leader, person.is_direct_worker)
        subject = subjects.get(traits)
        if subject is None:
            subject = subjects[traits] = _subject(person)
        registered = registrations[pid]
        yield person, _make_case(
            str(person.public_id), award, year, subject, person_ratings, person_awards,
            person_discipline, tuple(pending.get(pid, empty)), initiatives.get(pid, empty),
            _registered(registered, award),
            HistoryIndex(person_ratings, person_awards, person_discipline)), registered


# A province builds a case per person: the field names are checked once (facts.assembler).
_make_case = assembler(Case, ("id", "award", "year", "subject", "ratings", "awards",
                              "discipline", "pending", "initiatives", "registered", "history"))


def _registered(codes: frozenset[str] | None, award: str) -> bool | None:
    return None if codes is None else award in codes


def members_of(collective: Collective, year: int) -> Members | None:
    """Member figures of a whole-unit collective for `year`, from the ledger: people employed in
    the unit during the year, their ratings, LĐTT / CSTĐ cơ sở records and discipline. Parts of a
    unit (sub-collectives) have no member list in TĐKT yet: None (the engine says so)."""
    if collective.kind != CollectiveKind.WHOLE_UNIT:
        return None
    first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    jobs = Employment.objects.filter(unit=collective.unit, start_date__lte=last).filter(
        Q(end_date__isnull=True) | Q(end_date__gte=first))
    people = jobs.values("person_id")
    titles = dict(AwardRecord.objects.filter(person_id__in=people, year=year, revoked=False,
                                             award_type__code__in=["ldtt", "cstd_co_so"])
                  .values_list("award_type__code").annotate(n=Count("person", distinct=True)))
    return Members(
        total=jobs.values("person").distinct().count(),
        completed_tasks=TaskRating.objects.filter(person_id__in=people, year=year).exclude(
            rating="khong_hoan_thanh").values("person").distinct().count(),
        ldtt=titles.get("ldtt", 0), cstd_co_so=titles.get("cstd_co_so", 0),
        disciplined_warning_or_above=DisciplineRecord.objects.filter(
            person_id__in=people, start__lte=last).filter(
            Q(end__isnull=True) | Q(end__gte=first)).exclude(level="khien_trach")
        .values("person").distinct().count())


def case_for_collective(collective: Collective, award: str, year: int) -> Case:
    ratings = tuple(Rating(y, r) for y, r in collective.task_ratings.values_list("year",
                                                                                  "rating"))
    codes = award_codes()
    held = tuple(HeldAward(codes[t], y, k, rv) for t, y, k, rv in
                 collective.award_records.values_list("award_type_id", "year", "kind",
                                                      "revoked"))
    pending = tuple(collective.pending_matters.filter(closed_on__isnull=True)
                    .values_list("kind", flat=True))
    return Case(id=str(collective.public_id), award=award, year=year,
                subject=Subject(kind="collective"), ratings=ratings, awards=held,
                pending=pending, members=members_of(collective, year),
                registered=_registered(collective_registration(collective, year), award))
