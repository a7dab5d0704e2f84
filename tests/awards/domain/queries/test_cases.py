"""Building eligibility cases from the database (awards.domain.queries.cases): a person's
history is the same however the database returns the rows."""

from collections import defaultdict

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from awards.domain.queries.cases import _grouped, _people_filter, subjects_for_people
from awards.eligibility.facts import HeldAward, Rating
from awards.models import AwardRecord, AwardType, TaskRating
from tests.factories import PersonFactory


def _plainly_grouped(rows) -> dict:
    """The straightforward grouping `_grouped` must equal (what it replaced)."""
    found = defaultdict(list)
    for pid, *key in rows:
        found[pid].append(Rating(*key))
    return dict(found)


def test_grouped_rows_of_people_interleaved_are_grouped_per_person_in_row_order():
    rows = [(1, 2024, "tot"), (2, 2024, "xuat_sac"), (1, 2025, "tot"), (3, 2025, "tot"),
            (2, 2025, "tot"), (1, 2023, "hoan_thanh")]

    found = _grouped(rows, {}, lambda key: Rating(*key))

    assert found == _plainly_grouped(rows)
    assert found[1] == [Rating(2024, "tot"), Rating(2025, "tot"), Rating(2023, "hoan_thanh")]


def test_grouped_builds_each_distinct_fact_once_and_shares_it():
    interned: dict = {}
    found = _grouped([(1, 2025, "tot"), (2, 2025, "tot"), (3, 2024, "tot")], interned,
                     lambda key: Rating(*key))

    assert found[1][0] is found[2][0]
    assert interned == {(2025, "tot"): Rating(2025, "tot"), (2024, "tot"): Rating(2024, "tot")}


@pytest.mark.django_db
def test_histories_of_people_whose_rows_were_written_interleaved(dept_a):
    first, second = PersonFactory(unit=dept_a), PersonFactory(unit=dept_a)
    ldtt = AwardType.objects.get(code="ldtt")
    for year, person in [(2023, first), (2023, second), (2024, first), (2024, second)]:
        TaskRating.objects.create(person=person, unit=dept_a, year=year, rating="tot")
        AwardRecord.objects.create(person=person, unit=dept_a, year=year, award_type=ldtt,
                                   kind="cong_trang", decision_number=f"{year}/QĐ",
                                   decision_date=f"{year + 1}-01-20", issuer="UBND")

    cases = {p.pk: c for p, c, _r in subjects_for_people([first, second], "cstd_co_so", 2025)}

    for person in (first, second):
        assert sorted(cases[person.pk].ratings, key=lambda r: r.year) == [
            Rating(2023, "tot"), Rating(2024, "tot")]
        assert sorted(cases[person.pk].awards, key=lambda a: a.year) == [
            HeldAward("ldtt", 2023), HeldAward("ldtt", 2024)]


def _sparse_people(unit, other_unit, n):
    """`n` people of `unit` whose ids are interleaved with as many of `other_unit`'s (one unit
    of a province: a sparse batch), each with a rating and an LĐTT record in 2024."""
    ldtt = AwardType.objects.get(code="ldtt")
    mine = []
    for i in range(n):
        for owner in (unit, other_unit, other_unit):
            person = PersonFactory(unit=owner)
            TaskRating.objects.create(person=person, unit=owner, year=2024, rating="tot")
            AwardRecord.objects.create(person=person, unit=owner, year=2024, award_type=ldtt,
                                       kind="cong_trang", decision_number=f"{i}/QĐ",
                                       decision_date="2025-01-20", issuer="UBND")
            if owner == unit:
                mine.append(person)
    return mine


@pytest.mark.django_db
def test_a_sparse_batch_selects_exactly_its_peoples_rows(dept_a, dept_b):
    mine = _sparse_people(dept_a, dept_b, 4)
    ids = [p.pk for p in mine]

    where = _people_filter(ids)

    assert sorted(TaskRating.objects.filter(**where).values_list("person_id", flat=True)) == ids
    assert sorted(AwardRecord.objects.filter(**where).values_list("person_id", flat=True)) == ids


@pytest.mark.postgres_only
@pytest.mark.django_db
def test_a_sparse_batch_is_sent_as_one_array_not_one_parameter_per_person(dept_a, dept_b):
    """PostgreSQL: one unit's people (ids far apart) are selected by one array parameter —
    an `IN` of their ids cost Django and psycopg more than the database (session 8, h6)."""
    mine = _sparse_people(dept_a, dept_b, 30)
    ids = [str(p.pk) for p in mine]

    with CaptureQueriesContext(connection) as queries:
        list(subjects_for_people(mine, "cstd_co_so", 2025))

    history = [q["sql"] for q in queries.captured_queries if "awards_taskrating" in q["sql"]]
    assert len(history) == 1
    array = "unnest('{" + ",".join(ids) + "}'::"  # psycopg names the literal's type
    assert (array in history[0], f"({ids[0]}, {ids[1]}" in history[0]) == (True, False)


@pytest.mark.django_db
def test_a_second_chunk_does_not_read_the_award_codes_again(dept_a, django_assert_num_queries):
    """Eight queries for the first chunk, seven for each next one: the award codes are read
    once per screening (a filtered "who qualifies" page screens two or three chunks)."""
    people = [PersonFactory(unit=dept_a) for _ in range(3)]

    with django_assert_num_queries(8 + 7):
        found = [p.pk for p, _c, _r in subjects_for_people(people, "ldtt", 2025, first_chunk=2)]

    assert found == [p.pk for p in people]


@pytest.mark.django_db
def test_a_next_batchs_history_statements_are_not_compiled_again(dept_a, monkeypatch):
    """The seven history statements of a chunk (ratings, awards, discipline, pending matters,
    initiatives, registrations) are the same SQL for every chunk: compiled once per process
    and sent with the next batch's ids (kept_rows; ~3 ms of a "who qualifies" page's Python,
    session 14). Django's compiler watched, not ours."""
    from django.db.models.sql.compiler import SQLCompiler  # noqa: PLC0415 test-local

    people = [PersonFactory(unit=dept_a) for _ in range(4)]
    for person in people:
        TaskRating.objects.create(person=person, unit=dept_a, year=2024, rating="tot")
    list(subjects_for_people(people[:2], "ldtt", 2025))  # the first batch compiles them
    compiled_tables = []
    as_sql = SQLCompiler.as_sql

    def watched(self, *args, **kwargs):
        compiled_tables.append(self.query.model._meta.db_table)
        return as_sql(self, *args, **kwargs)

    monkeypatch.setattr(SQLCompiler, "as_sql", watched)
    found = {p.pk: c for p, c, _r in subjects_for_people(people[2:], "ldtt", 2025)}

    history = {"awards_taskrating", "awards_awardrecord", "awards_disciplinerecord",
               "awards_pendingmatter", "emulation_initiativeauthor",
               "emulation_registrationentry", "emulation_registration"}
    assert [table for table in compiled_tables if table in history] == []
    assert {pid: case.ratings for pid, case in found.items()} == {
        p.pk: (Rating(2024, "tot"),) for p in people[2:]}
