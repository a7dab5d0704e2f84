"""Permission-aware querysets of report requests and filings."""

import datetime

from django.db.models import Q, QuerySet, Subquery

from accounts.domain.scope import is_system_admin, scope_root_ids
from organisations.models import UnitClosure
from reports.enums import FILEABLE_STATES, REPORTING_ROLES, RequestState
from reports.models import ReportFiling, ReportRequest


def _below(user):
    return UnitClosure.objects.filter(
        ancestor_id__in=scope_root_ids(user, REPORTING_ROLES)).values("descendant_id")


def requests_for_user(user) -> QuerySet:
    """Requests issued by a unit in the user's scope (drafts included), and issued or closed
    requests addressed to a unit in scope (cancelled ones too: the unit keeps the record)."""
    qs = ReportRequest.objects.select_related("requester")
    if is_system_admin(user):
        return qs
    below = _below(user)
    targeted = ReportFiling.objects.filter(unit_id__in=Subquery(below)).values("request_id")
    return qs.filter(Q(requester_id__in=Subquery(below)) | Q(pk__in=Subquery(targeted)))


def filings_for_user(user) -> QuerySet:
    """Filings of units in the user's scope, and every filing of a request issued by a unit in
    scope (the requester follows its request)."""
    qs = ReportFiling.objects.select_related("request", "unit")
    if is_system_admin(user):
        return qs
    below = _below(user)
    return qs.filter(Q(unit_id__in=Subquery(below))
                     | Q(request__requester_id__in=Subquery(below)))


def overdue_filings(user, today: datetime.date) -> QuerySet:
    """Filings still owed past their due date, of requests the user's units issued (the
    board's chasing list), oldest due first."""
    qs = ReportFiling.objects.select_related("request", "unit", "request__requester").filter(
        state__in=FILEABLE_STATES, on_time__isnull=True, due_date__lt=today,
        request__state=RequestState.ISSUED)
    if not is_system_admin(user):
        qs = qs.filter(request__requester_id__in=Subquery(_below(user)))
    return qs.order_by("due_date", "request_id", "unit__path")


def filings_due_from(user) -> QuerySet:
    """Reports the user's own units (their roles' units, not the units below them) still owe
    on issued requests, the earliest due first."""
    return ReportFiling.objects.filter(
        unit_id__in=scope_root_ids(user, REPORTING_ROLES), state__in=FILEABLE_STATES,
        request__state=RequestState.ISSUED).order_by("due_date", "id")
