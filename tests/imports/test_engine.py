"""The import machinery: states, progress, header problems, the all-or-nothing commit, tasks."""

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied

from audit.models import AuditEntry
from imports.domain import queue
from imports.domain.engine import run_commit, run_validation
from imports.domain.jobs import TRANSITIONS, JobStateError, cancel_job, set_job_state
from imports.domain.queue import request_commit
from imports.enums import JobState
from imports.models import ImportJob
from organisations.models import Employment, Person
from tests.factories import PersonFactory
from tests.imports.helpers import (
    PEOPLE_HEADER,
    committed,
    errors_of,
    person_row,
    upload,
    validated,
    write_xlsx,
)

ALL_MOVES = [(old, new) for old in JobState for new in JobState]


@pytest.fixture
def people_path(tmp_path):
    def build(rows, **options):
        return write_xlsx(tmp_path / "people.xlsx", PEOPLE_HEADER, rows, **options)

    return build


@pytest.fixture
def job(officer_a, dept_a, people_path):
    return upload(officer_a, "people", people_path([person_row()]))


# ---------------------------------------------------------------- states

@pytest.mark.parametrize(("old", "new"), ALL_MOVES)
def test_set_job_state_allows_only_listed_transitions(job, officer_a, old, new):
    ImportJob.objects.filter(pk=job.pk).update(state=old)
    job.refresh_from_db()

    if new in TRANSITIONS[old]:
        set_job_state(job, new, actor=officer_a, message="m")
        job.refresh_from_db()
        entry = AuditEntry.objects.filter(object_id=str(job.public_id)).first()
        assert (job.state, job.message, entry.changes["state"]) == (new, "m", [old, new])
        assert (job.finished_at is not None) == (new in {JobState.COMMITTED, JobState.FAILED,
                                                         JobState.CANCELLED})
    else:
        with pytest.raises(JobStateError):
            set_job_state(job, new, actor=officer_a)
        job.refresh_from_db()
        assert job.state == old


def test_set_job_state_refuses_a_stale_state(job, officer_a):
    stale = ImportJob.objects.get(pk=job.pk)
    cancel_job(job, officer_a)

    with pytest.raises(JobStateError) as caught:
        set_job_state(stale, JobState.VALIDATING, actor=officer_a)

    assert caught.value.messages == [
        "Someone else changed this import in the meantime; reload the page."]
    assert ImportJob.objects.get(pk=job.pk).state == JobState.CANCELLED


def test_cancel_by_someone_else_refused(job, outsider):
    with pytest.raises(PermissionDenied):
        cancel_job(job, outsider)


# ---------------------------------------------------------------- validation

@pytest.mark.parametrize("write_only", [False, True])
def test_progress_numbers_equal_row_count(officer_a, dept_a, people_path, write_only):
    rows = [person_row() for _n in range(2345)] + [person_row(unit="KHONG-CO")]
    path = people_path(rows, write_only=write_only)

    job = validated(officer_a, "people", path)

    assert (job.state, job.total_rows, job.processed_rows, job.error_count) == (
        JobState.INVALID, 2346, 2346, 1)
    stored = ImportJob.objects.get(pk=job.pk)
    assert (stored.total_rows, stored.processed_rows, stored.error_count) == (2346, 2346, 1)
    assert errors_of(job) == [(2347, "Mã đơn vị", "Unknown unit code “KHONG-CO”.")]


def test_valid_file_becomes_validated(officer_a, dept_a, people_path):
    job = validated(officer_a, "people", people_path([person_row(), person_row()]))

    assert (job.state, job.total_rows, job.error_count, errors_of(job)) == (
        JobState.VALIDATED, 2, 0, [])


def test_missing_header_makes_job_invalid(officer_a, dept_a, tmp_path):
    header = [h for h in PEOPLE_HEADER if h != "Ngày sinh"]
    path = write_xlsx(tmp_path / "f.xlsx", header, [person_row()[:len(header)]])

    job = validated(officer_a, "people", path)

    assert (job.state, job.total_rows, errors_of(job)) == (JobState.INVALID, 0, [
        (1, "Ngày sinh", "The header row has no column “Ngày sinh”; start from the template.")])


def test_unreadable_file_fails_the_job(job):
    job.file_path.write_bytes(b"not a workbook")

    job = run_validation(job)

    assert (job.state, job.message) == (
        JobState.FAILED, "The file could not be read as an Excel workbook (.xlsx).")


def test_validation_of_a_cancelled_job_does_nothing(job, officer_a):
    cancel_job(job, officer_a)

    result = queue.validate_job.enqueue(job.pk)

    assert (result.return_value, ImportJob.objects.get(pk=job.pk).state) == (
        JobState.CANCELLED, JobState.CANCELLED)


# ---------------------------------------------------------------- commit

def test_commit_writes_one_audit_entry_with_counts(officer_a, dept_a, people_path):
    job = committed(officer_a, "people", people_path([person_row(), person_row()]))

    entries = AuditEntry.objects.filter(object_id=str(job.public_id)).order_by("id")
    assert [e.action for e in entries] == [
        "imports.job.upload", "imports.job.validate", "imports.job.validated",
        "imports.job.commit_request", "imports.job.commit"]
    assert entries.last().changes == {"state": ["committing", "committed"], "rows": [None, 2],
                                      "people": [None, 2], "employments": [None, 2]}
    assert AuditEntry.objects.filter(action__startswith="organisations.").count() == 0
    assert (job.message, job.processed_rows, job.committed_by) == (
        "2 rows saved.", 2, officer_a)


def test_commit_is_all_or_nothing(officer_a, dept_a, people_path):
    rows = [person_row() for _n in range(5)]
    job = validated(officer_a, "people", people_path(rows))
    # Between the check and the commit, someone registers the person of row 5.
    intruder = PersonFactory(unit=dept_a, cccd=rows[3][0], full_name="Người Khác")
    job = request_commit(job, officer_a)

    job = run_commit(job, batch_size=2)  # rows 2–3 are written before row 5 is re-checked

    assert (job.state, job.message) == (
        JobState.FAILED, "Nothing was saved: the file no longer passes the checks. Row 5, "
        f"column “Số CCCD”: Citizen ID {intruder.cccd} already belongs to Người Khác.")
    assert list(Person.objects.values_list("cccd", flat=True)) == [intruder.cccd]
    assert Employment.objects.count() == 1
    assert ImportJob.objects.get(pk=job.pk).state == JobState.FAILED


def test_commit_refused_for_invalid_job(officer_a, dept_a, people_path):
    job = validated(officer_a, "people", people_path([person_row(unit="KHONG-CO")]))

    with pytest.raises(JobStateError) as caught:
        request_commit(job, officer_a)

    assert caught.value.messages == ["Only a file checked without errors can be committed."]


def test_second_commit_request_refused(officer_a, dept_a, people_path):
    job = validated(officer_a, "people", people_path([person_row()]))
    request_commit(ImportJob.objects.get(pk=job.pk), officer_a)

    with pytest.raises(JobStateError):
        request_commit(job, officer_a)


def test_commit_by_outsider_refused(officer_a, outsider, dept_a, people_path):
    job = validated(officer_a, "people", people_path([person_row()]))

    with pytest.raises(PermissionDenied):
        request_commit(job, outsider)


def test_admin_commits_with_own_scope(officer_a, admin_user, dept_a, people_path):
    job = validated(officer_a, "people", people_path([person_row()]))

    job = run_commit(request_commit(job, admin_user))

    assert (job.state, job.committed_by, Person.objects.count()) == (
        JobState.COMMITTED, admin_user, 1)


def test_run_commit_needs_a_commit_request(officer_a, dept_a, people_path):
    job = validated(officer_a, "people", people_path([person_row()]))

    with pytest.raises(JobStateError):
        run_commit(job)


# ---------------------------------------------------------------- tasks and files

def test_tasks_run_after_commit_and_file_is_removed(officer_a, dept_a, people_path,
                                                    django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        job = upload(officer_a, "people", people_path([person_row()]))
    path = job.file_path
    job.refresh_from_db()
    assert (job.state, path.exists()) == (JobState.VALIDATED, True)

    with django_capture_on_commit_callbacks(execute=True):
        request_commit(job, officer_a)

    job.refresh_from_db()
    assert (job.state, Person.objects.count(), path.exists()) == (JobState.COMMITTED, 1, False)


def test_file_stored_privately(job):
    assert (job.file_path.parent, job.file_path.name) == (
        settings.PRIVATE_MEDIA_ROOT / "imports", f"{job.public_id}.xlsx")
    assert job.file_path.read_bytes()[:2] == b"PK"
