"""Background work of reporting discipline. Thin: the domain does the rest."""

from django_tasks import task

from reports.domain.reminders import send_reminders
from reports.domain.timeliness import today_in_vietnam


@task()
def send_report_reminders() -> dict:
    return send_reminders(today_in_vietnam())
