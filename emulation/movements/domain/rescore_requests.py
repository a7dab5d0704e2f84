"""Re-scoring one's own unit goes through a request (seed 000 §4, seed 003: fair cluster votes;
guidance 1122/BTĐKT-2011 — the cluster's results are assessed by the members and the board, not
by the unit being assessed). The cluster head who wants its own unit's points changed files a
request with the reason; a manager of the round who does not belong to that unit (the board, or
another member's officer holding the head's office) approves it — which applies the re-score —
or refuses it with a note.

```
pending ──approve──► approved      (the re-score is applied, ScoreChange keeps the reason)
pending ──refuse───► refused
```
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.domain.scope import users_with_role_over
from audit.domain.record import record
from core import state
from emulation.movements.domain import cluster_rounds
from emulation.movements.domain.queries.cluster_rounds import own_unit_ids
from emulation.movements.enums import ROUND_MANAGER_ROLES, RoundState
from emulation.movements.enums import RescoreRequestState as S
from emulation.movements.models import RescoreRequest
from notifications.domain.notify import notify

RESCORE = state.Machine(
    name="emulation.rescore_request", model=RescoreRequest, states=S, audit=record,
    audit_context=lambda r: {"unit": r.round.cluster.managing_unit},
    related=("round__cluster", "unit", "criterion", "requested_by"),
    refusal=gettext_lazy("This request is already “%(state)s”; someone else has decided it."),
    transitions=(
        state.step("approve", S.PENDING, S.APPROVED, gettext_lazy("Approve"),
                   irreversible=True),
        state.step("refuse", S.PENDING, S.REFUSED, gettext_lazy("Refuse"), irreversible=True),
    ))
TRANSITIONS: dict[str, frozenset[str]] = RESCORE.graph()
# Audit action written on reaching each state (read from the table).
ACTIONS = {t.target: RESCORE.action(t) for t in RESCORE.transitions}
OPEN_ROUND_STATES = (RoundState.SCORING, RoundState.VOTING)


def _round_url(cluster_round) -> str:
    return reverse("emulation:round_detail", args=[cluster_round.public_id])


@transaction.atomic
def request_rescore(cluster_round, *, actor, unit, criterion, points, reason: str
                    ) -> RescoreRequest:
    """File a re-score of `unit` (one the actor belongs to) for someone else to approve.

    Side effects: RescoreRequest (pending); audit `emulation.rescore_request.file`;
    notification to the board over the cluster's managing unit (outbox, sent after commit).
    """
    locked = cluster_rounds.locked_while(cluster_round, *OPEN_ROUND_STATES)
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason for the change.")})
    cluster_rounds._member(locked, unit)
    cluster_rounds._leaf(locked, criterion)
    points = cluster_rounds._check_points(criterion, points)
    request = RescoreRequest.objects.create(round=locked, unit=unit, criterion=criterion,
                                            points=points, reason=reason.strip(),
                                            requested_by=actor)
    record(actor, "emulation.rescore_request.file", request,
           unit=locked.cluster.managing_unit, reason=request.reason, changes={
               "unit": unit.code, "criterion": criterion.code, "points": str(points)})
    notify(users_with_role_over(locked.cluster.managing_unit_id, ROUND_MANAGER_ROLES),
           verb="emulation.rescore_request", actor=actor, url=_round_url(locked),
           title=_("Re-score to approve: %(unit)s, criterion %(code)s") % {
               "unit": unit.name, "code": criterion.code},
           body=_("%(user)s asks to set %(unit)s's criterion %(code)s to %(points)s points. "
                  "Reason: %(reason)s") % {"user": actor, "unit": unit.name,
                                           "code": criterion.code, "points": points,
                                           "reason": request.reason})
    return request


def may_decide(user, request: RescoreRequest) -> bool:
    """A manager of the round who neither filed the request nor belongs to its unit."""
    return (request.requested_by_id != user.pk
            and request.unit_id not in own_unit_ids(user, request.round))


@transaction.atomic
def set_request_state(request: RescoreRequest, new: str, *, actor, note: str = ""
                      ) -> RescoreRequest:
    """The one writer of `RescoreRequest.state` (approve or refuse).

    Locks the request; refuses a move not in TRANSITIONS ("someone else already decided"),
    a decider with a conflict (`may_decide`), a refusal without a note. Approving applies the
    re-score through `cluster_rounds.rescore` (round still scoring or voting; ScoreChange with
    the request's reason). Side effects: state, decided_by/at, decision_note; audit
    `emulation.rescore_request.approve|refuse` with old → new; notification to the requester.
    """
    locked = state.lock(RESCORE, request)
    step = state.check_to(RESCORE, locked, new)
    if not may_decide(actor, locked):
        raise ValidationError(_("You belong to %(unit)s or filed this request: someone else "
                                "must decide it.") % {"unit": locked.unit.name})
    if new == S.REFUSED and not note.strip():
        raise ValidationError({"note": _("Say why the request is refused.")})
    if new == S.APPROVED:
        cluster_rounds.rescore(locked.round, actor=actor, unit=locked.unit,
                               criterion=locked.criterion, points=locked.points,
                               reason=_("%(reason)s (requested by %(user)s)") % {
                                   "reason": locked.reason, "user": locked.requested_by})
    # Moving the caller's instance (the row is locked above) keeps it current.
    locked = state.transition(request, RESCORE, step.name, actor, reason=note.strip(), fields={
        "decided_by": actor, "decided_at": timezone.now(), "decision_note": note.strip()},
        changes={"unit": locked.unit.code, "criterion": locked.criterion.code})
    notify([locked.requested_by], verb=f"emulation.rescore_{new}", actor=actor,
           url=_round_url(locked.round),
           title=_("Re-score request %(state)s: %(unit)s, criterion %(code)s") % {
               "state": S(new).label.lower(), "unit": locked.unit.name,
               "code": locked.criterion.code},
           body=locked.decision_note or locked.reason)
    return request


def approve(request, *, actor, note: str = "") -> RescoreRequest:
    return set_request_state(request, S.APPROVED, actor=actor, note=note)


def refuse(request, *, actor, note: str) -> RescoreRequest:
    return set_request_state(request, S.REFUSED, actor=actor, note=note)
