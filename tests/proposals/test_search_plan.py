"""The proposal list's search reads the trigram indexes of the columns it searches, never every
proposal, and is not prepared (PostgreSQL: the plans of the statements the page really sends,
captured from the test client and explained after ANALYZE on some thousands of rows)."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from proposals.models import Proposal

# The plans of the statements the page sends: none kept (core.interfaces.kept_pages; the
# kept pages' epochs statement, prepared too, names the proposals' table).
pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db,
              pytest.mark.usefixtures("pages_not_kept")]

TRIGRAMS = {"proposal_code_trgm", "proposal_title_trgm", "proposal_letter_number_trgm"}


@pytest.fixture
def proposal_rows(province, dept_a, school_a, officer_a):
    """6,000 proposals of one summary and 18 of a rare one, some with a letter number, then
    ANALYZE — the indexes' pending entries merged first, as autovacuum would have: a GIN index
    read through its pending list costs the planner more than reading the table."""
    Proposal.objects.bulk_create([Proposal(
        code=f"DN2025-{i:06d}", unit=dept_a if i % 3 else school_a, recipient_unit=province,
        title="Đề nghị tặng Bằng khen đột xuất" if i % 333 == 5 else "Đề nghị tặng Giấy khen",
        letter_number=f"{i}/TTr-SGDĐT" if i % 2 else "", authority_level="unit", year=2025,
        created_by=officer_a) for i in range(6_000)], batch_size=3000)
    with connection.cursor() as cursor:
        for index in sorted(TRIGRAMS):
            cursor.execute("SELECT gin_clean_pending_list(%s::regclass)", [index])
        cursor.execute("ANALYZE proposals_proposal")


def _plan(sql: str) -> tuple[list[str], set[str]]:
    """(Tables of `sql`'s plan read whole, indexes it reads)."""
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (FORMAT JSON) " + sql)
        plan = cursor.fetchone()[0]
    plan = json.loads(plan) if isinstance(plan, str) else plan
    scans, indexes, stack = [], set(), [plan[0]["Plan"]]
    while stack:
        node = stack.pop()
        if node["Node Type"] == "Seq Scan":
            scans.append(node["Relation Name"])
        if "Index Name" in node:
            indexes.add(node["Index Name"])
        stack.extend(node.get("Plans", []))
    return scans, indexes


def _searched(client, q: str) -> list[str]:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(reverse("proposals:list"), {"q": q})
    assert response.status_code == 200
    return [query["sql"] for query in ctx.captured_queries if "UPPER(" in query["sql"]]


# (Words of no letter or digit, `<"&`, have no trigram: the table is read, rightly.)
@pytest.mark.parametrize("q", ["đột xuất", "khen thuong", "gia đình&", "000123", "17/TTr"])
def test_a_rare_search_reads_the_trigram_indexes(client, board_user, proposal_rows, q):
    """Rare or absent words: the three indexes ORed, the few matches sorted — the whole table
    read before (6.3 ms of the statement for none found among the kept province's 6,901)."""
    client.force_login(board_user)
    for _ in range(6):  # past the five executions after which a prepared one may go generic
        _searched(client, q)
    sent = _searched(client, q)
    assert len(sent) == 1
    scans, indexes = _plan(sent[0])
    assert ("proposals_proposal" in scans, indexes >= TRIGRAMS) == (False, True)


def test_new_proposals_go_into_the_indexes_at_once(client, board_user, province, dept_a,
                                                    officer_a):
    """Proposals written since the last vacuum (no pending list merged): a rare word still
    reads the three indexes. With the pending lists on (GIN's `fastupdate`), the planner read
    every proposal instead (7.3 ms of the statement on the kept province, session 17)."""
    Proposal.objects.bulk_create([Proposal(
        code=f"DN2026-{i:06d}", unit=dept_a, recipient_unit=province,
        title="Đề nghị tặng Giấy khen", letter_number="", authority_level="unit", year=2026,
        created_by=officer_a) for i in range(6_000)], batch_size=3000)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE proposals_proposal")
        cursor.execute("SELECT c.relname, c.reloptions FROM pg_class c WHERE c.relname = ANY(%s)"
                       " ORDER BY c.relname", [sorted(TRIGRAMS)])
        options = cursor.fetchall()
    assert options == [(name, ["fastupdate=off"]) for name in sorted(TRIGRAMS)]
    client.force_login(board_user)
    scans, indexes = _plan(_searched(client, "đột xuất")[0])
    assert ("proposals_proposal" in scans, indexes >= TRIGRAMS) == (False, True)


def test_a_common_word_walks_the_list_order(client, board_user, proposal_rows):
    """Every proposal matches: the page is read off the list's order, not all sorted."""
    client.force_login(board_user)
    scans, indexes = _plan(_searched(client, "giấy khen")[0])
    assert ("proposals_proposal" in scans, "proposal_list_order" in indexes) == (False, True)


def test_the_search_is_not_prepared_where_the_list_is(client, board_user, proposal_rows):
    """A prepared search's generic plan, made without its words, walked the list's order for a
    rare word from its sixth execution on (0.1 → 14–22 ms of the statement on the kept
    province): the search is sent with its words, the unsearched list prepared."""
    client.force_login(board_user)
    for _ in range(7):
        client.get(reverse("proposals:list"))
        client.get(reverse("proposals:list"), {"q": "đột xuất"})
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement LIKE '%%UPPER(%%' FROM pg_prepared_statements "
                       "WHERE NOT from_sql AND statement LIKE '%%proposals_proposal%%'")
        assert cursor.fetchall() == [(False,)]
