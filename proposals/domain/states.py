"""The proposal state machine, declared once as data (`PROPOSAL`, core/state.py). The named
steps in `workflow.py` check their preconditions and call `set_proposal_state`, which moves
the row through `core.state`; `proposals/rules.py` reads the same table.

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

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from audit.domain.record import record
from core import state
from core.state import StaleState
from proposals.domain import notices, settlement
from proposals.domain.deadlines import due_date
from proposals.enums import NomineeStatus as N
from proposals.enums import ProposalState as S
from proposals.models import Nominee, Proposal

__all__ = ["NOMINEE", "PROPOSAL", "REASON_REQUIRED", "TRANSITIONS", "StaleState",
           "set_proposal_state"]


def _step(name, sources, target, label, **options):
    # The audit code names the state reached (`proposals.proposal.returned`), as it always has.
    return state.step(name, sources, target, label, action=f"proposals.proposal.{target}",
                      **options)


def _notify(proposal, old, new, actor, reason):
    notices.state_changed(proposal, old, new, actor=actor, reason=reason)


PROPOSAL = state.Machine(
    name="proposals.proposal", model=Proposal, states=S, stamp="state_changed_at",
    audit=record, audit_context=lambda p: {"unit": p.unit}, notify=_notify,
    refusal=_("A proposal in state “%(old)s” cannot become “%(new)s”."),
    stale=_("Someone else has already moved this proposal to “%(state)s”."),
    transitions=(
        _step("submit", (S.DRAFT, S.RETURNED), S.SUBMITTED, _("Check and submit"),
              permission="proposals.submit_proposal"),
        _step("withdraw", (S.DRAFT, S.RETURNED), S.WITHDRAWN, _("Withdraw"),
              permission="proposals.withdraw_proposal", needs_reason=True, irreversible=True),
        # Taken by assigning appraisers (also allowed later, while appraising): no button.
        _step("start_appraisal", S.SUBMITTED, S.APPRAISING, _("Assign appraisers")),
        _step("return", (S.SUBMITTED, S.APPRAISING, S.APPRAISED), S.RETURNED,
              _("Return for supplement"), permission="proposals.return_proposal",
              needs_reason=True),
        _step("consolidate", S.SUBMITTED, S.CONSOLIDATED, _("Consolidate"),
              irreversible=True),
        _step("open_consultation", S.APPRAISING, S.CONSULTATION, _("Open public consultation"),
              permission="proposals.open_consultation"),
        _step("close_consultation", S.CONSULTATION, S.APPRAISING,
              _("Close the public consultation")),
        _step("finish_appraisal", S.APPRAISING, S.APPRAISED, _("Finish appraisal"),
              permission="proposals.appraise"),
        _step("forward", (S.APPRAISING, S.APPRAISED, S.COUNCIL_DONE), S.FORWARDED,
              _("Forward to a higher authority"), permission="proposals.forward_proposal"),
        _step("put_on_agenda", S.APPRAISED, S.IN_COUNCIL, _("Put on the council agenda")),
        _step("close_session", S.IN_COUNCIL, S.COUNCIL_DONE, _("Close the council session")),
        _step("decide", (S.APPRAISED, S.COUNCIL_DONE, S.FORWARDED), S.DECIDED, _("Decided"),
              irreversible=True),
        _step("reject", (S.SUBMITTED, S.APPRAISING, S.APPRAISED, S.COUNCIL_DONE, S.FORWARDED),
              S.REJECTED, _("Do not award"), permission="proposals.reject_proposal",
              needs_reason=True, irreversible=True),
    ))
# The classic tables, derived from the machine (tests and other apps read them).
TRANSITIONS: dict[str, frozenset[str]] = PROPOSAL.graph()
REASON_REQUIRED = PROPOSAL.reason_required()


LIVE = tuple(n for n in N.values if n != N.DROPPED)
OPINION = (N.PROPOSED, N.AGREED, N.REFUSED)
VOTING = (N.AGREED, N.PASSED, N.FAILED)
# A nominee's status follows its proposal's steps; the step that moves it audits it (with the
# proposal's label), so the machine writes no audit row of its own.
NOMINEE = state.Machine(
    name="proposals.nominee", model=Nominee, states=N, field="status",
    refusal=_("This nominee was already dropped."),
    transitions=(
        state.step("drop", LIVE, N.DROPPED, _("Drop"), needs_reason=True, irreversible=True),
        state.step("agree", OPINION, N.AGREED, N.AGREED.label),
        state.step("disagree", OPINION, N.REFUSED, N.REFUSED.label),
        state.step("reopen", (N.AGREED, N.REFUSED), N.PROPOSED, _("Return for supplement")),
        state.step("pass", VOTING, N.PASSED, N.PASSED.label),
        state.step("fail", VOTING, N.FAILED, N.FAILED.label),
        state.step("award", LIVE, N.AWARDED, N.AWARDED.label, irreversible=True),
        state.step("not_award", LIVE, N.NOT_AWARDED, N.NOT_AWARDED.label, irreversible=True),
    ))


def set_proposal_state(proposal: Proposal, new: str, *, actor, reason: str = "",
                       expected: str | None = None, today: datetime.date | None = None,
                       row: Proposal | None = None, **fields) -> Proposal:
    """Move `proposal` to `new` by the step of `PROPOSAL` that leads there. Must run inside
    the caller's transaction; locks the row.

    Side effects: `state`, `state_changed_at`, `due_on` (deadline of the new step, in working
    days, from ProcedureParameter) and `submitted_at` on submission; any extra `fields`;
    audit entry `proposals.proposal.<new>` with the previous state and the reason;
    notifications to the people who act next, queued on commit (`notices.state_changed`);
    on rejection or withdrawal, the backlog claims proposed here reopened. Refuses a
    transition not in the table, a missing reason, or a stale `expected` state (another user
    acted first). `row`: the caller already holds the row's lock and this is that row (read
    with `select_for_update`); it moves without being read again, and `proposal` follows."""
    fields["due_on"] = due_date(new, today or timezone.localdate())
    if new == S.SUBMITTED:
        fields["submitted_at"] = timezone.now()
    if row is None:
        row = state.transition_to(proposal, PROPOSAL, new, actor, reason=reason,
                                  expected=expected, fields=fields)
    else:
        state.transition_to(row, PROPOSAL, new, actor, reason=reason, expected=expected,
                            fields=fields, locked=True)
        proposal.__dict__.update({f.attname: getattr(row, f.attname)
                                  for f in Proposal._meta.concrete_fields})
    if new in (S.REJECTED, S.WITHDRAWN):
        # The backlog claims proposed here go back to "verified" (issue 19).
        settlement.released(actor, row.nominees.select_related("source"), reason)
    return proposal
