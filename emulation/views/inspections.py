"""Inspections in the back office: plans and their visits (the board's), findings, conclusions,
remediation tasks; the task list (open and overdue) that unit officers also see and close."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.interfaces.forms import posted
from core.interfaces.paging import paginate
from core.interfaces.views import form_page
from emulation.domain import inspections as domain
from emulation.domain.queries.records import (
    open_tasks,
    plans_for_user,
    tasks_for_user,
    visits_for_user,
)
from emulation.interfaces.exports import task_export
from emulation.interfaces.records_forms import (
    CloseTaskForm,
    ConclusionForm,
    FindingsForm,
    PlanForm,
    TaskForm,
    VisitForm,
)
from emulation.models.inspections import VisitState
from organisations.views.common import get_in, require
from reports.interfaces.exports import requested_format

MANAGE = "emulation.manage_inspections"


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
    visit = _visit(request, public_id)
    return render(request, "emulation/visit_detail.html", {
        "visit": visit, "tasks": visit.tasks.select_related("owner_unit"),
        "can_findings": visit.state == VisitState.PLANNED,
        "can_conclude": visit.state == VisitState.DONE,
        "can_add_task": visit.state == VisitState.CONCLUDED})


@login_required
def visit_findings(request, public_id):
    visit = _visit(request, public_id)
    return form_page(
        request, FindingsForm(posted(request)),
        lambda data: domain.record_findings(visit, actor=request.user, **data),
        title=_("Findings at %(unit)s") % {"unit": visit.inspected_unit}, submit=_("Save"),
        done=_visit_url, success_message=_("Findings recorded."))


@login_required
def visit_conclude(request, public_id):
    visit = _visit(request, public_id)
    return form_page(
        request, ConclusionForm(posted(request)),
        lambda data: domain.conclude_visit(visit, actor=request.user, **data),
        title=_("Conclusion for %(unit)s") % {"unit": visit.inspected_unit},
        submit=_("Conclude"), done=_visit_url, success_message=_("Conclusion recorded."))


@login_required
def task_create(request, public_id):
    visit = _visit(request, public_id)
    return form_page(
        request, TaskForm(posted(request), user=request.user),
        lambda data: domain.add_task(visit, actor=request.user, **data),
        title=_("Remediation task for %(unit)s") % {"unit": visit.inspected_unit},
        submit=_("Save"), done=lambda t: _visit_url(visit),
        success_message=_("Remediation task added."))


def filtered_tasks(request):
    """The task list's queryset (page and export): open tasks in reach, `overdue` only."""
    qs = open_tasks(request.user)
    if request.GET.get("overdue"):
        qs = qs.filter(deadline__lt=timezone.localdate())
    return qs


@login_required
def task_list(request):
    """Open remediation tasks in the user's reach, earliest deadline first; overdue rows are
    highlighted (tr.overdue); `?export=xlsx|csv` streams the same filtered list."""
    require(request, "emulation.view_tasks")
    qs = filtered_tasks(request)
    if kind := requested_format(request):
        return task_export(kind, qs, timezone.localdate())
    return render(request, "emulation/task_list.html", {
        "page": paginate(request, qs, per_page=50), "today": timezone.localdate(),
        "overdue_only": bool(request.GET.get("overdue")),
        "can_manage": request.user.has_perm(MANAGE)})


@login_required
def task_close(request, public_id):
    task = get_in(tasks_for_user(request.user), public_id=public_id)
    require(request, "emulation.close_task", task)
    return form_page(
        request, CloseTaskForm(posted(request)),
        lambda data: domain.close_task(task, actor=request.user, **data),
        title=_("Close the task: %(task)s") % {"task": task}, submit=_("Close the task"),
        done=lambda t: reverse("emulation:task_list"), success_message=_("Task closed."))
