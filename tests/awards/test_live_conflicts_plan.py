"""The live-award check of a batch reads the ledger by subject, never by award and year: the
latter is a scan that grows with the ledger (issue 14 §4, an import's commit)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from awards.domain.ledger import live_conflicts
from awards.models import AwardRecord, AwardType


@pytest.mark.skipif(connection.vendor != "sqlite", reason="reads SQLite's query plan")
def test_a_batch_of_subjects_is_looked_up_by_subject(db, dept_a):
    ldtt = AwardType.objects.get(code="ldtt")
    entries = [AwardRecord(award_type=ldtt, person_id=n, unit=dept_a, year=2009 + n % 10,
                           decision_number="1", decision_date=datetime.date(2020, 1, 1))
               for n in range(1, 301)]

    with CaptureQueriesContext(connection) as queries:
        assert live_conflicts(entries) == {}

    [query] = queries.captured_queries
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN QUERY PLAN " + query["sql"])
        plan = " ".join(row[-1] for row in cursor.fetchall())
    assert ("(person_id=?)" in plan, "award_type_id=?" in plan) == (True, False)
