"""The ledger page's queries do not grow with its rows, whatever the subjects' kinds (issue 14:
subjects are prefetched by kind, not joined)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from awards.domain import ledger
from awards.models import AwardType
from tests.factories import CollectiveFactory, HouseholdFactory, PersonFactory

pytestmark = pytest.mark.django_db


def _records(unit, n, start):
    """n records of each subject kind: a person, a collective, a household."""
    giay_khen = AwardType.objects.get(code="giay_khen")
    for i in range(start, start + n):
        person = PersonFactory(unit=unit)
        for subject in ({"person": person}, {"collective": CollectiveFactory(unit=unit)},
                        {"household": HouseholdFactory(head=PersonFactory(unit=unit),
                                                       unit=unit)}):
            ledger.record_award(None, award_type=giay_khen, year=2000 + i,
                                decision_number=f"{i}/QĐ-UBND",
                                decision_date=datetime.date(2001 + i, 1, 20), issuer="UBND",
                                issuer_unit=unit, **subject)


def _queries(client, params=None) -> tuple[int, list]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("awards:ledger"), params or {})
    assert response.status_code == 200
    return len(captured.captured_queries), response.context["page"].object_list


@pytest.mark.parametrize("params", [{}, {"q": "ubnd"}, {"award": "giay_khen", "year": ""}])
def test_ledger_queries_are_the_same_for_3_or_30_rows(client, board_user, dept_a, params):
    client.force_login(board_user)
    client.get(reverse("core:home"))  # the menu is computed once per role set and process
    _records(dept_a, 1, 0)
    few, rows = _queries(client, params)
    assert len(rows) == 3
    _records(dept_a, 9, 1)
    many, rows = _queries(client, params)
    assert len(rows) == 30
    assert many == few


def test_ledger_rows_name_each_kind_of_subject(client, board_user, dept_a):
    client.force_login(board_user)
    _records(dept_a, 1, 0)
    _count, rows = _queries(client)
    assert sorted(type(r.subject).__name__ for r in rows) == ["Collective", "Household",
                                                             "Person"]
    page = client.get(reverse("awards:ledger")).content.decode()
    for record in rows:
        assert str(record.subject) in page


@pytest.mark.parametrize(("q", "found"), [
    ("nguyen van", ["Nguyễn Văn An"]),            # every word in one subject's name
    ("nguyen 7/kt", ["Nguyễn Văn An"]),            # a word in the name, one in the number
    ("7/kt", ["Nguyễn Văn An", "Trần Văn Bình"]),  # the number alone
    ("tran 8/kt", []),                            # each word somewhere, but not on one record
    ("nguyen binh", []),                          # two subjects' words, no one subject's
    ("hop tac xa", ["Hợp tác xã Văn Lang"]),      # a collective
    ("van", ["Hợp tác xã Văn Lang", "Nguyễn Văn An", "Trần Văn Bình"]),
])
def test_ledger_search_needs_every_word_in_the_subject_or_the_number(dept_a, board_user, q,
                                                                     found):
    from awards.domain.queries import records_for_user  # noqa: PLC0415 next to its use

    giay_khen = AwardType.objects.get(code="giay_khen")
    subjects = [({"person": PersonFactory(unit=dept_a, full_name="Nguyễn Văn An")}, "7"),
                ({"person": PersonFactory(unit=dept_a, full_name="Trần Văn Bình")}, "7"),
                ({"collective": CollectiveFactory(unit=dept_a, name="Hợp tác xã Văn Lang")},
                 "8")]
    for subject, number in subjects:
        ledger.record_award(None, award_type=giay_khen, year=2024,
                            decision_number=f"{number}/KT-UBND",
                            decision_date=datetime.date(2025, 1, 20), issuer="UBND",
                            issuer_unit=dept_a, **subject)
    records = records_for_user(board_user, q)
    assert sorted(r.person.full_name if r.person else r.collective.name
                  for r in records) == found
