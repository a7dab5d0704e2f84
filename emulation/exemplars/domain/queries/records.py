"""Permission-aware querysets of exemplary models and inspections."""

from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from accounts.domain.scope import restrict_to_scope
from accounts.enums import Role
from emulation.exemplars.models import (
    Exemplar,
    InspectionPlan,
    InspectionVisit,
    RemediationTask,
    TaskReport,
)
from emulation.exemplars.models.inspections import TASK_OPEN_STATES
from emulation.initiatives.enums import VIEW_ROLES
from organisations.domain.queries import search

BOARD_ROLES = (Role.SYSTEM_ADMIN, Role.BOARD_STAFF)


def exemplars_for_user(user, q: str | None = None) -> QuerySet:
    """Exemplars of the units in the user's scope, searchable without diacritics."""
    return search(restrict_to_scope(
        Exemplar.objects.select_related("unit", "person", "collective"), user,
        roles=VIEW_ROLES), q)


def plans_for_user(user) -> QuerySet:
    """Inspection plans of the inspecting units in the user's board scope."""
    return restrict_to_scope(InspectionPlan.objects.select_related("unit"), user,
                             roles=BOARD_ROLES)


def visits_for_user(user) -> QuerySet:
    return restrict_to_scope(
        InspectionVisit.objects.select_related("plan__unit", "inspected_unit"), user,
        field="plan__unit", roles=BOARD_ROLES)


def visits_read_by(user) -> QuerySet:
    """Visits the user may read: the board's (by the inspecting unit) and the inspections of
    units in the user's scope — an inspected unit reads its own inspections, no others."""
    base = InspectionVisit.objects.select_related("plan__unit", "inspected_unit")
    by_board = restrict_to_scope(base, user, field="plan__unit", roles=BOARD_ROLES)
    by_unit = restrict_to_scope(base, user, field="inspected_unit", roles=VIEW_ROLES)
    return base.filter(Q(pk__in=by_board.values("pk")) | Q(pk__in=by_unit.values("pk")))


def inspections_of_my_units(user) -> QuerySet:
    """The inspections of the units in the user's scope (the inspected side), newest first."""
    return restrict_to_scope(
        InspectionVisit.objects.select_related("plan__unit", "inspected_unit"), user,
        field="inspected_unit", roles=VIEW_ROLES).order_by("-date", "-id")


def tasks_for_user(user) -> QuerySet:
    """Remediation tasks the user may see: the board's (by the inspecting unit) and the tasks
    owned by units in the user's scope."""
    base = RemediationTask.objects.select_related("owner_unit", "visit__inspected_unit",
                                                  "visit__plan__unit")
    by_board = restrict_to_scope(base, user, field="visit__plan__unit", roles=BOARD_ROLES)
    by_owner = restrict_to_scope(base, user, field="owner_unit", roles=VIEW_ROLES)
    return base.filter(Q(pk__in=by_board.values("pk")) | Q(pk__in=by_owner.values("pk")))


def open_tasks(user) -> QuerySet:
    """Tasks still the unit's to do (open or returned; overdue ones included), earliest
    deadline first."""
    return tasks_for_user(user).filter(state__in=TASK_OPEN_STATES).order_by("deadline", "id")


def overdue_tasks(user, today=None) -> QuerySet:
    """Open or returned tasks past their deadline: the home pages and the dashboard."""
    return open_tasks(user).filter(deadline__lt=today or timezone.localdate())


def with_review_note(tasks: QuerySet) -> QuerySet:
    """Annotate each task with its latest completion report's review note (one subquery)."""
    latest = TaskReport.objects.filter(task=OuterRef("pk")).order_by("-reported_at", "-id")
    return tasks.annotate(review_note=Subquery(latest.values("review_note")[:1]))
