"""The proposal list as each persona sees it: the rows' cells and links, and its queries (issue 14
point 2: the busiest page of `make load`). English UI (cookie) so labels compare to msgids."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from proposals.models import Proposal
from tests.proposals.helpers import draft, submitted

LIST = reverse("proposals:list")
TAGS = re.compile(r"<[^>]+>")


@pytest.fixture
def en(client):
    client.cookies["django_language"] = "en"
    return client


def _rows(client, url=LIST) -> list[tuple]:
    """The table body's rows as (link, code, summary, unit, addressed to, year, state)."""
    html = client.get(url).content.decode()
    body = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    rows = []
    for row in re.findall(r"<tr>(.*?)</tr>", body, re.S):
        link = re.search(r'href="([^"]+)"', row)
        cells = [TAGS.sub("", cell).strip() for cell in re.findall(r"<td[^>]*>(.*?)</td>", row,
                                                                    re.S)]
        rows.append((link.group(1) if link else None, *cells))
    return rows


def _row(proposal: Proposal, state: str) -> tuple:
    return (reverse("proposals:detail", args=[proposal.public_id]), proposal.code,
            proposal.title, proposal.unit.name, proposal.recipient_unit.name, "2025", state)


@pytest.fixture
def two_proposals(officer_a, dept_a):
    """A draft and, created after it, a submitted proposal of DEPT_A (its own authority)."""
    return (draft(officer_a, dept_a, dept_a, people=0),
            submitted(officer_a, dept_a, dept_a))


def test_proposal_list_rows_for_the_officer_newest_first(en, officer_a, two_proposals):
    older, newer = two_proposals
    en.force_login(officer_a)
    assert _rows(en) == [_row(newer, "Submitted"), _row(older, "Draft")]


def test_proposal_list_rows_for_the_board_include_its_units_drafts(en, board_user,
                                                                   two_proposals):
    older, newer = two_proposals  # the board proposes for the units under it too
    en.force_login(board_user)
    assert _rows(en) == [_row(newer, "Submitted"), _row(older, "Draft")]


def test_proposal_list_rows_filtered_by_state(en, officer_a, two_proposals):
    older, _newer = two_proposals
    en.force_login(officer_a)
    assert _rows(en, LIST + "?state=draft") == [_row(older, "Draft")]


def test_proposal_list_rows_for_an_outsider_are_none(en, outsider, two_proposals):
    en.force_login(outsider)
    assert _rows(en) == [(None, "No proposal.")]


def test_proposal_list_escapes_the_summary(en, officer_a, dept_a):
    proposal = draft(officer_a, dept_a, dept_a, people=0)
    Proposal.objects.filter(pk=proposal.pk).update(title="<b>Khen & thưởng</b>")
    en.force_login(officer_a)
    html = en.get(LIST).content.decode()
    assert ("&lt;b&gt;Khen &amp; thưởng&lt;/b&gt;" in html, "<b>Khen" in html) == (True, False)


def _queries(client) -> int:
    client.get(LIST)  # warm-up: the layout caches the roles, scope and unread count
    with CaptureQueriesContext(connection) as queries:
        assert client.get(LIST).status_code == 200
    return len(queries)


def test_proposal_list_queries_do_not_grow_with_its_rows(officer_a, dept_a, client,
                                                       pages_not_kept):
    draft(officer_a, dept_a, dept_a, people=0)
    client.force_login(officer_a)
    one_row = _queries(client)
    for _ in range(4):
        draft(officer_a, dept_a, dept_a, people=0)
    assert (one_row, _queries(client)) == (1, 1)
