"""Two transactions giving one proposal its first Heroic Mother nominee at the same moment move
it between the totals' flags once (PostgreSQL: real row locks, proposals.models.proposal_totals)."""

import contextlib
import threading

import pytest
from django.db import connection, transaction

from proposals.models.totals import NO_DEADLINE
from tests.proposals.test_proposal_totals import MOTHER, _nominee, _proposal, grouped, kept

pytestmark = [pytest.mark.postgres_only,
              pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("reference_data")]


def test_two_first_heroic_mothers_at_once_move_the_proposal_once(province, dept_a, officer_a):
    proposal = _proposal(officer_a, dept_a, province)
    proposal.save()
    nominees = [_nominee(proposal, MOTHER) for _ in range(2)]
    # Each inserts, then waits for the other to have inserted too before committing: without
    # the trigger's lock both would count the proposal's flag as moved by their own nominee.
    # With it the second waits inside its INSERT until the first commits (the barrier then
    # times out) and counts the first's nominee.
    barrier, errors = threading.Barrier(2, timeout=2), []

    def run(nominee):
        try:
            with transaction.atomic():
                nominee.save()
                with contextlib.suppress(threading.BrokenBarrierError):
                    barrier.wait()
        except Exception as exc:  # noqa: BLE001 — returned to the test
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(n,)) for n in nominees]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert (errors, kept()) == ([], grouped())
    assert kept() == {(dept_a.pk, "draft", NO_DEADLINE, "annual", True): 1}
