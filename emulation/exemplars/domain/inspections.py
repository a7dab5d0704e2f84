"""Inspections of emulation and commendation work (Law 06/2022/QH15 Art. 91): a plan, its visits
(planned → done → concluded, the findings with their minutes and the conclusion with its
notice) and the remediation tasks a conclusion sets; the tasks' own machine (reported with
evidence, accepted or returned) is `emulation.domain.remediation`. One function per state
change, each locking its row and writing an audit entry."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.domain.scope import users_with_role_over
from accounts.enums import Role
from audit.domain.record import record
from core.uploads import sniff, store_private
from emulation.exemplars.domain.remediation import task_url
from emulation.exemplars.models import (
    InspectionDocument,
    InspectionPlan,
    InspectionVisit,
    RemediationTask,
)
from emulation.exemplars.models.inspections import DocumentKind, VisitState
from notifications.domain.notify import notify


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


def _attach(visit, kind, document, actor) -> InspectionDocument | None:
    """Store the minutes or the conclusion notice privately (core.uploads sniffs it again)."""
    if not document:
        return None
    return InspectionDocument.objects.create(
        visit=visit, kind=kind, path=store_private(document, "inspections"),
        original_name=document.name[:255], file_kind=sniff(document),
        uploaded_by=actor)


@transaction.atomic
def record_findings(visit: InspectionVisit, *, actor, findings: str, minutes=None
                    ) -> InspectionVisit:
    """planned → done, with what the team found and, when given, the signed minutes (biên bản
    kiểm tra). Side effects: InspectionDocument (minutes); audit
    `emulation.inspection.findings`."""
    if not findings.strip():
        raise ValidationError({"findings": _("Write down the findings.")})
    visit = _locked_visit(visit)
    _refuse_visit(visit, VisitState.PLANNED)
    visit.state, visit.findings = VisitState.DONE, findings.strip()
    visit.save(update_fields=["state", "findings"])
    attached = _attach(visit, DocumentKind.MINUTES, minutes, actor)
    record(actor, "emulation.inspection.findings", visit, unit=visit.plan.unit,
           changes={"state": [VisitState.PLANNED, VisitState.DONE],
                    "document": [None, attached and attached.original_name]})
    return visit


@transaction.atomic
def conclude_visit(visit: InspectionVisit, *, actor, conclusion: str, notice=None
                   ) -> InspectionVisit:
    """done → concluded (the conclusion, kết luận kiểm tra, and when given its notice, thông
    báo kết luận); tasks may then be set. Side effects: InspectionDocument (notice); audit
    `emulation.inspection.conclude`."""
    if not conclusion.strip():
        raise ValidationError({"conclusion": _("Write down the conclusion.")})
    visit = _locked_visit(visit)
    _refuse_visit(visit, VisitState.DONE)
    visit.state, visit.conclusion = VisitState.CONCLUDED, conclusion.strip()
    visit.save(update_fields=["state", "conclusion"])
    attached = _attach(visit, DocumentKind.CONCLUSION, notice, actor)
    record(actor, "emulation.inspection.conclude", visit, unit=visit.plan.unit,
           changes={"state": [VisitState.DONE, VisitState.CONCLUDED],
                    "document": [None, attached and attached.original_name]})
    return visit


@transaction.atomic
def add_task(visit: InspectionVisit, *, actor, description: str, owner_unit, owner_name: str,
             deadline) -> RemediationTask:
    """A remediation task from a concluded visit (state open). Side effects: audit
    `emulation.inspection.task`; notification to the owning unit's officers (outbox, mailed
    after commit)."""
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
    notify(users_with_role_over(owner_unit.pk, (Role.UNIT_OFFICER,)),
           verb="emulation.task_set", actor=actor, url=task_url(task),
           title=_("Remediation task for %(unit)s, due %(deadline)s") % {
               "unit": owner_unit.name, "deadline": deadline.strftime("%d/%m/%Y")},
           body=_("After the inspection of %(unit)s on %(date)s: %(task)s") % {
               "unit": visit.inspected_unit.name, "date": visit.date.strftime("%d/%m/%Y"),
               "task": task.description})
    return task
