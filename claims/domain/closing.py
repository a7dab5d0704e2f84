"""Where the award path ends a claim. Called explicitly (not through signals), through the port
`proposals.domain.settlement` (installed by `ClaimsConfig.ready`), from the three places a
nominee's fate is settled, inside their transactions:

* `decisions.domain.issuing._award_items`, when an award decision writes the ledger: the claims
  of awarded nominees → decided (the decision number as the reason); the claims of the decided
  proposals' other nominees → back to verified, to be proposed again or refused;
* `proposals.domain.states.set_proposal_state`, when a proposal is rejected or withdrawn: its
  nominees' claims → back to verified;
* `proposals.domain.nominees.drop_nominee`: the dropped nominee's claim → back to verified.

A nominee of a consolidated (higher) proposal carries the commune's nominee as its `source`;
both are followed."""

from claims.domain.states import set_claim_state
from claims.enums import ClaimState
from claims.models import Claim
from proposals.models import Nominee


def _with_sources(nominees) -> set[int]:
    ids = set()
    for nominee in nominees:
        while nominee is not None:
            ids.add(nominee.pk)
            nominee = nominee.source
    return ids


def _settle(actor, nominee_ids: set[int], new: str, reason: str) -> int:
    claims = list(Claim.objects.filter(nominee_id__in=nominee_ids, state=ClaimState.PROPOSED))
    for claim in claims:
        set_claim_state(claim, new, actor=actor, reason=reason)
    return len(claims)


def close_by_decision(actor, decision, awarded, decision_label: str) -> int:
    """Claims of the `awarded` nominees → decided; claims of the decision's proposals' other
    nominees → verified. Returns how many were closed. Side effects: set_claim_state's."""
    awarded_ids = _with_sources(awarded)
    closed = _settle(actor, awarded_ids, ClaimState.DECIDED, decision_label)
    others = (Nominee.objects.filter(proposal__in=decision.proposals.all())
              .exclude(pk__in=awarded_ids).select_related("source"))
    _settle(actor, _with_sources(others) - awarded_ids, ClaimState.VERIFIED, decision_label)
    return closed


def reopen_for_nominees(actor, nominees, reason: str) -> int:
    """The nominees will not be awarded through this proposal: their claims → verified."""
    return _settle(actor, _with_sources(nominees), ClaimState.VERIFIED, reason)
