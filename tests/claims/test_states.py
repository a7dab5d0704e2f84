"""The claim state machine: every (state, new state) pair through the one function."""

import pytest
from django.core.exceptions import ValidationError

from audit.models import AuditEntry
from claims.domain.states import REASON_REQUIRED, TRANSITIONS, StaleState, set_claim_state
from claims.enums import ClaimState
from claims.models import Claim, ClaimStep
from tests.claims.helpers import register

PAIRS = [(old, new) for old in ClaimState.values for new in ClaimState.values]


def _forced(officer, unit, state):
    """A claim put in `state` directly (the table under test is the subject here)."""
    claim = register(officer, unit)
    Claim.objects.filter(pk=claim.pk).update(state=state)
    claim.refresh_from_db()
    return claim


@pytest.mark.parametrize(("old", "new"), PAIRS, ids=[f"{o}->{n}" for o, n in PAIRS])
def test_transition_follows_the_table(officer_a, dept_a, old, new):
    claim = _forced(officer_a, dept_a, old)
    steps_before = ClaimStep.objects.filter(claim=claim).count()
    if new in TRANSITIONS[old]:
        set_claim_state(claim, new, actor=officer_a, reason="Lý do")
        claim.refresh_from_db()
        entry = AuditEntry.objects.filter(action=f"claims.claim.{new}").get()
        assert (claim.state, entry.changes, entry.reason) == (new, {"state": [old, new]}, "Lý do")
        assert ClaimStep.objects.filter(claim=claim).count() == steps_before + 1
    else:
        with pytest.raises(ValidationError):
            set_claim_state(claim, new, actor=officer_a, reason="Lý do")
        claim.refresh_from_db()
        assert claim.state == old
        assert ClaimStep.objects.filter(claim=claim).count() == steps_before


@pytest.mark.parametrize("new", sorted(REASON_REQUIRED))
def test_reason_required(officer_a, dept_a, new):
    claim = _forced(officer_a, dept_a, ClaimState.VERIFYING)
    with pytest.raises(ValidationError) as refused:
        set_claim_state(claim, new, actor=officer_a, reason="  ")
    assert refused.value.message_dict == {"reason": ["Give a reason."]}


def test_stale_state_is_refused(officer_a, dept_a):
    claim = _forced(officer_a, dept_a, ClaimState.VERIFYING)
    with pytest.raises(StaleState):
        set_claim_state(claim, ClaimState.VERIFIED, actor=officer_a,
                        expected=ClaimState.REGISTERED)


def test_every_state_has_a_row():
    assert set(TRANSITIONS) == set(ClaimState.values)
    assert all(targets <= set(ClaimState.values) for targets in TRANSITIONS.values())
