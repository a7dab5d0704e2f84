"""Background exports: the one function per state change, progress, and who may see and download
a job. The request, the task and the work itself (writing the file) are
`reports.interfaces.export_jobs`, which calls these.

States: queued → running → done | failed (statistical exports, issue 6 §4). Each change is a
conditional UPDATE on the state the caller saw, so a job run twice (a retried task) moves once
and the second run gets ExportStateError."""

import logging

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.domain.record import record
from reports.enums import ExportState
from reports.models import ExportJob

logger = logging.getLogger(__name__)
# Progress is written every this many rows (one UPDATE each), not per row.
PROGRESS_EVERY = 5000


class ExportStateError(ValidationError):
    """The job is not, or no longer, in the state the change starts from."""


def _move(job: ExportJob, old: str, new: str, action: str, *, reason: str = "",
          **fields) -> ExportJob:
    if ExportJob.objects.filter(pk=job.pk, state=old).update(state=new, **fields) != 1:
        raise ExportStateError(_("This export is no longer “%(state)s”; reload the page.") % {
            "state": ExportState(old).label})
    job.state = new
    for name, value in fields.items():
        setattr(job, name, value)
    record(job.requested_by, action, job, changes={"state": [old, new]}, reason=reason)
    return job


@transaction.atomic
def start_export(job: ExportJob) -> ExportJob:
    """queued → running. Side effects: `started_at` set; audit `reports.export.start`."""
    return _move(job, ExportState.QUEUED, ExportState.RUNNING, "reports.export.start",
                 started_at=timezone.now())


@transaction.atomic
def finish_export(job: ExportJob, stored_name: str, download_name: str) -> ExportJob:
    """running → done with its file. Side effects: `stored_name`, `download_name`,
    `finished_at`, `rows_done` = `rows_total`; audit `reports.export.finish`."""
    job.refresh_from_db(fields=["rows_total"])
    return _move(job, ExportState.RUNNING, ExportState.DONE, "reports.export.finish",
                 stored_name=stored_name, download_name=download_name[:255],
                 finished_at=timezone.now(), rows_done=job.rows_total)


@transaction.atomic
def fail_export(job: ExportJob, message: str) -> ExportJob:
    """queued or running → failed with a message for the user (in their language). Side
    effects: `error`, `finished_at`; audit `reports.export.fail` with the message."""
    old = ExportJob.objects.select_for_update().values_list("state", flat=True).get(pk=job.pk)
    if old not in (ExportState.QUEUED, ExportState.RUNNING):
        raise ExportStateError(_("This export has already ended."))
    return _move(job, old, ExportState.FAILED, "reports.export.fail", reason=message,
                 error=message, finished_at=timezone.now())


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
