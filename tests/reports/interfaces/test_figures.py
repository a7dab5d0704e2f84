"""The dashboard's dating of its parts (reports.interfaces.figures.latest_changes)."""

import json

import pytest

from audit.domain.record import record
from reports.interfaces.figures import latest_changes

pytestmark = pytest.mark.django_db


def test_a_proposals_entry_moves_only_the_newest(province):
    before = latest_changes()
    entry = record(None, "proposals.proposal.create", province, object_type="proposals.proposal")
    assert latest_changes() == (entry.pk, before[1])


def test_an_entry_outside_the_proposals_app_moves_both(province):
    entry = record(None, "emulation.movement.launch", province,
                   object_type="emulation.movement")
    assert latest_changes() == (entry.pk, entry.pk)


def test_a_type_merely_starting_like_proposals_moves_both(province):
    """Only the app's own objects ("proposals." with the dot) are left out."""
    entry = record(None, "core.test", province, object_type="proposalsx.thing")
    assert latest_changes() == (entry.pk, entry.pk)


@pytest.mark.postgres_only
def test_the_newest_entry_outside_proposals_is_an_index_probe(province):
    """Through the partial index `audit_outside_proposals`, however many proposal entries came
    since the last other one (without it: a walk back over all of them)."""
    from django.db import connection  # noqa: PLC0415 test-local

    from audit.models import AuditEntry  # noqa: PLC0415 test-local
    from reports.interfaces.figures import _latest_changes_sql  # noqa: PLC0415 test-local

    record(None, "emulation.movement.launch", province, object_type="emulation.movement")
    AuditEntry.objects.bulk_create([AuditEntry(
        actor_label="system", action="proposals.proposal.submit", object_type="proposals.proposal",
        object_id=str(i), object_label=f"Tờ trình {i}") for i in range(5000)], batch_size=2500)
    sql, params = _latest_changes_sql(connection.vendor)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE audit_auditentry")
        cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
        plan = json.dumps(cursor.fetchone()[0])
    assert ('"Index Name": "audit_outside_proposals"' in plan, '"Seq Scan"' in plan) == (True,
                                                                                       False)
