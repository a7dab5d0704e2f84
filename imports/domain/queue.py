"""Starting an import job's work and the background tasks that do it: the upload queues the
check, a commit request queues the saving. Each task is declared beside the function that
queues it and calls down into `imports.domain.engine` (the work), which changes the job's state
through `imports.domain.jobs`: nothing below imports this module, so there is no cycle.

Tasks are thin: a primitive id in, re-fetch, call the engine. Messages found in the file are
written in the uploader's language (`ImportJob.language`), since a worker has no request to take
a language from.
"""

import logging
import uuid
from pathlib import Path

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task

from audit.domain.record import record
from core.interfaces.importers import importer_class
from imports.domain import engine
from imports.domain.jobs import JobStateError, can_manage, set_job_state
from imports.domain.reader import CSV_EXTENSION, is_xlsx
from imports.enums import JobState
from imports.models import ImportJob

logger = logging.getLogger(__name__)
IMPORT_DIR = "imports"  # under PRIVATE_MEDIA_ROOT


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


def _store(upload, stored_name: str) -> Path:
    path = Path(settings.PRIVATE_MEDIA_ROOT) / stored_name
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as out:
        for chunk in upload.chunks():
            out.write(chunk)
    return path


def create_job(actor, kind: str, upload, *, language: str | None = None) -> ImportJob:
    """Store an uploaded workbook and queue its check.

    `upload` is a Django File (an UploadedFile from a form), an .xlsx workbook or a CSV file
    with the template's columns (judged by content). Side effects: the file is written to
    PRIVATE_MEDIA_ROOT/imports/<uuid>.xlsx (or .csv: the reader goes by that extension); an
    ImportJob in state `uploaded` (messages found later are written in `language`, by default
    the active one); audit entry
    `imports.job.upload`; task `validate_job` queued after the transaction commits. Raises
    PermissionDenied when the actor may not run the importer of `kind`, LookupError for an
    unknown kind.
    """
    if not actor.has_perm(importer_class(kind).permission):
        raise PermissionDenied
    public_id = uuid.uuid4()
    extension = ".xlsx" if is_xlsx(upload) else CSV_EXTENSION
    stored_name = f"{IMPORT_DIR}/{public_id}{extension}"
    path = _store(upload, stored_name)
    try:
        with transaction.atomic():
            job = ImportJob.objects.create(
                public_id=public_id, kind=kind, stored_name=stored_name,
                original_name=Path(upload.name or "").name[:255], file_size=upload.size or 0,
                language=language or translation.get_language() or settings.LANGUAGE_CODE,
                created_by=actor)
            record(actor, "imports.job.upload", job,
                   changes={"file": [None, job.original_name], "size": [None, job.file_size]})
            transaction.on_commit(lambda: validate_job.enqueue(job.pk))
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return job


@transaction.atomic
def request_commit(job: ImportJob, actor) -> ImportJob:
    """Start saving a job that was checked without errors.

    Side effects: state validated → committing with `committed_by` (a second click gets
    JobStateError), audit entry `imports.job.commit_request`, task `commit_job` queued after the
    transaction commits. Raises PermissionDenied when the actor may not manage the job or run
    its importer.
    """
    if not (can_manage(actor, job) and actor.has_perm(importer_class(job.kind).permission)):
        raise PermissionDenied
    if job.state != JobState.VALIDATED or job.error_count:
        raise JobStateError(_("Only a file checked without errors can be committed."))
    job = set_job_state(job, JobState.COMMITTING, actor=actor, committed_by=actor)
    transaction.on_commit(lambda: commit_job.enqueue(job.pk))
    return job
