"""The two passes of an import: checking the file (with progress) and the all-or-nothing commit.

Checking streams the file (`imports.domain.reader`) to the job's importer in batches and keeps
the checked rows' parsed values (`imports.domain.checked`); the commit reads those back, has
the importer re-check only what the database may have changed meanwhile, and writes them. The
workbook is read once. Memory holds one batch of rows plus whatever lookup sets the importer
keeps (codes, CCCDs), never the sheet.
"""

import gc
import logging
from contextlib import contextmanager

from django.db import connection, transaction
from django.db.models import F
from django.db.models.functions import Greatest
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.interfaces.importers import Importer, RowError, RowsRefused, importer_class
from imports.domain.checked import CheckedRowsMissing, CheckedRowsWriter, checked_batches
from imports.domain.jobs import JobStateError, set_job_state
from imports.domain.reader import HeaderError, UnreadableFile, open_sheet
from imports.enums import JobState
from imports.models import ImportJob, ImportRowError

logger = logging.getLogger(__name__)

CHECK_BATCH = 1000  # rows per check batch, and so per progress update
# Rows per insert when saving: one COPY stream (PostgreSQL) or executemany (SQLite) and one
# scope re-check each; 5,000 rows of kept values hold a few MB.
COMMIT_BATCH = 5000
SQLITE_COMMIT_CACHE_KIB = 64 * 1024  # page cache while committing (SQLite's default is 2 MB)


class CommitAborted(Exception):
    """A row no longer passes the checks at commit (its re-check, or the database's refusal)."""

    def __init__(self, error: RowError):
        super().__init__(error.describe())


def _unreadable() -> str:
    return _("The file could not be read as an Excel workbook (.xlsx).")


# ---------------------------------------------------------------- checking

def _save_errors(job: ImportJob, errors: list[RowError]) -> None:
    ImportRowError.objects.bulk_create(
        [ImportRowError(job=job, row_number=e.row, column=e.column[:120], value=e.value[:255],
                        message=e.message[:500]) for e in errors], batch_size=1000)


def _report_progress(job: ImportJob, rows: int, errors: int) -> bool:
    """A plain UPDATE, outside any transaction of ours, so a page polling the job sees it at
    once. It touches no row when the job has left `validating` (cancelled): checking stops."""
    return ImportJob.objects.filter(pk=job.pk, state=JobState.VALIDATING).update(
        processed_rows=rows, error_count=errors,
        total_rows=Greatest(F("total_rows"), rows)) == 1


def _check_rows(job: ImportJob, importer: Importer, sheet,
                kept: CheckedRowsWriter) -> tuple[int, int] | None:
    """(rows, errors), or None when the job was cancelled meanwhile. Rows are kept for the
    commit until the first error: a file with errors is never committed."""
    importer.start()
    rows = errors = 0
    for batch in sheet.batches(CHECK_BATCH):
        found = importer.check_batch(batch)
        _save_errors(job, found)
        rows += len(batch)
        errors += len(found)
        if not errors:
            kept.add(batch)
        if not _report_progress(job, rows, errors):
            return None
    return rows, errors


def _check_file(job: ImportJob, importer: Importer) -> tuple[int, int] | None:
    try:
        with open_sheet(job.file_path, importer.columns) as sheet:
            ImportJob.objects.filter(pk=job.pk).update(total_rows=sheet.estimated_rows)
            kept = CheckedRowsWriter(job.checked_path, importer)
            try:
                return _check_rows(job, importer, sheet, kept)
            finally:
                kept.close()
    except HeaderError as error:
        _save_errors(job, error.errors)
        return 0, len(error.errors)


def _end(job: ImportJob, new: JobState, *, actor, **fields) -> ImportJob:
    """Final transition of a pass; if a cancel won the race, report the job as it is."""
    try:
        return set_job_state(job, new, actor=actor, **fields)
    except JobStateError:
        job.refresh_from_db()
        return job


def run_validation(job: ImportJob) -> ImportJob:
    """Check every row of the job's file and store each problem found.

    Side effects: state uploaded → validating → validated (no error) | invalid (errors, or a
    wrong header row) | failed (unreadable file); the job's earlier ImportRowError rows are
    replaced, new ones saved batch by batch; `processed_rows` and `error_count` updated every
    CHECK_BATCH rows, `total_rows` set to the rows read; the checked rows' values written to
    `job.checked_path` (removed again when there are errors or the job was cancelled); audit
    entries through set_job_state. Runs as the uploader, whose scope the importer applies.
    """
    actor = job.created_by
    job = set_job_state(job, JobState.VALIDATING, actor=actor, processed_rows=0,
                        error_count=0, total_rows=0)
    job.errors.all().delete()
    importer = importer_class(job.kind)(actor)
    try:
        with _collecting_new_objects_only():
            outcome = _check_file(job, importer)
        if outcome is None or outcome[1]:  # cancelled, or never to be committed
            job.checked_path.unlink(missing_ok=True)
    except UnreadableFile as error:
        return _end(job, JobState.FAILED, actor=actor, message=error.message or _unreadable())
    except Exception as error:  # a task must leave the job in a final state, whatever broke
        logger.exception("Import %s: checking failed", job.public_id)
        return _end(job, JobState.FAILED, actor=actor, message=_(
            "Checking stopped unexpectedly: %(error)s") % {"error": error})
    if outcome is None:
        job.refresh_from_db()
        return job
    rows, errors = outcome
    return _end(job, JobState.INVALID if errors else JobState.VALIDATED, actor=actor,
                total_rows=rows, processed_rows=rows, error_count=errors)


# ---------------------------------------------------------------- commit

@contextmanager
def _large_page_cache():
    """On SQLite, raise the connection's page cache while committing, then restore it. The
    default 2 MB is far smaller than the indexes a large import inserts into (CCCD, public id,
    search text): past it, inserts keep re-reading index pages and the commit of 100,000 people
    spends half its time waiting on I/O. The cache is capped, so memory stays bounded."""
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        previous = cursor.fetchone()[0]
        cursor.execute(f"PRAGMA cache_size = {-SQLITE_COMMIT_CACHE_KIB}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA cache_size = {int(previous)}")


@contextmanager
def _collecting_new_objects_only():
    """Exempt the objects that exist before a pass from the cyclic garbage collector
    while it runs (`gc.freeze`), then hand them back. A pass allocates a few objects per
    row, which now and then sets off a full collection that walks every object of the
    worker (Django, every app's modules: ~160,000 objects, ~70 ms each time) — a tenth of
    a 20,000-row commit; in the check, the sheet's XML elements (alive a moment, long
    enough to reach the oldest generation) set one off every few hundred rows: 67 for
    200,000 rows, half the parsing time. Garbage made by the pass itself is still
    collected."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def _write_rows(job: ImportJob, importer: Importer, batch_size: int) -> dict[str, int]:
    """Write the rows kept by the check, batch by batch, without opening the workbook. The
    database may have changed since the check (someone registered the same CCCD, a unit
    ended): the importer re-checks that much per batch, and a row that fails now aborts all."""
    importer.start()
    rows = 0
    for batch in checked_batches(job.checked_path, importer, batch_size):
        problems = importer.recheck_batch(batch)
        if problems:
            raise CommitAborted(problems[0])
        try:
            importer.write_batch(batch)
        except RowsRefused as refused:
            raise CommitAborted(refused.errors[0]) from refused
        rows += len(batch)
    return {"rows": rows, **importer.finish()}


def _commit_failure(error: Exception) -> str:
    if isinstance(error, CheckedRowsMissing):
        return _("Nothing was saved: the checked rows of this import are no longer available. "
                 "Upload the file again.")
    if isinstance(error, CommitAborted):
        return _("Nothing was saved: the file no longer passes the checks. %(problem)s") % {
            "problem": error}
    return _("Saving failed and nothing was saved: %(error)s") % {"error": error}


def run_commit(job: ImportJob, *, batch_size: int = COMMIT_BATCH) -> ImportJob:
    """Save every row of a checked job in ONE transaction: all rows or none.

    Reads the rows the check kept (`job.checked_path`), never the uploaded file.
    Side effects, on success: the importer's rows (bulk inserts in batches of `batch_size`) and
    its final work (e.g. the tree index); state committing → committed with `summary` (counts)
    and ONE audit entry `imports.job.commit` carrying the counts — rows are not audited one by
    one. On any failure the transaction rolls back everything the file wrote, and the job
    becomes failed with a message naming the problem (audit entry `imports.job.fail`).
    Runs as the user who asked for the commit, whose scope the importer applies again.
    """
    if job.state != JobState.COMMITTING:
        raise JobStateError(_("This import is not waiting to be saved."))
    actor = job.committed_by
    importer = importer_class(job.kind)(actor)
    try:
        with _collecting_new_objects_only(), _large_page_cache(), transaction.atomic():
            summary = _write_rows(job, importer, batch_size)
            message = ngettext("%(count)s row saved.", "%(count)s rows saved.",
                               summary["rows"]) % {"count": summary["rows"]}
            return set_job_state(job, JobState.COMMITTED, actor=actor, message=message,
                                 summary=summary, processed_rows=summary["rows"],
                                 changes={k: [None, v] for k, v in summary.items()})
    except Exception as error:  # all-or-nothing: whatever broke, the job must end failed
        if not isinstance(error, (CommitAborted, CheckedRowsMissing)):
            logger.exception("Import %s: commit failed", job.public_id)
        failure = _commit_failure(error)
    job.refresh_from_db()  # the rollback undid what the transaction wrote; memory must follow
    return set_job_state(job, JobState.FAILED, actor=actor, message=failure)
