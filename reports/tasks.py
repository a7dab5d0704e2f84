"""Background work of the reports app: reporting reminders and exports. Thin: a primitive id
in, re-fetch, hand to the domain or the runner."""

import logging

from django_tasks import task

from reports.domain.exports import ExportStateError
from reports.domain.reminders import send_reminders
from reports.domain.timeliness import today_in_vietnam
from reports.interfaces.export_jobs import run
from reports.models import ExportJob

logger = logging.getLogger(__name__)


@task()
def send_report_reminders() -> dict:
    return send_reminders(today_in_vietnam())


@task()
def run_export_job(job_pk: int) -> str:
    job = ExportJob.objects.filter(pk=job_pk).first()
    if job is None:
        return "missing"
    try:
        return run(job).state
    except ExportStateError:  # run twice (a retried task): the first run owns the job
        logger.info("Export %s skipped in state %s", job.public_id, job.state)
        return job.state
