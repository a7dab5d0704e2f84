"""Background work of import jobs. Thin: a primitive id in, re-fetch, call the domain.

Messages found in the file are written in the uploader's language (`ImportJob.language`),
since a worker has no request to take a language from.
"""

import logging

from django.utils import translation
from django_tasks import task

from imports.domain import engine
from imports.domain.jobs import JobStateError
from imports.models import ImportJob

logger = logging.getLogger(__name__)


def _run(step, job_pk: int) -> str:
    job = ImportJob.objects.filter(pk=job_pk).first()
    if job is None:
        return "missing"
    with translation.override(job.language):
        try:
            return step(job).state
        except JobStateError:  # cancelled, or run twice: nothing left to do
            logger.info("Import %s: %s skipped in state %s", job.public_id, step.__name__,
                        job.state)
            return job.state


@task()
def validate_job(job_pk: int) -> str:
    return _run(engine.run_validation, job_pk)


@task()
def commit_job(job_pk: int) -> str:
    return _run(engine.run_commit, job_pk)
