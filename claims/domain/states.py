"""The claim state machine, declared once as data (`CLAIM`, core/state.py). The named steps
(claims/domain/steps.py, proposing.py, closing.py) check their preconditions and call
`set_claim_state`, which moves the row through `core.state`; `claims/rules.py` reads the table.

```
registered ──► verifying ◄──► waiting_evidence        (the family completes the dossier)
verifying ──► verified ──► proposed ──► decided        (the decision closes the claim)
proposed ──► verified                                  (the proposal failed: propose again)
any open stage ──► refused (board, with a reason) | withdrawn (with a reason)
```
"""

from django.utils.translation import gettext_lazy

from audit.domain.record import record
from claims.domain import notices
from claims.enums import ClaimState as S
from claims.models import Claim, ClaimStep
from core import state
from core.state import StaleState

__all__ = ["CLAIM", "NEXT_STEP", "REASON_REQUIRED", "TRANSITIONS", "StaleState",
           "set_claim_state"]
_ = gettext_lazy
OPEN = (S.REGISTERED, S.WAITING_EVIDENCE, S.VERIFYING, S.VERIFIED)


def _notify(claim, old, new, actor, reason):
    notices.state_changed(claim.pk, old, new, actor_id=getattr(actor, "pk", None))


def _history(claim, old, new, actor, reason):
    ClaimStep.objects.create(claim=claim, old=old, new=new, at=claim.state_changed_at,
                             reason=reason, actor=actor if getattr(actor, "pk", None) else None)


def _step(name, sources, target, label, **options):
    # The audit code names the stage reached (`claims.claim.verified`), as it always has.
    return state.step(name, sources, target, label, action=f"claims.claim.{target}", **options)


CLAIM = state.Machine(
    name="claims.claim", model=Claim, states=S, stamp="state_changed_at", audit=record,
    audit_context=lambda c: {"unit": c.unit, "label": c.code}, history=_history,
    notify=_notify,
    refusal=_("A claim at stage “%(old)s” cannot become “%(new)s”."),
    stale=_("Someone else has already moved this claim to “%(state)s”."),
    transitions=(
        _step("start_verifying", (S.REGISTERED, S.WAITING_EVIDENCE, S.VERIFIED), S.VERIFYING,
              _("Start verifying"), permission="claims.start_verifying"),
        _step("request_evidence", (S.REGISTERED, S.VERIFYING), S.WAITING_EVIDENCE,
              _("Request evidence"), permission="claims.request_evidence", needs_reason=True),
        _step("mark_verified", S.VERIFYING, S.VERIFIED, _("Mark verified"),
              permission="claims.mark_verified"),
        _step("propose", S.VERIFIED, S.PROPOSED, _("Propose"),
              permission="claims.propose_claim"),
        # The proposal failed (rejected, withdrawn, dropped, not in the decision).
        _step("reopen", S.PROPOSED, S.VERIFIED, _("Propose again")),
        _step("decide", S.PROPOSED, S.DECIDED, _("Decided"), irreversible=True),
        _step("refuse", (*OPEN, S.PROPOSED), S.REFUSED, _("Refuse"),
              permission="claims.refuse_claim", needs_reason=True, irreversible=True),
        _step("withdraw", OPEN, S.WITHDRAWN, _("Withdraw"), permission="claims.withdraw_claim",
              needs_reason=True, irreversible=True),
    ))
# The classic tables, derived from the machine.
TRANSITIONS: dict[str, frozenset[str]] = CLAIM.graph()
# Steps that need a reason from the actor (the family is told why).
REASON_REQUIRED = CLAIM.reason_required()

# The next step the family is told on the portal, per stage.
NEXT_STEP = {
    S.REGISTERED: gettext_lazy("The commune officer will check the dossier."),
    S.WAITING_EVIDENCE: gettext_lazy("The family supplies the missing papers listed in the "
                                     "commune's letter."),
    S.VERIFYING: gettext_lazy("The records are being verified."),
    S.VERIFIED: gettext_lazy("The dossier will be proposed for an award."),
    S.PROPOSED: gettext_lazy("The proposal is with the competent authority for appraisal and "
                             "decision."),
    S.DECIDED: gettext_lazy("A decision has been issued; the commune will arrange the "
                            "award ceremony."),
    S.REFUSED: gettext_lazy("The claim was not accepted; the commune will explain why."),
    S.WITHDRAWN: gettext_lazy("The claim was withdrawn."),
}


def set_claim_state(claim: Claim, new: str, *, actor, reason: str = "",
                    expected: str | None = None) -> Claim:
    """Move `claim` to `new` by the step of `CLAIM` that leads there. Must run inside the
    caller's transaction; locks the row.

    Side effects: `state`, `state_changed_at`, `reason`; one `ClaimStep` history row; audit
    entry `claims.claim.<new>` with the previous state and the reason; the claim's handling
    officers notified on commit (`claims.domain.notices.state_changed`). Refuses a transition
    not in the table, a missing reason, or a stale `expected` state (another user acted
    first)."""
    state.transition_to(claim, CLAIM, new, actor, reason=reason, expected=expected,
                        fields={"reason": reason})
    return claim
