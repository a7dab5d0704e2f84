"""The person page (`organisations.views.people.person_detail`), visited by the board under
`make load`: the person, the employment history and, only when there are some, the households
they head and their emulation-staff roles — two queries for most people, four at most."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from organisations.enums import StaffMode
from organisations.models import EmulationStaff
from tests.factories import HouseholdFactory, PersonFactory

pytestmark = pytest.mark.django_db


def _page(client, person) -> tuple[int, str, list[str]]:
    url = reverse("organisations:person_detail", args=[person.public_id])
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response.content.decode(), [_table(q["sql"]) for q in queries]


def _table(sql: str) -> str:
    """The table a statement reads from, its subqueries left out."""
    while (flat := re.sub(r"\([^()]*\)", "", sql)) != sql:
        sql = flat
    return sql.split(" FROM ")[1].split(" ")[0].strip('"')


@pytest.fixture
def board_client(client_for, board_user, school_a):
    client = client_for(board_user)
    _page(client, PersonFactory(unit=school_a))  # warm-up: the layout caches the roles
    return client


def test_most_people_in_two_queries(board_client, school_a):
    person = PersonFactory(unit=school_a, full_name="Lê Văn Tám")
    count, content, tables = _page(board_client, person)
    assert (count, tables) == (2, ["organisations_person", "organisations_employment"])
    # One section heading (the employment history): no household, no staff role.
    assert ("Lê Văn Tám" in content, content.count("<h2>")) == (True, 1)


def test_a_household_head_and_staff_member_shows_both(board_client, school_a):
    person = PersonFactory(unit=school_a)
    HouseholdFactory(head=person, address="Thôn Đồng Bầu")
    EmulationStaff.objects.create(person=person, unit=school_a, mode=StaffMode.values[0],
                                  start_date=datetime.date(2024, 1, 1))
    count, content, tables = _page(board_client, person)
    assert (count, tables) == (4, ["organisations_person", "organisations_employment",
                                   "organisations_household", "organisations_emulationstaff"])
    assert ("Thôn Đồng Bầu" in content, f"<li>{school_a.name} — " in content,
            content.count("<h2>")) == (True, True, 3)


def test_an_outsider_gets_404(client_for, outsider, school_a):
    person = PersonFactory(unit=school_a)
    response = client_for(outsider).get(reverse("organisations:person_detail",
                                                args=[person.public_id]))
    assert response.status_code == 404
