"""Inspections of emulation and commendation work (Law 06/2022/QH15 Art. 91): a plan, its visits
(planned → done → concluded) and the remediation tasks a conclusion sets (open → done, closed
with a note; "overdue" is an open task past its deadline, computed, never stored). One function
per state change, each locking its row and writing an audit entry."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.domain.record import record
from emulation.models import InspectionPlan, InspectionVisit, RemediationTask
from emulation.models.inspections import TaskState, VisitState


@transaction.atomic
def create_plan(*, actor, year: int, unit, title: str) -> InspectionPlan:
    """Side effect: audit `emulation.inspection.plan`."""
    plan = InspectionPlan(year=year, unit=unit, title=title)
    plan.full_clean()
    plan.save()
    record(actor, "emulation.inspection.plan", plan, unit=unit,
           changes={"title": [None, title], "year": [None, year]})
    return plan


@transaction.atomic
def schedule_visit(plan: InspectionPlan, *, actor, inspected_unit, date, team: str
                   ) -> InspectionVisit:
    """A visit in the plan (state planned). Side effect: audit `emulation.inspection.schedule`."""
    if date.year != plan.year:
        raise ValidationError({"date": _("The date must fall in the plan's year %(year)s.") % {
            "year": plan.year}})
    visit = InspectionVisit(plan=plan, inspected_unit=inspected_unit, date=date, team=team)
    visit.full_clean()
    visit.save()
    record(actor, "emulation.inspection.schedule", visit, unit=plan.unit,
           changes={"inspected_unit": [None, str(inspected_unit)], "date": [None, str(date)]})
    return visit


def _locked_visit(visit: InspectionVisit) -> InspectionVisit:
    return InspectionVisit.objects.select_for_update(of=("self",)).select_related(
        "plan__unit", "inspected_unit").get(pk=visit.pk)


def _refuse_visit(visit: InspectionVisit, state: str) -> None:
    if visit.state != state:
        raise ValidationError(_("The visit to %(unit)s is %(state)s; this step does not "
                                "apply.") % {"unit": visit.inspected_unit,
                                             "state": visit.get_state_display().lower()})


@transaction.atomic
def record_findings(visit: InspectionVisit, *, actor, findings: str) -> InspectionVisit:
    """planned → done, with what the team found. Side effect: audit
    `emulation.inspection.findings`."""
    if not findings.strip():
        raise ValidationError({"findings": _("Write down the findings.")})
    visit = _locked_visit(visit)
    _refuse_visit(visit, VisitState.PLANNED)
    visit.state, visit.findings = VisitState.DONE, findings.strip()
    visit.save(update_fields=["state", "findings"])
    record(actor, "emulation.inspection.findings", visit, unit=visit.plan.unit,
           changes={"state": [VisitState.PLANNED, VisitState.DONE]})
    return visit


@transaction.atomic
def conclude_visit(visit: InspectionVisit, *, actor, conclusion: str) -> InspectionVisit:
    """done → concluded (the conclusion, kết luận kiểm tra); tasks may then be set. Side effect:
    audit `emulation.inspection.conclude`."""
    if not conclusion.strip():
        raise ValidationError({"conclusion": _("Write down the conclusion.")})
    visit = _locked_visit(visit)
    _refuse_visit(visit, VisitState.DONE)
    visit.state, visit.conclusion = VisitState.CONCLUDED, conclusion.strip()
    visit.save(update_fields=["state", "conclusion"])
    record(actor, "emulation.inspection.conclude", visit, unit=visit.plan.unit,
           changes={"state": [VisitState.DONE, VisitState.CONCLUDED]})
    return visit


@transaction.atomic
def add_task(visit: InspectionVisit, *, actor, description: str, owner_unit, owner_name: str,
             deadline) -> RemediationTask:
    """A remediation task from a concluded visit (state open). Side effect: audit
    `emulation.inspection.task`."""
    visit = _locked_visit(visit)
    if visit.state != VisitState.CONCLUDED:
        raise ValidationError(_("Tasks come from a conclusion: conclude the visit first."))
    if deadline < visit.date:
        raise ValidationError({"deadline": _("The deadline is before the visit.")})
    task = RemediationTask(visit=visit, description=description.strip(), owner_unit=owner_unit,
                           owner_name=owner_name.strip(), deadline=deadline)
    task.full_clean()
    task.save()
    record(actor, "emulation.inspection.task", task, unit=owner_unit,
           changes={"description": [None, task.description], "deadline": [None, str(deadline)]})
    return task


@transaction.atomic
def close_task(task: RemediationTask, *, actor, note: str) -> RemediationTask:
    """open (or overdue) → done, with a note on what was done. Side effects: closed_at set;
    audit `emulation.inspection.close_task`."""
    if not note.strip():
        raise ValidationError({"note": _("Say what was done.")})
    task = RemediationTask.objects.select_for_update(of=("self",)).select_related("owner_unit").get(
        pk=task.pk)
    if task.state != TaskState.OPEN:
        raise ValidationError(_("This task is already closed."))
    task.state, task.closing_note, task.closed_at = TaskState.DONE, note.strip(), timezone.now()
    task.save(update_fields=["state", "closing_note", "closed_at"])
    record(actor, "emulation.inspection.close_task", task, unit=task.owner_unit,
           changes={"state": [TaskState.OPEN, TaskState.DONE]}, reason=note.strip())
    return task
