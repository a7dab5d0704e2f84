"""The one-use rule under concurrent claims (PostgreSQL: real row locks, real transactions)."""

import threading

import pytest
from django.db import connection

from emulation.initiatives.domain.initiative_uses import InitiativeAlreadyUsed, claim_initiative
from emulation.initiatives.models import InitiativeUse
from tests.factories import make_initiative

pytestmark = [pytest.mark.postgres_only,
              pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("reference_data")]


def race(initiative, claims):
    """Run every claim on its own thread and connection, released together by a barrier."""
    barrier = threading.Barrier(len(claims))
    outcomes = [None] * len(claims)

    def run(index, award, ref, note):
        try:
            barrier.wait()
            claim_initiative(initiative, award_code=award, claim_ref=ref,
                             claim_label=f"Tờ trình {index}", actor=None, override_note=note)
            outcomes[index] = "claimed"
        except InitiativeAlreadyUsed:
            outcomes[index] = "refused"
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, *c)) for i, c in enumerate(claims)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


@pytest.mark.parametrize("attempts", [2, 8])
def test_concurrent_claims_exactly_one_wins(dept_a, attempts):
    initiative = make_initiative(dept_a)
    claims = [("cstd_co_so" if i % 2 else "bang_khen_tinh", f"nominee:{i}", "")
              for i in range(attempts)]
    outcomes = race(initiative, claims)
    assert sorted(outcomes) == ["claimed"] + ["refused"] * (attempts - 1)
    assert InitiativeUse.objects.filter(initiative=initiative).count() == 1


def test_concurrent_same_claim_is_stored_once(dept_a):
    initiative = make_initiative(dept_a)
    outcomes = race(initiative, [("cstd_co_so", "nominee:1", "")] * 4)
    assert outcomes == ["claimed"] * 4
    assert InitiativeUse.objects.filter(initiative=initiative).count() == 1
