"""Background work of the reports app: the daily reporting reminders. (The export task is
declared beside the request that queues it, in reports/interfaces/export_jobs.py.)"""

import logging

from django_tasks import task

from reports.domain.reminders import send_reminders
from reports.domain.timeliness import today_in_vietnam

logger = logging.getLogger(__name__)


@task()
def send_report_reminders() -> dict:
    return send_reminders(today_in_vietnam())
