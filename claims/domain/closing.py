"""The decision closes the claim. Called explicitly (not through a signal) by
decisions.domain.issuing when an award decision writes the ledger, inside its transaction."""

from claims.domain.states import set_claim_state
from claims.enums import ClaimState
from claims.models import Claim


def close_by_decision(actor, nominees, decision_label: str) -> int:
    """Claims proposed through the awarded nominees (or the commune's nominees a consolidated
    proposal carries, `Nominee.source`) → decided, the decision number as the reason. Returns
    how many were closed. Side effects: set_claim_state's (history, audit, notification)."""
    ids = set()
    for nominee in nominees:
        while nominee is not None:
            ids.add(nominee.pk)
            nominee = nominee.source
    claims = Claim.objects.filter(nominee_id__in=ids, state=ClaimState.PROPOSED)
    closed = 0
    for claim in claims:
        set_claim_state(claim, ClaimState.DECIDED, actor=actor, reason=decision_label)
        closed += 1
    return closed
