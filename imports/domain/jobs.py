"""Import jobs: the one function that changes a job's state, who may act on a job, cancel.

Starting work (upload, commit request) and the tasks that run it are in `imports.domain.queue`;
the long work (checking, saving) is in `imports.domain.engine`, which changes states here.
"""


from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.domain.record import record
from core.interfaces.importers import importer_class
from imports.enums import FINISHED_STATES, TRANSITIONS, JobState
from imports.models import ImportJob

# Audit action written by each state change.
ACTIONS = {
    JobState.VALIDATING: "imports.job.validate",
    JobState.VALIDATED: "imports.job.validated",
    JobState.INVALID: "imports.job.invalid",
    JobState.COMMITTING: "imports.job.commit_request",
    JobState.COMMITTED: "imports.job.commit",
    JobState.FAILED: "imports.job.fail",
    JobState.CANCELLED: "imports.job.cancel",
}


class JobStateError(ValidationError):
    """The job is not, or no longer, in a state that allows the change."""


@transaction.atomic
def set_job_state(job: ImportJob, new: JobState, *, actor, message: str = "",
                  changes: dict | None = None, **fields) -> ImportJob:
    """Move `job` to state `new`. Nothing else assigns a job's state.

    The UPDATE is conditional on the state the caller saw, so of two concurrent changes (a
    cancel racing the worker's end of checking, two clicks on "Commit") exactly one wins and
    the other gets JobStateError.

    Side effects: one UPDATE of the job row (state, message, the counters or `committed_by`
    given in `fields`, `finished_at` on a final state); audit entry `ACTIONS[new]` with the old
    → new state plus `changes`; on a final state, the stored file is deleted once the
    transaction commits, with the rows its check kept (its rows are saved or abandoned, and
    both hold personal data). The
    in-memory `job` is updated and returned.
    """
    old = job.state
    if new not in TRANSITIONS[old]:
        raise JobStateError(_("An import that is “%(old)s” cannot become “%(new)s”.") % {
            "old": JobState(old).label, "new": JobState(new).label})
    values = {"state": new, "message": message, **fields}
    if new in FINISHED_STATES:
        values["finished_at"] = timezone.now()
    if ImportJob.objects.filter(pk=job.pk, state=old).update(**values) != 1:
        raise JobStateError(_("Someone else changed this import in the meantime; reload the "
                              "page."))
    for name, value in values.items():
        setattr(job, name, value)
    record(actor, ACTIONS[new], job, changes={"state": [old, new], **(changes or {})},
           reason=message)
    if new in FINISHED_STATES:
        paths = (job.file_path, job.checked_path)
        transaction.on_commit(lambda: [path.unlink(missing_ok=True) for path in paths])
    return job


def can_manage(user, job: ImportJob) -> bool:
    """May `user` act on `job` (commit, cancel): its uploader or a system administrator."""
    return user.has_perm("imports.change_job", job)


def can_commit(user, job: ImportJob) -> bool:
    """The Commit button's condition, re-checked by `request_commit`."""
    return (job.state == JobState.VALIDATED and job.error_count == 0 and can_manage(user, job)
            and user.has_perm(importer_class(job.kind).permission))


def cancel_job(job: ImportJob, actor) -> ImportJob:
    """Abandon a job before it is saved. A check in progress notices at its next progress
    update and stops. Side effects: see set_job_state (state cancelled, audit entry
    `imports.job.cancel`, file deleted)."""
    if not can_manage(actor, job):
        raise PermissionDenied
    return set_job_state(job, JobState.CANCELLED, actor=actor)
