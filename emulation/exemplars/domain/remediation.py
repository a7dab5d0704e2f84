"""Remediation tasks after an inspection's conclusion, followed to the end (Law 06/2022/QH15
Art. 91; seed 004 — a province executing an inspection's conclusions): the inspected unit
reports completion with evidence files, the board accepts it or returns it with a reason, and a
returned task is the unit's again.

```
open ──report (note + evidence)──► done ──accept──► accepted
                                    └───return (reason)──► returned ──report──► done
```

`set_task_state` is the only code that assigns `RemediationTask.state`; `report_completion`,
`accept_task` and `return_task` are its named steps. "Overdue" (open or returned past the
deadline) is computed, never stored.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.domain.scope import users_with_role_over
from accounts.enums import Role
from audit.domain.record import record
from core import state
from core.uploads import sniff, store_private
from emulation.exemplars.models import RemediationTask, TaskEvidence, TaskReport
from emulation.exemplars.models.inspections import TaskState as S
from notifications.domain.notify import notify

# A wrong step and a stale one read the same: the page cannot tell which happened.
MOVED = gettext_lazy("The task is “%(state)s”: this step does not apply (someone else may "
                     "already have done it).")
TASK = state.Machine(
    name="emulation.inspection.task", model=RemediationTask, states=S, audit=record,
    audit_context=lambda task: {"unit": task.owner_unit},
    related=("owner_unit", "visit__plan__unit"), refusal=MOVED, stale=MOVED,
    transitions=(
        state.step("report", (S.OPEN, S.RETURNED), S.DONE, gettext_lazy("Report completion"),
                   action="emulation.inspection.task_report"),
        state.step("accept", S.DONE, S.ACCEPTED, S.ACCEPTED.label,
                   action="emulation.inspection.task_accept", irreversible=True),
        state.step("return", S.DONE, S.RETURNED, S.RETURNED.label,
                   action="emulation.inspection.task_return"),
    ))
TRANSITIONS: dict[str, frozenset[str]] = TASK.graph()
# Audit action written on reaching each state (read from the table).
ACTIONS = {t.target: TASK.action(t) for t in TASK.transitions}
BOARD_ROLES = (Role.SYSTEM_ADMIN, Role.BOARD_STAFF)


def task_url(task) -> str:
    return reverse("emulation:task_detail", args=[task.public_id])


@transaction.atomic
def set_task_state(task: RemediationTask, new: str, *, actor, note: str = "",
                   expected: str | None = None) -> RemediationTask:
    """Move `task` to `new`. Locks the row; refuses a move not in TRANSITIONS or a stale
    `expected` state ("someone else already did this").

    Side effects: `state`; `closed_at` and `closing_note` when completion is reported; audit
    `emulation.inspection.task_<step>` with the state old → new and the note as the reason;
    a notification (outbox, mailed after commit): a report goes to the board over the
    inspecting unit, a review to the officers of the owning unit.
    """
    fields = {"closing_note": note, "closed_at": timezone.now()} if new == S.DONE else {}
    row = state.transition_to(task, TASK, new, actor, reason=note, expected=expected,
                              fields=fields)
    _notify(row, new, actor=actor, note=note)
    return task


def _notify(task, new, *, actor, note):
    if new == S.DONE:
        recipients = users_with_role_over(task.visit.plan.unit_id, BOARD_ROLES)
        title = _("Completion reported: %(task)s") % {"task": task}
    else:
        recipients = users_with_role_over(task.owner_unit_id, (Role.UNIT_OFFICER,))
        title = (_("Task accepted: %(task)s") if new == S.ACCEPTED
                 else _("Task returned: %(task)s")) % {"task": task}
    notify(recipients, verb=f"emulation.task_{new}", actor=actor, title=title,
           body=note or str(task), url=task_url(task))


@transaction.atomic
def report_completion(task: RemediationTask, *, actor, note: str, files) -> TaskReport:
    """The owning unit reports the task done (open or returned → done) with what was done and
    at least one evidence file (sniffed again and stored privately by core.uploads).

    Side effects: TaskReport with its TaskEvidence rows; `set_task_state(done)`.
    """
    files = [f for f in files if f]
    if not note.strip():
        raise ValidationError({"note": _("Say what was done.")})
    if not files:
        raise ValidationError({"evidence_1": _("Attach at least one evidence file.")})
    set_task_state(task, S.DONE, actor=actor, note=note.strip())
    report = TaskReport.objects.create(task=task, note=note.strip(), reported_by=actor)
    TaskEvidence.objects.bulk_create([TaskEvidence(
        report=report, path=store_private(f, "remediation"), original_name=f.name[:255],
        file_kind=sniff(f)) for f in files])
    return report


def _review(task, new, *, actor, note) -> TaskReport:
    set_task_state(task, new, actor=actor, note=note.strip(), expected=S.DONE)
    report = task.reports.select_for_update().order_by("-reported_at", "-id").first()
    report.outcome, report.review_note = new, note.strip()
    report.reviewed_by, report.reviewed_at = actor, timezone.now()
    report.save(update_fields=["outcome", "review_note", "reviewed_by", "reviewed_at"])
    return report


@transaction.atomic
def accept_task(task: RemediationTask, *, actor, note: str = "") -> TaskReport:
    """The board accepts the reported completion (done → accepted); the latest report keeps
    the review. Side effects: those of `set_task_state`."""
    return _review(task, S.ACCEPTED, actor=actor, note=note)


@transaction.atomic
def return_task(task: RemediationTask, *, actor, reason: str) -> TaskReport:
    """The board returns the reported completion with a reason (done → returned): the task is
    the unit's again, overdue past its deadline. Side effects: those of `set_task_state`."""
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the task is returned.")})
    return _review(task, S.RETURNED, actor=actor, note=reason)
