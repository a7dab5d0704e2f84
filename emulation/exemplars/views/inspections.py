"""Inspections in the back office: plans and their visits (the board's), findings with their
minutes, conclusions with their notice, remediation tasks; the inspected unit reads its own
inspections; the task list and page where the unit reports completion with evidence and the
board accepts or returns it."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.interfaces.forms import posted
from core.interfaces.guards import get_in, require
from core.interfaces.paging import paginate
from core.interfaces.views import form_page, list_page
from core.state import available_actions
from core.uploads import CONTENT_TYPES, private_download
from emulation.exemplars.domain import inspections as domain
from emulation.exemplars.domain import remediation
from emulation.exemplars.domain.queries.records import (
    inspections_of_my_units,
    plans_for_user,
    tasks_for_user,
    visits_for_user,
    visits_read_by,
)
from emulation.exemplars.interfaces.exports import task_export
from emulation.exemplars.interfaces.forms import (
    ConclusionForm,
    FindingsForm,
    PlanForm,
    TaskForm,
    TaskReportForm,
    TaskReviewForm,
    VisitForm,
)
from emulation.exemplars.models import InspectionDocument, TaskEvidence
from emulation.exemplars.models.inspections import TASK_OPEN_STATES, TaskState, VisitState

MANAGE = "emulation.manage_inspections"
FILE_FORM = "emulation/file_form.html"


@login_required
def plan_list(request):
    require(request, MANAGE)
    return render(request, "emulation/plan_list.html", {
        "page": paginate(request, plans_for_user(request.user), per_page=50)})


@login_required
def plan_create(request):
    require(request, MANAGE)
    return form_page(
        request, PlanForm(posted(request), user=request.user),
        lambda data: domain.create_plan(actor=request.user, **data),
        title=_("New inspection plan"), submit=_("Save"), done=_plan_url,
        success_message=_("Inspection plan saved."))


def _plan_url(plan) -> str:
    return reverse("emulation:inspection_plan_detail", args=[plan.public_id])


def _visit_url(visit) -> str:
    return reverse("emulation:visit_detail", args=[visit.public_id])


def _plan(request, public_id):
    plan = get_in(plans_for_user(request.user), public_id=public_id)
    require(request, MANAGE, plan)
    return plan


def _visit(request, public_id):
    visit = get_in(visits_for_user(request.user), public_id=public_id)
    require(request, MANAGE, visit)
    return visit


def _task(request, public_id, perm="emulation.view_tasks"):
    task = get_in(tasks_for_user(request.user), public_id=public_id)
    require(request, perm, task)
    return task


@login_required
def plan_detail(request, public_id):
    plan = _plan(request, public_id)
    return render(request, "emulation/plan_detail.html", {
        "plan": plan, "visits": plan.visits.select_related("inspected_unit")})


@login_required
def visit_create(request, public_id):
    plan = _plan(request, public_id)
    return form_page(
        request, VisitForm(posted(request), user=request.user),
        lambda data: domain.schedule_visit(plan, actor=request.user, **data),
        title=_("Schedule a visit — %(plan)s") % {"plan": plan.title}, submit=_("Save"),
        done=_visit_url, success_message=_("Visit scheduled."))


@login_required
def visit_detail(request, public_id):
    """The board's working page of a visit, and what the inspected unit reads: findings and
    conclusion with their documents, and the tasks set."""
    visit = get_in(visits_read_by(request.user), public_id=public_id)
    require(request, "emulation.view_visit", visit)
    manages = request.user.has_perm(MANAGE, visit)
    # The steps offered are the table's, for this state and this user (core.state).
    steps = {t.name for t in available_actions(domain.VISIT, visit, request.user)}
    return render(request, "emulation/visit_detail.html", {
        "visit": visit, "tasks": visit.tasks.select_related("owner_unit"),
        "documents": visit.documents.all(), "manages": manages,
        "can_findings": "findings" in steps, "can_conclude": "conclude" in steps,
        "can_add_task": manages and visit.state == VisitState.CONCLUDED})


@login_required
def my_inspections(request):
    """The inspections of the user's own units (the inspected side), newest first."""
    require(request, "emulation.view_tasks")
    return render(request, "emulation/my_inspections.html", {
        "page": paginate(request, inspections_of_my_units(request.user), per_page=50)})


@login_required
def document_download(request, public_id):
    document = get_in(InspectionDocument.objects.filter(
        visit__in=visits_read_by(request.user)).select_related("visit"), public_id=public_id)
    require(request, "emulation.view_visit", document.visit)
    return private_download(document.path, document.original_name,
                            CONTENT_TYPES.get(document.file_kind, "application/octet-stream"))


@login_required
def visit_findings(request, public_id):
    visit = _visit(request, public_id)
    return form_page(
        request, FindingsForm(posted(request), request.FILES or None),
        lambda data: domain.record_findings(visit, actor=request.user, **data),
        title=_("Findings at %(unit)s") % {"unit": visit.inspected_unit}, submit=_("Save"),
        done=_visit_url, success_message=_("Findings recorded."), template=FILE_FORM)


@login_required
def visit_conclude(request, public_id):
    visit = _visit(request, public_id)
    return form_page(
        request, ConclusionForm(posted(request), request.FILES or None),
        lambda data: domain.conclude_visit(visit, actor=request.user, **data),
        title=_("Conclusion for %(unit)s") % {"unit": visit.inspected_unit},
        submit=_("Conclude"), done=_visit_url, success_message=_("Conclusion recorded."),
        template=FILE_FORM)


@login_required
def task_create(request, public_id):
    visit = _visit(request, public_id)
    return form_page(
        request, TaskForm(posted(request), user=request.user),
        lambda data: domain.add_task(visit, actor=request.user, **data),
        title=_("Remediation task for %(unit)s") % {"unit": visit.inspected_unit},
        submit=_("Save"), done=lambda t: _visit_url(visit),
        success_message=_("Remediation task added."))


TASK_FILTERS = {"open": TASK_OPEN_STATES, "done": (TaskState.DONE,),
                "accepted": (TaskState.ACCEPTED,)}


def filtered_tasks(request):
    """The task list's queryset (page and export): every task in reach — reported and
    accepted ones stay listed — `?state=open|done|accepted`, `?overdue=1`."""
    qs = tasks_for_user(request.user).order_by("deadline", "id")
    if states := TASK_FILTERS.get(request.GET.get("state", "")):
        qs = qs.filter(state__in=states)
    if request.GET.get("overdue"):
        qs = qs.filter(state__in=TASK_OPEN_STATES, deadline__lt=timezone.localdate())
    return qs


@login_required
def task_list(request):
    """Remediation tasks in the user's reach, earliest deadline first; overdue rows are
    highlighted (tr.overdue); `?export=xlsx|csv` streams the same filtered list with the
    completion and review notes."""
    require(request, "emulation.view_tasks")
    today = timezone.localdate()
    return list_page(request, filtered_tasks(request),
                     export=lambda kind, qs: task_export(kind, qs, today),
                     template="emulation/task_list.html", today=today,
                     overdue_only=bool(request.GET.get("overdue")),
                     state=request.GET.get("state", ""), filters=TASK_FILTER_LABELS,
                     can_manage=request.user.has_perm(MANAGE))


TASK_FILTER_LABELS = [("", gettext_lazy("All")), ("open", gettext_lazy("To do")),
                      ("done", gettext_lazy("Completion reported")),
                      ("accepted", gettext_lazy("Accepted"))]


@login_required
def task_detail(request, public_id):
    """A task, its completion reports with their evidence and the board's reviews."""
    task = _task(request, public_id)
    reports = task.reports.select_related("reported_by", "reviewed_by").prefetch_related(
        "evidence")
    return render(request, "emulation/task_detail.html", {
        "task": task, "reports": reports, "today": timezone.localdate(),
        "can_report": request.user.has_perm("emulation.report_task", task),
        "can_review": request.user.has_perm("emulation.review_task", task)})


@login_required
def task_report(request, public_id):
    """The owning unit reports completion with evidence files (open or returned tasks)."""
    task = _task(request, public_id, "emulation.report_task")
    return form_page(
        request, TaskReportForm(posted(request), request.FILES or None),
        lambda data: remediation.report_completion(
            task, actor=request.user, note=data["note"],
            files=[data["evidence_1"], data["evidence_2"], data["evidence_3"]]),
        title=_("Report completion: %(task)s") % {"task": task},
        submit=_("Send the report"), done=lambda r: remediation.task_url(task),
        success_message=_("Completion reported; the board will review it."),
        template=FILE_FORM)


@login_required
def task_review(request, public_id):
    """The board accepts the reported completion or returns it with a reason."""
    task = _task(request, public_id, "emulation.review_task")
    decide = {"accept": lambda data: remediation.accept_task(
                  task, actor=request.user, note=data["reason"]),
              "return": lambda data: remediation.return_task(
                  task, actor=request.user, reason=data["reason"])}
    return form_page(
        request, TaskReviewForm(posted(request)), lambda data: decide[data["decision"]](data),
        title=_("Review the completion: %(task)s") % {"task": task},
        submit=_("Record the review"), done=lambda r: remediation.task_url(task),
        success_message=lambda report: _("Task %(state)s.") % {
            "state": report.get_outcome_display().lower()})


@login_required
def task_evidence(request, public_id):
    evidence = get_in(TaskEvidence.objects.filter(
        report__task__in=tasks_for_user(request.user)).select_related("report__task"),
        public_id=public_id)
    require(request, "emulation.view_tasks", evidence.report.task)
    return private_download(evidence.path, evidence.original_name,
                            CONTENT_TYPES.get(evidence.file_kind, "application/octet-stream"))
