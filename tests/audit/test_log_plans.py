"""The audit log of a scope of units' trees (a department's board officer) finds a page's
entries unit by unit, each unit's newest from its own order (PostgreSQL: the statements the
page really sends, explained after ANALYZE)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.enums import Role
from audit.domain.queries import entries_for_user
from audit.models import AuditEntry
from core.interfaces import paging
from tests.factories import UnitFactory, user_with_role
from tests.kept_pages_helpers import page_sql

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db]


@pytest.fixture(autouse=True)
def _no_kept_statements():
    """Statements are kept per process by scope shape and filters: another test's data must
    not choose this one's plan."""
    paging._statements.clear()
    paging._verdicts.clear()


@pytest.fixture
def log(dept_a, school_a, dept_b):
    """20,000 entries half a minute apart over 42 units, as the kept province's (68 units): the
    department's and its school's one in ten and one in twenty, the rest other units' and the
    province's; a third of every unit's the proposals' (the planner expects an action's entries
    spread over the whole log), then ANALYZE."""
    others = [dept_b, *(UnitFactory(parent=dept_b) for _ in range(40)), None]
    units = [dept_a, dept_a, school_a, *others[:17]]
    actions = ["proposals.proposal.submit", "emulation.cluster.update", "awards.record.create"]
    AuditEntry.objects.bulk_create([AuditEntry(
        action=actions[i % 3], object_type=actions[i % 3].rsplit(".", 1)[0],
        object_id=str(i), object_label=f"Mục {i}", actor_label="system",
        unit=units[i % 20] if i % 20 > 2 or i % 7 else others[i % 42])
        for i in range(20_000)], batch_size=5000)
    with connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditentry SET at = now() - id * interval '30 seconds'")
        cursor.execute("ANALYZE")


@pytest.fixture
def department_officer(dept_a, school_a):
    """A board officer of a department, once more for its school (the school's tree is in the
    department's: its units are walked once)."""
    officer = user_with_role(Role.BOARD_STAFF, dept_a, username="vanphong_a")
    officer.role_assignments.create(role=Role.BOARD_STAFF, unit=school_a)
    return officer


def _statement(client, url) -> tuple[str, list[int]]:
    client.get(url)  # warm-up: the layout caches roles; the statement is kept
    with CaptureQueriesContext(connection) as ctx:
        page = client.get(url).context["page"]
    [sql] = [sql for sql in page_sql(ctx.captured_queries) if "audit_auditentry" in sql]
    return sql, [e.id for e in page.object_list]


def _expected(user, number: int, **filters) -> list[int]:
    entries = entries_for_user(user, **filters).values_list("pk", flat=True)
    return list(entries[(number - 1) * 100:number * 100])


def plan_text(sql: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN " + sql)
        return "\n".join(row[0] for row in cursor.fetchall())


@pytest.mark.parametrize(("query", "number", "filters"), [
    ({}, 1, {}),
    ({"page": 3}, 3, {}),
    ({"action": "proposals.proposal"}, 1, {"action": "proposals.proposal"}),
    ({"action": "proposals.proposal", "page": 2}, 2, {"action": "proposals.proposal"}),
    ({"action": "awards", "actor": "sys"}, 1, {"action": "awards", "actor": "sys"}),
])
def test_a_departments_page_walks_each_units_newest_entries(client, log, department_officer,
                                                            query, number, filters):
    """The page's ids found unit by unit, the same entries as the scoped log's page by number
    (the other department's never), and the log never read whole. (Which index each unit is
    read by is the planner's: after VACUUM, on the kept province, `audit_unit_log_order`
    index-only; here, unvacuumed inside the test's transaction, it may walk `at`.)"""
    client.force_login(department_officer)
    url = f"{reverse('audit:log')}?{'&'.join(f'{k}={v}' for k, v in query.items())}"
    sql, ids = _statement(client, url)
    plan = plan_text(sql)
    assert ("CROSS JOIN LATERAL" in sql, "Seq Scan on audit_auditentry" in plan, ids) \
        == (True, False, _expected(department_officer, number, **filters))
    assert len(ids) == 100


def test_a_departments_search_reads_the_trigram_index_not_the_units(client, log,
                                                                    department_officer):
    client.force_login(department_officer)
    sql, ids = _statement(client, f"{reverse('audit:log')}?q=muc+12")
    assert ("LATERAL" in sql, ids) == (False, _expected(department_officer, 1, q="muc 12"))


def test_a_departments_page_after_a_seek_key_is_the_next_page(client, log, department_officer):
    client.force_login(department_officer)
    first = client.get(reverse("audit:log"), {"action": "proposals.proposal"}).context["page"]
    after = client.get(reverse("audit:log"), {"action": "proposals.proposal", "page": 2,
                                              "after": first.next_key}).context["page"]
    assert [e.id for e in after.object_list] \
        == _expected(department_officer, 2, action="proposals.proposal")


def test_the_board_walks_the_whole_logs_order(client, log, board_user):
    """A scope of the whole tree reads the log's order itself: no walk unit by unit."""
    client.force_login(board_user)
    sql, ids = _statement(client, f"{reverse('audit:log')}?action=proposals.proposal")
    assert ("LATERAL" in sql, ids) == (False, _expected(board_user, 1,
                                                        action="proposals.proposal"))
