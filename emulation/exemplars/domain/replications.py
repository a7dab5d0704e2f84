"""Replicating exemplary models (nhân rộng; seed 002 §4 — replicate the effective models, stop
the others; Law 06/2022/QH15 Art. 6 and 13: emulation is evaluated, and exemplary models are
built up and replicated).

```
assigned ──report──► in_progress ──report (done)──► completed
assigned | in_progress ──close (reason)──► closed
```

`set_replication_state` is the only code that assigns `Replication.state`. Withdrawing the model
(emulation.exemplars.domain.exemplars.withdraw_exemplar) closes its open replications with the
reason.
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.domain.scope import users_with_role_over
from accounts.enums import Role
from audit.domain.record import record
from core import state
from emulation.exemplars.models import Replication, ReplicationReport
from emulation.exemplars.models.exemplars import ExemplarState
from emulation.exemplars.models.replications import ReplicationState as S
from notifications.domain.notify import notify

OPEN_STATES = (S.ASSIGNED, S.IN_PROGRESS)
REPLICATION = state.Machine(
    name="emulation.replication", model=Replication, states=S, audit=record,
    audit_context=lambda r: {"unit": r.unit}, related=("exemplar", "unit"),
    refusal=gettext_lazy("The replication is “%(state)s”: this step does not apply."),
    transitions=(
        # Reported again while in progress: the same state, one more report.
        state.step("report", OPEN_STATES, S.IN_PROGRESS, gettext_lazy("Report progress")),
        state.step("complete", OPEN_STATES, S.COMPLETED, S.COMPLETED.label, irreversible=True),
        state.step("close", OPEN_STATES, S.CLOSED, S.CLOSED.label, irreversible=True),
    ))
TRANSITIONS: dict[str, frozenset[str]] = REPLICATION.graph()
# Audit action written on reaching each state (read from the table).
ACTIONS = {t.target: REPLICATION.action(t) for t in REPLICATION.transitions}


def replication_url(replication) -> str:
    return reverse("emulation:replication_detail", args=[replication.public_id])


@transaction.atomic
def set_replication_state(replication: Replication, new: str, *, actor, note: str = "",
                          notify_unit: bool = False) -> Replication:
    """Move `replication` to `new`. Locks the row; refuses a move not in TRANSITIONS. Side
    effects: `state` (and `closing_reason` when closed); audit `emulation.replication.<step>`
    old → new with the note as reason; with `notify_unit`, a notification to the replicating
    unit's officers (mailed after commit)."""
    locked = state.transition_to(replication, REPLICATION, new, actor, reason=note,
                                 fields={"closing_reason": note} if new == S.CLOSED else {})
    if notify_unit:
        notify(users_with_role_over(locked.unit_id, (Role.UNIT_OFFICER,)),
               verb=f"emulation.replication_{new}", actor=actor,
               title=_("Replication closed: %(item)s") % {"item": locked},
               body=note, url=replication_url(locked))
    return replication


@transaction.atomic
def assign_replication(exemplar, *, actor, unit) -> Replication:
    """The board assigns a recognised or published model to `unit` to replicate. Side
    effects: Replication row (assigned); audit `emulation.replication.assign`; notification
    to the unit's officers."""
    if exemplar.state not in (ExemplarState.RECOGNISED, ExemplarState.PUBLISHED):
        raise ValidationError(_("Only a recognised model is replicated; “%(title)s” is "
                                "“%(state)s”.") % {"title": exemplar.title,
                                                   "state": exemplar.get_state_display()})
    try:
        with transaction.atomic():
            replication = Replication.objects.create(exemplar=exemplar, unit=unit)
    except IntegrityError:
        raise ValidationError({"unit": _("%(unit)s already replicates this model.") % {
            "unit": unit.name}}) from None
    record(actor, "emulation.replication.assign", replication, unit=unit,
           changes={"state": [None, S.ASSIGNED]})
    notify(users_with_role_over(unit.pk, (Role.UNIT_OFFICER,)),
           verb="emulation.replication_assigned", actor=actor,
           title=_("Model to replicate: %(title)s") % {"title": exemplar.title},
           body=exemplar.title, url=replication_url(replication))
    return replication


@transaction.atomic
def report_progress(replication, *, actor, note: str, done: bool = False) -> ReplicationReport:
    """The replicating unit reports what it did (assigned | in_progress → in_progress, or →
    completed when `done`). Side effects: ReplicationReport; `set_replication_state`."""
    if not note.strip():
        raise ValidationError({"note": _("Say what the unit did to replicate the model.")})
    set_replication_state(replication, S.COMPLETED if done else S.IN_PROGRESS, actor=actor,
                          note=note.strip())
    return ReplicationReport.objects.create(
        replication=replication, note=note.strip(),
        reported_by=actor if getattr(actor, "is_authenticated", False) else None)


def close_open_replications(exemplar, *, actor, reason: str) -> int:
    """Close every open replication of a model that stopped being effective (withdrawn), with
    the reason; each unit is notified."""
    open_ones = list(exemplar.replications.filter(state__in=OPEN_STATES))
    for replication in open_ones:
        set_replication_state(replication, S.CLOSED, actor=actor, note=reason,
                              notify_unit=True)
    return len(open_ones)
