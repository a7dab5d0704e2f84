"""Import jobs: upload, the one function that changes a job's state, commit request, cancel.

The long work (checking, saving) is in `imports.domain.engine` and runs as tasks; the functions
here are what a request does: quick, permission-checked, each in one transaction.
"""

import uuid
from pathlib import Path

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from audit.domain.record import record
from core import state
from imports.domain.importers import importer_class
from imports.domain.reader import CSV_EXTENSION, is_xlsx
from imports.enums import CANCELLABLE_STATES, FINISHED_STATES, JobState
from imports.models import ImportJob

IMPORT_DIR = "imports"

class JobStateError(state.StaleState):
    """The job is not, or no longer, in a state that allows the change."""


def _step(name, sources, target, action, label):
    return state.step(name, sources, target, label, action=f"imports.job.{action}")


def _drop_files(job, old, new, actor, reason):
    # Final: its rows are saved or abandoned, and both files hold personal data.
    if new in FINISHED_STATES:
        for path in (job.file_path, job.checked_path):
            path.unlink(missing_ok=True)


J = JobState
IMPORT = state.Machine(
    name="imports.job", model=ImportJob, states=JobState, lock="update", audit=record,
    notify=_drop_files, error=JobStateError, stale_error=JobStateError,
    refusal=gettext_lazy("An import that is “%(old)s” cannot become “%(new)s”."),
    stale=gettext_lazy("Someone else changed this import in the meantime; reload the page."),
    transitions=(
        _step("validate", J.UPLOADED, J.VALIDATING, "validate", J.VALIDATING.label),
        _step("pass", J.VALIDATING, J.VALIDATED, "validated", J.VALIDATED.label),
        _step("find_errors", J.VALIDATING, J.INVALID, "invalid", J.INVALID.label),
        _step("request_commit", J.VALIDATED, J.COMMITTING, "commit_request",
              gettext_lazy("Commit: save all rows")),
        _step("commit", J.COMMITTING, J.COMMITTED, "commit", J.COMMITTED.label),
        _step("fail", (J.VALIDATING, J.COMMITTING), J.FAILED, "fail", J.FAILED.label),
        _step("cancel", CANCELLABLE_STATES, J.CANCELLED, "cancel", gettext_lazy("Cancel")),
    ))
# state → the states it may move to, derived from the machine.
TRANSITIONS: dict[str, frozenset[str]] = IMPORT.graph()


@transaction.atomic
def set_job_state(job: ImportJob, new: JobState, *, actor, message: str = "",
                  changes: dict | None = None, **fields) -> ImportJob:
    """Move `job` to state `new` by the step of `IMPORT` that leads there.

    The UPDATE is conditional on the state the caller saw, so of two concurrent changes (a
    cancel racing the worker's end of checking, two clicks on "Commit") exactly one wins and
    the other gets JobStateError.

    Side effects: one UPDATE of the job row (state, message, the counters or `committed_by`
    given in `fields`, `finished_at` on a final state); audit entry (the step's action) with
    the old → new state plus `changes`; on a final state, the stored file is deleted once the
    transaction commits, with the rows its check kept. The in-memory `job` is updated and
    returned.
    """
    values = {"message": message, **fields}
    if new in FINISHED_STATES:
        values["finished_at"] = timezone.now()
    return state.transition_to(job, IMPORT, new, actor, reason=message, changes=changes,
                               expected=job.state, fields=values)


def _enqueue(task_name: str, job_pk: int) -> None:
    from imports import tasks  # tasks.py imports the domain; importing it on use avoids a cycle

    getattr(tasks, task_name).enqueue(job_pk)


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
            transaction.on_commit(lambda: _enqueue("validate_job", job.pk))
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return job


def can_manage(user, job: ImportJob) -> bool:
    """May `user` act on `job` (commit, cancel): its uploader or a system administrator."""
    return user.has_perm("imports.change_job", job)


def can_commit(user, job: ImportJob) -> bool:
    """The Commit button's condition, re-checked by `request_commit`."""
    return (job.state == JobState.VALIDATED and job.error_count == 0 and can_manage(user, job)
            and user.has_perm(importer_class(job.kind).permission))


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
    transaction.on_commit(lambda: _enqueue("commit_job", job.pk))
    return job


def cancel_job(job: ImportJob, actor) -> ImportJob:
    """Abandon a job before it is saved. A check in progress notices at its next progress
    update and stops. Side effects: see set_job_state (state cancelled, audit entry
    `imports.job.cancel`, file deleted)."""
    if not can_manage(actor, job):
        raise PermissionDenied
    return set_job_state(job, JobState.CANCELLED, actor=actor)
