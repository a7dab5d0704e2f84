"""The people list without a search reads a page asked again by the ids kept under the search
copy's commit epoch, as a search does (test_person_search_kept): who is on a page and in what
order are the copy's columns and the unit closure alone, so every committed write that changes
a page shows on the next request, and what the rows show (a position) is read afresh each time.
PostgreSQL only; committed transactions (`transaction=True`): the epoch moves at commit."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.interfaces import paging
from organisations.domain import people
from organisations.domain.tree import move_unit
from organisations.models import Person
from tests.factories import PersonFactory, UnitFactory

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True),
              pytest.mark.usefixtures("pages_not_kept")]

URL = reverse("organisations:person_list")


@pytest.fixture(autouse=True)
def no_kept_pages():
    """Each test starts with no page kept (an earlier test's, at an epoch its flush moved on)."""
    paging._statements.clear()


def listed(client, page: int) -> tuple[list[str], str]:
    """The names on a page of the list, and how it was read: by its kept ids, or in full."""
    with CaptureQueriesContext(connection) as ctx:
        rows = client.get(URL, {"page": page}).context["page"].object_list
    statements = [query["sql"] for query in ctx.captured_queries if "now.epoch" in query["sql"]]
    how = ["ids" if "::bigint[]" in sql else "full" for sql in statements]
    return [person.full_name for person in rows], "+".join(how)


@pytest.fixture
def fifty_two(dept_a):
    """52 people of DEPT_A: page 2 holds the last two."""
    return [PersonFactory(unit=dept_a, full_name=f"Lê Văn {i:02d}") for i in range(52)]


@pytest.mark.parametrize("who", ["board_user", "officer_a"])
def test_a_repeated_page_of_the_list_reads_its_kept_ids(request, client, fifty_two, who):
    client.force_login(request.getfixturevalue(who))
    assert [listed(client, 2), listed(client, 2)] == [
        (["Lê Văn 50", "Lê Văn 51"], "full"), (["Lê Văn 50", "Lê Văn 51"], "ids")]


def test_every_committed_write_shows_on_the_next_page(client, officer_a, fifty_two, dept_a,
                                                      dept_b):
    client.force_login(officer_a)
    seen = [listed(client, 2)]
    PersonFactory(unit=dept_a, full_name="Lê Văn 00a")  # created before the page: shifts it
    seen.append(listed(client, 2))
    people.update_person(None, fifty_two[50], full_name="Trần Văn An")  # renamed: moves last
    seen.append(listed(client, 2))
    people.transfer_person(None, fifty_two[51], unit=dept_b,  # out of the officer's scope
                           start_date=datetime.date(2024, 1, 1))
    seen.append(listed(client, 2))
    seen.append(listed(client, 2))
    assert seen == [(["Lê Văn 50", "Lê Văn 51"], "full"),
                    (["Lê Văn 49", "Lê Văn 50", "Lê Văn 51"], "ids+full"),
                    (["Lê Văn 49", "Lê Văn 51", "Trần Văn An"], "ids+full"),
                    (["Lê Văn 49", "Trần Văn An"], "ids+full"),
                    (["Lê Văn 49", "Trần Văn An"], "ids")]


def test_a_unit_moved_into_the_officers_tree_shows_on_his_page(client, officer_a, fifty_two,
                                                                dept_a, dept_b):
    other = UnitFactory(code="SO-C", name="Sở Xây dựng", parent=dept_b.parent,
                        level=dept_b.level, kind=dept_b.kind)
    PersonFactory(unit=other, full_name="Phạm Văn Cường")
    client.force_login(officer_a)
    seen = [listed(client, 2)]
    # No person is written: the unit closure is (an officer's scope is read through it).
    move_unit(None, other, new_parent=dept_a, effective_date=datetime.date(2025, 1, 1))
    seen.append(listed(client, 2))
    assert seen == [(["Lê Văn 50", "Lê Văn 51"], "full"),
                    (["Lê Văn 50", "Lê Văn 51", "Phạm Văn Cường"], "ids+full")]


def test_a_page_read_by_its_ids_shows_what_its_rows_hold_now(client, board_user, fifty_two):
    client.force_login(board_user)
    listed(client, 2)
    Person.objects.filter(pk=fifty_two[51].pk).update(position="Phó Giám đốc <Sở>")
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(URL, {"page": 2})
    assert ("Phó Giám đốc &lt;Sở&gt;" in response.content.decode(),
            ["::bigint[]" in query["sql"] for query in ctx.captured_queries
             if "now.epoch" in query["sql"]]) == (True, [True])
