"""Two decisions issued at the same moment never share a number (PostgreSQL: real row locks)."""

import threading

import pytest
from django.db import connection

from decisions.domain import issuing
from decisions.models import Decision
from tests.decisions.helpers import DECIDED_ON, draft_for
from tests.proposals.helpers import appraised

pytestmark = [pytest.mark.postgres_only,
              pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("reference_data")]


@pytest.mark.parametrize("count", [2, 6])
def test_concurrent_issue_never_duplicates_a_number(officer_a, board_user, approver_user,
                                                     dept_a, count):
    drafts = [draft_for(board_user, [appraised(officer_a, board_user, dept_a, dept_a)], dept_a)
              for _ in range(count)]
    barrier = threading.Barrier(count)
    errors = []

    def run(decision):
        try:
            barrier.wait()
            issuing.issue_decision(approver_user, decision, date=DECIDED_ON)
        except Exception as exc:  # noqa: BLE001 — reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(d,)) for d in drafts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    numbers = sorted(Decision.objects.filter(issuer=dept_a).values_list("number", flat=True))
    assert numbers == list(range(1, count + 1))
