"""The proposal state machine. `set_proposal_state` is the only code that assigns
`Proposal.state`; the named steps in `workflow.py` check their preconditions and call it.

```
draft ──submit──► submitted ──start_appraisal──► appraising ──finish──► appraised
  ▲                  │  ▲                          │    ▲   └─open──► consultation ─close─┘
  │                  │  └──────── resubmit ────────┤    │
  └─(edit)─ returned ◄────── return_for_supplement ─┘    │
appraised ──put_on_agenda──► in_council ──close session──► council_done ──issue──► decided
appraising/appraised ──forward──► forwarded ──record outcome──► decided | rejected
any open state ──reject──► rejected;  draft/returned ──withdraw──► withdrawn
submitted (lower level) ──consolidate──► consolidated
```
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.domain.record import record
from proposals.domain import notices
from proposals.domain.deadlines import due_date
from proposals.enums import ProposalState as S
from proposals.models import Proposal

TRANSITIONS: dict[str, frozenset[str]] = {
    S.DRAFT: frozenset({S.SUBMITTED, S.WITHDRAWN}),
    S.SUBMITTED: frozenset({S.APPRAISING, S.RETURNED, S.REJECTED, S.CONSOLIDATED}),
    S.RETURNED: frozenset({S.SUBMITTED, S.WITHDRAWN}),
    S.APPRAISING: frozenset({S.RETURNED, S.CONSULTATION, S.APPRAISED, S.FORWARDED,
                             S.REJECTED}),
    S.CONSULTATION: frozenset({S.APPRAISING}),
    S.APPRAISED: frozenset({S.IN_COUNCIL, S.FORWARDED, S.RETURNED, S.REJECTED, S.DECIDED}),
    S.IN_COUNCIL: frozenset({S.COUNCIL_DONE}),
    S.COUNCIL_DONE: frozenset({S.DECIDED, S.FORWARDED, S.REJECTED}),
    S.FORWARDED: frozenset({S.DECIDED, S.REJECTED}),
    S.CONSOLIDATED: frozenset(),
    S.DECIDED: frozenset(),
    S.REJECTED: frozenset(),
    S.WITHDRAWN: frozenset(),
}
# States whose step needs a reason from the actor.
REASON_REQUIRED = frozenset({S.RETURNED, S.REJECTED, S.WITHDRAWN})


class StaleState(ValidationError):
    """Someone else moved the proposal first."""


def set_proposal_state(proposal: Proposal, new: str, *, actor, reason: str = "",
                       expected: str | None = None, today: datetime.date | None = None,
                       **fields) -> Proposal:
    """Move `proposal` to `new`. Must run inside the caller's transaction; locks the row.

    Side effects: `state`, `state_changed_at`, `due_on` (deadline of the new step, in working
    days, from ProcedureParameter) and `submitted_at` on submission; any extra `fields`;
    audit entry `proposals.proposal.<new>` with the previous state and the reason;
    notifications to the people who act next, queued on commit (`notices.state_changed`).
    Refuses a transition not in TRANSITIONS, a missing reason, or a stale `expected` state
    (another user acted first)."""
    locked = Proposal.objects.select_for_update().get(pk=proposal.pk)
    old = locked.state
    if expected is not None and old != expected:
        raise StaleState(_("Someone else has already moved this proposal to “%(state)s”.")
                         % {"state": S(old).label})
    if new not in TRANSITIONS[old]:
        raise ValidationError(_("A proposal in state “%(old)s” cannot become “%(new)s”.") % {
            "old": S(old).label, "new": S(new).label})
    if new in REASON_REQUIRED and not reason.strip():
        raise ValidationError({"reason": _("Give a reason.")})
    now = timezone.now()
    locked.state, locked.state_changed_at = new, now
    locked.due_on = due_date(new, today or timezone.localdate())
    update = ["state", "state_changed_at", "due_on", "updated_at"]
    if new == S.SUBMITTED:
        locked.submitted_at = now
        update.append("submitted_at")
    for name, value in fields.items():
        setattr(locked, name, value)
        update.append(name)
    locked.save(update_fields=update)
    record(actor, f"proposals.proposal.{new}", locked, unit=locked.unit,
           changes={"state": [old, new]}, reason=reason)
    transaction.on_commit(lambda: notices.state_changed(locked.pk, old, new, actor_id=getattr(
        actor, "pk", None), reason=reason))
    if new in (S.REJECTED, S.WITHDRAWN):
        # Inline: the claims app imports this module (StaleState). Its backlog claims
        # proposed here go back to "verified" (issue 19).
        from claims.domain.closing import reopen_for_nominees  # noqa: PLC0415 claims imports this module

        reopen_for_nominees(actor, locked.nominees.select_related("source"), reason)
    proposal.__dict__.update({k: getattr(locked, k) for k in update})
    return proposal
