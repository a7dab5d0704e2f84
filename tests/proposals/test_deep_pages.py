"""A deep page of the proposal list or the appraisal inbox, for a scope reaching every unit,
finds its 51 ids in the proposals alone first, then reads those rows with their units and
nominee counts (core.interfaces.compiled's `ids`): the same rows in the same order as the page
counted off by OFFSET, in one statement, kept per page number. Under root units the page is
still counted off (proposals.domain.queries.proposals.of_every_unit)."""

import datetime
import json
import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.interfaces import compiled
from proposals.domain.queries.proposals import (
    INBOX_COLUMNS,
    inbox_rows_in,
    inbox_scope,
    proposal_scope,
)
from proposals.enums import ProposalState
from proposals.models import Proposal
from proposals.views.proposals import LIST_COLUMNS, filtered_proposals
from tests.proposals.helpers import draft, submitted

# How a page reads its rows (its statements, its context): none kept (core.interfaces.kept_pages).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("pages_not_kept")]


@pytest.fixture(autouse=True)
def _no_kept_statements():
    """Statements are kept per process by scope: another test's must not serve this one's."""
    compiled._kept.clear()


@pytest.fixture
def many(officer_a, dept_a, province):
    """302 proposals of DEPT_A (seven pages), most received (in progress, due on various days,
    several on the same day: the order's later keys decide), a few drafts."""
    first = draft(officer_a, dept_a, dept_a, people=1)
    submitted(officer_a, dept_a, dept_a)
    states = [ProposalState.SUBMITTED, ProposalState.APPRAISING, ProposalState.DRAFT,
              ProposalState.IN_COUNCIL, ProposalState.APPRAISED]
    copies = []
    for i in range(300):
        copy = Proposal.objects.get(pk=first.pk)
        copy.pk, copy.public_id, copy.code = None, uuid.uuid4(), f"DN-{i}"
        copy.state = states[i % len(states)]
        copy.recipient_unit = province if i % 3 else dept_a
        copy.created_at = datetime.datetime(2026, 10, 1 + i % 9, 8, tzinfo=datetime.UTC)
        copy.submitted_at = datetime.datetime(2026, 11, 2, 20, i % 7, tzinfo=datetime.UTC)
        copy.due_on = None if i % 5 == 1 else datetime.date(2026, 11, 1 + i % 6)
        copies.append(copy)
    Proposal.objects.bulk_create(copies)


def _page(client, url) -> tuple[list[str], list[str]]:
    """The codes a page shows and the statements it sent."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    codes = [row["code"] for row in response.context["page"].object_list]
    return codes, [query["sql"] for query in queries]


def _page_statement(statements: list[str]) -> list[str]:
    return [sql for sql in statements if 'FROM "proposals_proposal"' in sql]


@pytest.mark.parametrize("number", [2, 3])
def test_a_deep_inbox_page_reads_its_ids_first_and_shows_the_counted_off_rows(
        client, board_user, many, number):
    client.force_login(board_user)
    client.get(reverse("proposals:inbox"))  # warm-up: roles cached
    codes, statements = _page(client, f"{reverse('proposals:inbox')}?page={number}")
    offset = (number - 1) * 50
    expected = [row["code"] for row in inbox_rows_in(inbox_scope(board_user))
                .values(*INBOX_COLUMNS)[offset:offset + 50]]
    assert (codes, len(codes)) == (expected, 50)
    [statement] = _page_statement(statements)
    assert f"LIMIT 51 OFFSET {offset})" in statement  # the ids' subquery, counted off alone
    assert len(statements) == 1


@pytest.mark.parametrize("query", ["?page=2", "?page=3", "?state=submitted&page=2"])
def test_a_deep_proposal_list_page_reads_its_ids_first_and_shows_the_counted_off_rows(
        client, rf, board_user, many, query):
    client.force_login(board_user)
    client.get(reverse("proposals:list"))
    codes, statements = _page(client, reverse("proposals:list") + query)
    request = rf.get(reverse("proposals:list") + query)
    request.user = board_user
    offset = 50 * (int(query[-1]) - 1)
    expected = [row["code"] for row in filtered_proposals(request).values(*LIST_COLUMNS)
                [offset:offset + 50]]
    assert (codes, len(codes) > 5) == (expected, True)
    [statement] = _page_statement(statements)
    assert f"LIMIT 51 OFFSET {offset})" in statement
    assert len(statements) == 1


def test_the_same_deep_page_asked_again_sends_its_kept_statement(client, board_user, many):
    client.force_login(board_user)
    url = f"{reverse('proposals:inbox')}?page=2"
    first, _statements = _page(client, url)
    kept = dict(compiled._kept)
    again, statements = _page(client, url)
    assert (again, compiled._kept, len(statements)) == (first, kept, 1)


def test_an_officer_under_root_units_counts_off_his_deep_page(client, officer_a, many):
    client.force_login(officer_a)
    assert proposal_scope(officer_a)[1] is not None  # root units: not every unit
    client.get(reverse("proposals:list"))
    codes, statements = _page(client, f"{reverse('proposals:list')}?page=2")
    [statement] = _page_statement(statements)
    assert ("LIMIT 51 OFFSET 50" in statement, statement.endswith("OFFSET 50")) == (True, True)
    assert len(codes) == 50


def _explained(sql: str) -> dict:
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + sql)
        plan = cursor.fetchone()[0]
    return (json.loads(plan) if isinstance(plan, str) else plan)[0]["Plan"]


def _loops(plan: dict, relation: str) -> int:
    """How many rows of `relation` the plan looked up (its scans' loops × rows, summed)."""
    found, stack = 0, [plan]
    while stack:
        node = stack.pop()
        if node.get("Relation Name") == relation:
            found = max(found, node["Actual Loops"])
        stack.extend(node.get("Plans", []))
    return found


@pytest.mark.postgres_only
def test_a_deep_inbox_page_counts_the_nominees_of_its_own_rows_only(client, board_user, many):
    client.force_login(board_user)
    client.get(reverse("proposals:inbox"))
    _codes, statements = _page(client, f"{reverse('proposals:inbox')}?page=3")
    [statement] = _page_statement(statements)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE proposals_proposal")
    plan = _explained(statement)
    # Counted off by OFFSET, the nominees were counted for the 100 skipped rows too (up to 150
    # loops); by ids first, for the page's own 51 at most (the 51st says there is a next).
    assert _loops(plan, "proposals_nominee") <= 51
