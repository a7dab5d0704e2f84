"""Inspections of emulation and commendation work (Law 06/2022/QH15 Art. 91): a plan, its visits
(planned → done → concluded, the findings with their minutes and the conclusion with its
notice) and the remediation tasks a conclusion sets; the tasks' own machine (reported with
evidence, accepted or returned) is `emulation.exemplars.domain.remediation`. One function per state
change, each a step of the table `VISIT` applied by `core.state` (the row locked, the audit
entry written)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.domain.scope import users_with_role_over
from accounts.enums import Role
from audit.domain.record import record
from core import state
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


VISIT = state.Machine(
    name="emulation.inspection.visit", model=InspectionVisit, states=VisitState, audit=record,
    audit_context=lambda visit: {"unit": visit.plan.unit},
    related=("plan__unit", "inspected_unit"),
    # "The visit to … is inspected": the state's label in lower case.
    describe=lambda visit: {"unit": visit.inspected_unit,
                            "state": visit.get_state_display().lower()},
    refusal=gettext_lazy("The visit to %(unit)s is %(state)s; this step does not apply."),
    transitions=(
        state.step("findings", VisitState.PLANNED, VisitState.DONE,
                   gettext_lazy("Record findings"), permission="emulation.manage_inspections",
                   action="emulation.inspection.findings"),
        state.step("conclude", VisitState.DONE, VisitState.CONCLUDED, gettext_lazy("Conclude"),
                   permission="emulation.manage_inspections",
                   action="emulation.inspection.conclude"),
    ))


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
    visit = state.lock(VISIT, visit)
    # Refused before the minutes are stored; stored before the step, whose entry names them.
    state.check(VISIT, visit, "findings")
    attached = _attach(visit, DocumentKind.MINUTES, minutes, actor)
    return state.transition(visit, VISIT, "findings", actor, locked=True,
                            fields={"findings": findings.strip()},
                            changes={"document": [None, attached and attached.original_name]})


@transaction.atomic
def conclude_visit(visit: InspectionVisit, *, actor, conclusion: str, notice=None
                   ) -> InspectionVisit:
    """done → concluded (the conclusion, kết luận kiểm tra, and when given its notice, thông
    báo kết luận); tasks may then be set. Side effects: InspectionDocument (notice); audit
    `emulation.inspection.conclude`."""
    if not conclusion.strip():
        raise ValidationError({"conclusion": _("Write down the conclusion.")})
    visit = state.lock(VISIT, visit)
    state.check(VISIT, visit, "conclude")
    attached = _attach(visit, DocumentKind.CONCLUSION, notice, actor)
    return state.transition(visit, VISIT, "conclude", actor, locked=True,
                            fields={"conclusion": conclusion.strip()},
                            changes={"document": [None, attached and attached.original_name]})


@transaction.atomic
def add_task(visit: InspectionVisit, *, actor, description: str, owner_unit, owner_name: str,
             deadline) -> RemediationTask:
    """A remediation task from a concluded visit (state open). Side effects: audit
    `emulation.inspection.task`; notification to the owning unit's officers (outbox, mailed
    after commit)."""
    visit = state.lock(VISIT, visit)
    if visit.state != VisitState.CONCLUDED:  # setting a task is no step of the visit
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
