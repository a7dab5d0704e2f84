"""Background exports. Thin: a primitive id in, re-fetch, hand to the runner."""

import logging

from django_tasks import task

from reports.domain.exports import ExportStateError
from reports.interfaces.export_jobs import run
from reports.models import ExportJob

logger = logging.getLogger(__name__)


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
