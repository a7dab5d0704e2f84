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


def issue_at_once(approver, drafts) -> list:
    """Issue every draft from its own thread, all released together; the errors raised."""
    barrier = threading.Barrier(len(drafts))
    errors = []

    def run(decision):
        try:
            barrier.wait()
            issuing.issue_decision(approver, decision, date=DECIDED_ON)
        except Exception as exc:  # noqa: BLE001 — returned to the test
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(d,)) for d in drafts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


@pytest.mark.parametrize("count", [2, 6])
def test_concurrent_issue_never_duplicates_a_number(officer_a, board_user, approver_user,
                                                     dept_a, count):
    drafts = [draft_for(board_user, [appraised(officer_a, board_user, dept_a, dept_a)], dept_a)
              for _ in range(count)]
    assert issue_at_once(approver_user, drafts) == []
    numbers = sorted(Decision.objects.filter(issuer=dept_a).values_list("number", flat=True))
    assert numbers == list(range(1, count + 1))


def test_concurrent_first_issues_share_one_key_and_never_a_status_entry(
        officer_a, board_user, approver_user, dept_a):
    """Different symbols (no shared number series): only the issuer's status list row orders
    them — one key is made, and every credential has its own entry of the list."""
    from decisions.models import Credential, IssuerKey

    drafts = [draft_for(board_user, [appraised(officer_a, board_user, dept_a, dept_a)], dept_a,
                        symbol=f"QĐ-{n}") for n in range(4)]
    assert issue_at_once(approver_user, drafts) == []
    assert IssuerKey.objects.filter(issuer=dept_a).count() == 1
    assert sorted(Credential.objects.values_list("status_index", flat=True)) == [0, 1, 2, 3]
