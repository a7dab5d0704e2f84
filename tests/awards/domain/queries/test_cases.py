"""Building eligibility cases from the database (awards.domain.queries.cases): a person's
history is the same however the database returns the rows."""

from collections import defaultdict

import pytest

from awards.domain.queries.cases import _grouped, subjects_for_people
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
