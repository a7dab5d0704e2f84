"""Import jobs: the one function that changes a job's state, who may act on a job, cancel.

Starting work (upload, commit request) and the tasks that run it are in `imports.domain.queue`;
the long work (checking, saving) is in `imports.domain.engine`, which changes states here.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy

from audit.domain.record import record
from core import state
from core.interfaces.importers import importer_class
from imports.enums import CANCELLABLE_STATES, FINISHED_STATES, JobState
from imports.models import ImportJob


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
