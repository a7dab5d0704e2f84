"""Reminders to target units: N working days before the due date (N a dated parameter, public
holidays skipped through core.domain.calendar) and once when a report is overdue.

Run daily by the task `reports.tasks.send_report_reminders` or the command
`manage.py send_report_reminders` (cron). Each filing is reminded at most once of each kind:
the mark is set by a conditional UPDATE that must touch the row (like the outbox's claim), so
the task and the command running at once never remind twice. A due-date extension clears the
marks.
"""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.domain.calendar import work_calendar
from notifications.domain.notify import notify
from reports.domain.parameters import parameter
from reports.domain.requests import detail_url, officers_of
from reports.enums import FILEABLE_STATES, RequestState
from reports.models import ReportFiling


def _open_filings():
    return ReportFiling.objects.filter(state__in=FILEABLE_STATES, on_time__isnull=True,
                                       request__state=RequestState.ISSUED)


def _claim(filing_id: int, mark: str) -> bool:
    return bool(ReportFiling.objects.filter(pk=filing_id, **{f"{mark}__isnull": True})
                .update(**{mark: timezone.now()}))


def _send(filing: ReportFiling, title: str) -> None:
    notify(officers_of([filing.unit_id]), verb="reports.reminder", actor=None, title=title,
           body=_("%(title)s — due on %(date)s.") % {"title": filing.request.title,
                                                    "date": f"{filing.due_date:%d/%m/%Y}"},
           url=detail_url(filing.request))


def send_reminders(today: datetime.date) -> dict[str, int]:
    """Remind what is due within N working days and what became overdue; returns the counts
    sent of each kind. Each reminder commits on its own (a failure loses one, not all)."""
    days = int(parameter("reminder.working_days_before", today))
    horizon = work_calendar().add_working_days(today, days) if days > 0 else today
    due_soon = (_open_filings().filter(reminded_at__isnull=True, due_date__gte=today,
                                       due_date__lte=horizon).select_related("request"))
    overdue = (_open_filings().filter(overdue_notified_at__isnull=True, due_date__lt=today)
               .select_related("request"))
    sent = {"due_soon": 0, "overdue": 0}
    for filing in due_soon:
        with transaction.atomic():
            if _claim(filing.pk, "reminded_at"):
                _send(filing, _("Report due soon: %(title)s") % {"title": filing.request.title})
                sent["due_soon"] += 1
    for filing in overdue:
        with transaction.atomic():
            if _claim(filing.pk, "overdue_notified_at"):
                _send(filing, _("Report overdue: %(title)s") % {"title": filing.request.title})
                sent["overdue"] += 1
    return sent
