"""A background export: the request that queues it, the task, and the work — check the requester
may still read it, write the file straight into private storage (row by row for the ledger: flat
memory), record progress, and end the job done or failed with a message in the requester's
language. The task is declared beside the request that queues it and calls down into the work
and `reports.domain.exports` (the state changes), so nothing it imports imports it back."""

import logging
import secrets
from pathlib import Path

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task
from openpyxl import Workbook

from audit.domain.record import record
from awards.domain.queries import filter_ledger, records_for_user
from awards.interfaces.exports import ledger_header, ledger_rows
from core.interfaces.exports import write_csv, write_sheets
from core.uploads import private_path, store_private_bytes
from reports.domain.exports import (
    PROGRESS_EVERY,
    ExportStateError,
    fail_export,
    finish_export,
    set_progress,
    start_export,
)
from reports.domain.forms import compute
from reports.domain.forms.request import FormRequest
from reports.enums import ExportFormat, ExportKind
from reports.interfaces.form_docx import form_document
from reports.interfaces.form_xlsx import form_workbook
from reports.models import ExportJob

logger = logging.getLogger(__name__)
FOLDER = "exports"


class Refused(Exception):
    """The requester may no longer read what the job exports (the message says why)."""


def _new_private_file(extension: str) -> tuple[str, Path]:
    """A fresh path under PRIVATE_MEDIA_ROOT/exports/<year>/ (checked not to leave the root)."""
    relative = f"{FOLDER}/{timezone.localdate():%Y}/{secrets.token_hex(16)}.{extension}"
    path = private_path(relative)
    path.parent.mkdir(parents=True, exist_ok=True)
    return relative, path


def _counted(job: ExportJob, rows):
    for done, row in enumerate(rows, start=1):
        if done % PROGRESS_EVERY == 0:
            set_progress(job, done)
        yield row


def write_ledger(job: ExportJob) -> tuple[str, str]:
    user = job.requested_by
    if not user.has_perm("awards.view_ledger"):
        raise Refused(_("You may no longer read the award ledger."))
    params = job.parameters
    records = filter_ledger(records_for_user(user, params.get("q", "")), params)
    set_progress(job, 0, records.count())
    rows = _counted(job, ledger_rows(records, user))
    relative, path = _new_private_file(job.file_format)
    if job.file_format == ExportFormat.CSV:
        with path.open("w", encoding="utf-8-sig", newline="") as out:
            for _line in write_csv(out, ledger_header(), rows):
                pass  # write_csv writes to `out` as it goes
    else:
        workbook = Workbook(write_only=True)  # rows go to a temporary file, not memory
        write_sheets(workbook, _("Award ledger"), ledger_header(), rows)
        workbook.save(path)
    return relative, f"so-khen-thuong.{job.file_format}"


def write_form(job: ExportJob) -> tuple[str, str]:
    request = FormRequest.parse(job.parameters)
    scope = request.scope_for(job.requested_by) if request.code else None
    if scope is None or not job.requested_by.has_perm("reports.view_statistics"):
        raise Refused(_("You may no longer read the statistics of this unit."))
    table = compute(request.code, scope)
    set_progress(job, 0, len(table.rows))
    content = (form_document(table) if job.file_format == ExportFormat.DOCX
               else form_workbook(table))
    name = f"bieu-{request.code}-{request.year_to}.{job.file_format}"
    return store_private_bytes(content, FOLDER, job.file_format), name


WRITERS = {ExportKind.LEDGER: write_ledger, ExportKind.FORM: write_form}


def run(job: ExportJob) -> ExportJob:
    """Run a queued job to its end. ExportStateError when it is not queued (run twice)."""
    start_export(job)
    with translation.override(job.language):
        try:
            stored, name = WRITERS[job.kind](job)
        except Refused as refusal:
            return fail_export(job, str(refusal))
        except ExportStateError:
            raise
        except Exception as error:  # noqa: BLE001 — any failure must end the job, not hang it
            logger.exception("Export %s failed", job.public_id)
            return fail_export(job, _("The export could not be written (%(error)s). Try again "
                                      "or ask the administrator.") % {
                "error": error.__class__.__name__})
    return finish_export(job, stored, name)


@transaction.atomic
def request_export(actor, kind: str, file_format: str, parameters: dict,
                   title: str) -> ExportJob:
    """Queue an export for `actor`. The caller has checked the actor may read what is asked.

    Side effects: an ExportJob in state `queued` (messages later written in the active
    language); audit entry `reports.export.request`; task `run_export_job` queued once the
    transaction commits."""
    job = ExportJob.objects.create(
        requested_by=actor, kind=kind, file_format=file_format, parameters=parameters,
        title=title[:255], language=translation.get_language() or "vi")
    record(actor, "reports.export.request", job,
           changes={"kind": [None, kind], "format": [None, file_format],
                    "parameters": [None, parameters]})
    transaction.on_commit(lambda: run_export_job.enqueue(job.pk))
    return job


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
