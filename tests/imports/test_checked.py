"""The commit writes the rows the check kept: it never reopens the workbook (issue 14 §4)."""

import datetime

import pytest
from django.utils import timezone

from awards.models import AwardRecord
from core.interfaces.importers import Row
from imports.domain.checked import CheckedRowsWriter, checked_batches
from imports.domain.engine import run_commit
from imports.domain.jobs import cancel_job
from imports.domain.queue import request_commit
from imports.enums import JobState
from organisations.interfaces.importers import PersonImporter
from organisations.models import Employment, Person
from tests.factories import make_cccd
from tests.imports.helpers import (
    BIRTH,
    PEOPLE_HEADER,
    errors_of,
    person_row,
    validated,
    write_xlsx,
)

BINH_BIRTH = datetime.date(1990, 3, 4)
CCCDS = [make_cccd("male", BIRTH), make_cccd("female", BINH_BIRTH), make_cccd("male", BIRTH)]


def _people_file(tmp_path):
    return write_xlsx(tmp_path / "people.xlsx", PEOPLE_HEADER, [
        person_row(cccd=CCCDS[0], full_name="Nguyễn  Văn An", is_leader="x",
                   start_date="01/02/2020"),
        person_row(cccd=CCCDS[1], full_name="Trần Thị Bình", gender="Nữ",
                   birth_date=BINH_BIRTH),
        person_row(cccd=CCCDS[2], ethnicity="Tày", title="Kỹ sư", is_direct_worker="Có",
                   start_date="15/08/2021")])


@pytest.mark.parametrize("workbook_kept", [True, False])
def test_commit_gives_the_same_rows_without_the_workbook(tmp_path, officer_a, dept_a,
                                                         workbook_kept):
    job = validated(officer_a, "people", _people_file(tmp_path))
    if not workbook_kept:
        job.file_path.unlink()

    job = run_commit(request_commit(job, officer_a))

    assert (job.state, job.message) == (JobState.COMMITTED, "3 rows saved.")
    assert list(Person.objects.order_by("cccd").values_list(
        "cccd", "full_name", "gender", "birth_date", "ethnicity", "unit__code", "title",
        "is_leader", "is_direct_worker", "search_text")) == sorted([
        (CCCDS[0], "Nguyễn Văn An", "male", BIRTH, "Kinh", "SO-A", "", True, False,
         f"nguyen van an {CCCDS[0]}"),
        (CCCDS[1], "Trần Thị Bình", "female", BINH_BIRTH, "Kinh", "SO-A", "",
         False, False, f"tran thi binh {CCCDS[1]}"),
        (CCCDS[2], "Nguyễn Văn An", "male", BIRTH, "Tày", "SO-A", "Kỹ sư", False, True,
         f"nguyen van an {CCCDS[2]}")])
    assert list(Employment.objects.order_by("person__cccd").values_list(
        "person__cccd", "unit__code", "position", "is_leader", "start_date")) == sorted([
        (CCCDS[0], "SO-A", "Chuyên viên", True, datetime.date(2020, 2, 1)),
        (CCCDS[1], "SO-A", "Chuyên viên", False, timezone.localdate(job.finished_at)),
        (CCCDS[2], "SO-A", "Chuyên viên", False, datetime.date(2021, 8, 15))])


def test_kept_rows_removed_when_the_job_ends(tmp_path, officer_a, dept_a,
                                             django_capture_on_commit_callbacks):
    job = validated(officer_a, "people", _people_file(tmp_path))
    kept = job.checked_path
    assert kept.exists()

    with django_capture_on_commit_callbacks(execute=True):
        run_commit(request_commit(job, officer_a))

    assert (kept.exists(), job.file_path.exists()) == (False, False)


def test_kept_rows_removed_on_cancel(tmp_path, officer_a, dept_a,
                                     django_capture_on_commit_callbacks):
    job = validated(officer_a, "people", _people_file(tmp_path))

    with django_capture_on_commit_callbacks(execute=True):
        cancel_job(job, officer_a)

    assert job.checked_path.exists() is False


def test_file_with_errors_keeps_no_rows_and_reports_every_error(tmp_path, officer_a, dept_a):
    path = write_xlsx(tmp_path / "people.xlsx", PEOPLE_HEADER, [
        person_row(cccd=CCCDS[0]), person_row(cccd=CCCDS[2], unit="KHONG-CO"),
        person_row(cccd=make_cccd("male", BIRTH), birth_date="31/02/1990")])

    job = validated(officer_a, "people", path)

    assert (job.state, job.checked_path.exists()) == (JobState.INVALID, False)
    assert errors_of(job) == [
        (3, "Mã đơn vị", "Unknown unit code “KHONG-CO”."),
        (4, "Ngày sinh", "“31/02/1990” is not a real date.")]


def test_commit_without_kept_rows_fails_and_saves_nothing(tmp_path, officer_a, dept_a):
    job = validated(officer_a, "people", _people_file(tmp_path))
    job.checked_path.unlink()

    job = run_commit(request_commit(job, officer_a))

    assert (job.state, job.message, Person.objects.count()) == (
        JobState.FAILED, "Nothing was saved: the checked rows of this import are no longer "
        "available. Upload the file again.", 0)


def test_rows_kept_in_an_earlier_form_fail_the_commit_and_save_nothing(tmp_path, officer_a,
                                                                      dept_a):
    """A job checked before an upgrade changed what its importer keeps (the award import
    kept nine values a row, now one tuple) asks for the file again instead of breaking."""
    job = validated(officer_a, "people", _people_file(tmp_path))
    job.checked_path.write_text('[[2, "001", "An"], [3, "002", "Bình"]]\n', encoding="utf-8")

    job = run_commit(request_commit(job, officer_a))

    assert (job.state, job.message, Person.objects.count()) == (
        JobState.FAILED, "Nothing was saved: the checked rows of this import are no longer "
        "available. Upload the file again.", 0)


def test_kept_rows_read_back_in_batches_with_dates(tmp_path, officer_a):
    importer = PersonImporter(officer_a)
    data = dict.fromkeys(PersonImporter.kept, "") | {
        "birth_date": BIRTH, "start_date": None, "unit_id": 7, "is_leader": True}
    writer = CheckedRowsWriter(tmp_path / "kept.jsonl", importer)
    writer.add([Row(2, {}, dict(data)), Row(3, {}, dict(data))])
    writer.add([Row(5, {}, dict(data))])
    writer.close()

    batches = list(checked_batches(tmp_path / "kept.jsonl", importer, 2))

    assert [[row.number for row in batch] for batch in batches] == [[2, 3], [5]]
    assert batches[1][0].data == data


def test_award_commit_does_not_reopen_the_workbook(tmp_path, officer_a, dept_a):
    from tests.awards.test_importers import AWARD_HEADER, award_row
    from tests.factories import PersonFactory

    person = PersonFactory(unit=dept_a)
    job = validated(officer_a, "awards", write_xlsx(tmp_path / "a.xlsx", AWARD_HEADER, [
        award_row(cccd=person.cccd), award_row(cccd=person.cccd, year=2023,
                                               decision_date="16/01/2024", revoked="Có")]))
    job.file_path.unlink()

    job = run_commit(request_commit(job, officer_a))

    assert job.state == JobState.COMMITTED
    assert list(AwardRecord.objects.order_by("year").values_list(
        "person", "award_type__code", "year", "decision_number", "decision_date", "revoked",
        "source", "unit__code")) == [
        (person.pk, "ldtt", 2023, "12/QĐ-SGD", datetime.date(2024, 1, 16), True, "import",
         "SO-A"),
        (person.pk, "ldtt", 2024, "12/QĐ-SGD", datetime.date(2025, 1, 15), False, "import",
         "SO-A")]
