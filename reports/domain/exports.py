"""Background exports: the one function per state change, progress, and who may see and download
a job. The request, the task and the work itself (writing the file) are
`reports.interfaces.export_jobs`, which calls these.

States: queued → running → done | failed (statistical exports, issue 6 §4). Each change is a
conditional UPDATE on the state the caller saw, so a job run twice (a retried task) moves once
and the second run gets ExportStateError."""

import logging

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy

from audit.domain.record import record
from core import state
from reports.enums import ExportState
from reports.models import ExportJob

logger = logging.getLogger(__name__)
# Progress is written every this many rows (one UPDATE each), not per row.
PROGRESS_EVERY = 5000


class ExportStateError(state.StaleState):
    """The job is not, or no longer, in the state the change starts from."""


EXPORT = state.Machine(
    name="reports.export", model=ExportJob, states=ExportState, lock="update", audit=record,
    error=ExportStateError, stale_error=ExportStateError,
    stale=gettext_lazy("This export is no longer “%(state)s”; reload the page."),
    transitions=(
        state.step("start", ExportState.QUEUED, ExportState.RUNNING, gettext_lazy("Running")),
        state.step("finish", ExportState.RUNNING, ExportState.DONE, gettext_lazy("Done"),
                   irreversible=True),
        state.step("fail", (ExportState.QUEUED, ExportState.RUNNING), ExportState.FAILED,
                   gettext_lazy("Failed"), irreversible=True,
                   refusal=gettext_lazy("This export has already ended.")),
    ))


@transaction.atomic
def start_export(job: ExportJob) -> ExportJob:
    """queued → running. Side effects: `started_at` set; audit `reports.export.start`."""
    return state.transition(job, EXPORT, "start", job.requested_by,
                            fields={"started_at": timezone.now()})


@transaction.atomic
def finish_export(job: ExportJob, stored_name: str, download_name: str) -> ExportJob:
    """running → done with its file. Side effects: `stored_name`, `download_name`,
    `finished_at`, `rows_done` = `rows_total`; audit `reports.export.finish`."""
    job.refresh_from_db(fields=["rows_total"])
    return state.transition(job, EXPORT, "finish", job.requested_by, fields={
        "stored_name": stored_name, "download_name": download_name[:255],
        "finished_at": timezone.now(), "rows_done": job.rows_total})


@transaction.atomic
def fail_export(job: ExportJob, message: str) -> ExportJob:
    """queued or running → failed with a message for the user (in their language). Side
    effects: `error`, `finished_at`; audit `reports.export.fail` with the message."""
    # Read first so that the audit row names the state the job actually failed from; the
    # conditional UPDATE still refuses if it ends meanwhile.
    job.refresh_from_db(fields=["state"])
    return state.transition(job, EXPORT, "fail", job.requested_by, reason=message,
                            fields={"error": message, "finished_at": timezone.now()})


def set_progress(job: ExportJob, done: int, total: int | None = None) -> None:
    """Rows written so far (and the total once known): a plain UPDATE the progress page reads;
    not a state change."""
    fields = {"rows_done": done} | ({"rows_total": total} if total is not None else {})
    ExportJob.objects.filter(pk=job.pk).update(**fields)
    for name, value in fields.items():
        setattr(job, name, value)


def exports_for_user(user) -> QuerySet:
    """A user's own exports, newest first (nobody sees another user's files)."""
    return ExportJob.objects.filter(requested_by=user).order_by("-created_at", "-id")
