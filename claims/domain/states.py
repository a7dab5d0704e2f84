"""The claim state machine. `set_claim_state` is the only code that assigns `Claim.state`;
the named steps (claims/domain/steps.py, proposing.py, closing.py) check their preconditions
and call it.

```
registered ──► verifying ◄──► waiting_evidence        (the family completes the dossier)
verifying ──► verified ──► proposed ──► decided        (the decision closes the claim)
proposed ──► verified                                  (the proposal failed: propose again)
any open stage ──► refused (board, with a reason) | withdrawn (with a reason)
```
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from audit.domain.record import record
from claims.domain import notices
from claims.enums import ClaimState as S
from claims.models import Claim, ClaimStep
from proposals.domain.states import StaleState

TRANSITIONS: dict[str, frozenset[str]] = {
    S.REGISTERED: frozenset({S.VERIFYING, S.WAITING_EVIDENCE, S.REFUSED, S.WITHDRAWN}),
    S.WAITING_EVIDENCE: frozenset({S.VERIFYING, S.REFUSED, S.WITHDRAWN}),
    S.VERIFYING: frozenset({S.WAITING_EVIDENCE, S.VERIFIED, S.REFUSED, S.WITHDRAWN}),
    S.VERIFIED: frozenset({S.PROPOSED, S.VERIFYING, S.REFUSED, S.WITHDRAWN}),
    S.PROPOSED: frozenset({S.DECIDED, S.VERIFIED, S.REFUSED}),
    S.DECIDED: frozenset(),
    S.REFUSED: frozenset(),
    S.WITHDRAWN: frozenset(),
}
# Steps that need a reason from the actor (the family is told why).
REASON_REQUIRED = frozenset({S.WAITING_EVIDENCE, S.REFUSED, S.WITHDRAWN})

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
    """Move `claim` to `new`. Must run inside the caller's transaction; locks the row.

    Side effects: `state`, `state_changed_at`, `reason`; one `ClaimStep` history row; audit
    entry `claims.claim.<new>` with the previous state and the reason; the claim's handling
    officers notified on commit (`claims.domain.notices.state_changed`). Refuses a transition
    not in TRANSITIONS, a missing reason, or a stale `expected` state (another user acted
    first)."""
    locked = Claim.objects.select_for_update().get(pk=claim.pk)
    old = locked.state
    if expected is not None and old != expected:
        raise StaleState(_("Someone else has already moved this claim to “%(state)s”.")
                         % {"state": S(old).label})
    if new not in TRANSITIONS[old]:
        raise ValidationError(_("A claim at stage “%(old)s” cannot become “%(new)s”.") % {
            "old": S(old).label, "new": S(new).label})
    if new in REASON_REQUIRED and not reason.strip():
        raise ValidationError({"reason": _("Give a reason.")})
    now = timezone.now()
    locked.state, locked.state_changed_at, locked.reason = new, now, reason
    locked.save(update_fields=["state", "state_changed_at", "reason", "updated_at"])
    ClaimStep.objects.create(claim=locked, old=old, new=new, at=now, reason=reason,
                             actor=actor if getattr(actor, "pk", None) else None)
    record(actor, f"claims.claim.{new}", locked, unit=locked.unit,
           changes={"state": [old, new]}, reason=reason, label=locked.code)
    transaction.on_commit(lambda: notices.state_changed(locked.pk, old, new, actor_id=getattr(
        actor, "pk", None)))
    claim.__dict__.update(state=new, state_changed_at=now, reason=reason)
    return claim
