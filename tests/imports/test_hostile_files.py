"""Crafted import files: rows beyond the declared <dimension>, formula cells, and a bomb that
reaches the worker (the stored file is checked again before openpyxl opens it)."""

import datetime
import re
import zipfile

import pytest
from django.utils import translation
from openpyxl import Workbook

from imports.domain.engine import run_validation
from imports.domain.reader import open_sheet
from imports.enums import JobState
from organisations.enums import Gender
from organisations.interfaces.importers import PersonImporter
from tests.factories import make_cccd
from tests.imports.helpers import (
    PEOPLE_HEADER,
    errors_of,
    person_row,
    upload,
    validated,
    write_xlsx,
)

SHEET = "xl/worksheets/sheet1.xml"


def _rewrite(path, member: str, change) -> None:
    """Replace `member` of the .xlsx at `path` by change(its text)."""
    with zipfile.ZipFile(path) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    parts[member] = change(parts[member].decode()).encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)


def _cccd(_n: int) -> str:
    return make_cccd(Gender.MALE, datetime.date(1985, 5, 17))  # unique per call


def test_rows_beyond_the_declared_dimension_are_all_read(tmp_path):
    rows = [person_row(cccd=_cccd(n), full_name=f"Người {n}") for n in range(3)]
    path = write_xlsx(tmp_path / "f.xlsx", PEOPLE_HEADER, rows)
    _rewrite(path, SHEET, lambda xml: re.sub(r'<dimension ref="[^"]*"', '<dimension ref="A1:K2"',
                                             xml))
    with zipfile.ZipFile(path) as archive:
        assert '<dimension ref="A1:K2"' in archive.read(SHEET).decode()

    with open_sheet(path, PersonImporter.columns) as sheet:
        names = [row.values["full_name"] for row in sheet.rows()]

    assert names == ["Người 0", "Người 1", "Người 2"]


def test_columns_beyond_the_declared_dimension_are_read(tmp_path):
    path = write_xlsx(tmp_path / "f.xlsx", PEOPLE_HEADER, [person_row(start_date="01/02/2020")])
    _rewrite(path, SHEET, lambda xml: re.sub(r'<dimension ref="[^"]*"', '<dimension ref="A1:B2"',
                                             xml))
    with open_sheet(path, PersonImporter.columns) as sheet:
        assert [row.values["start_date"] for row in sheet.rows()] == ["01/02/2020"]


def _with_formula(path):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(PEOPLE_HEADER)
    for n in range(3):
        sheet.append(person_row(cccd=_cccd(n), full_name=f"Người {n}"))
    sheet.append(person_row(cccd=_cccd(3), full_name='=CONCATENATE("Nguyễn ","An")'))
    workbook.save(path)
    return path


def test_a_formula_cell_refuses_its_row_by_name(tmp_path, officer_a, dept_a):
    job = validated(officer_a, "people", _with_formula(tmp_path / "f.xlsx"))

    assert (job.state, job.total_rows) == (JobState.INVALID, 4)
    assert errors_of(job) == [(5, "Họ và tên", "the cell holds a formula; paste its value "
                                               "instead.")]
    assert job.errors.get().value == '=CONCATENATE("Nguyễn ","An")'


def test_the_formula_refusal_reads_in_vietnamese(tmp_path, officer_a, dept_a):
    job = upload(officer_a, "people", _with_formula(tmp_path / "f.xlsx"))
    with translation.override("vi"):
        job = run_validation(job)
        error = job.errors.get()
        assert f"Dòng {error.row_number}, cột “{error.column}”: {error.message}" == (
            "Dòng 5, cột “Họ và tên”: ô chứa công thức, hãy dán giá trị.")


def test_a_formula_with_a_cached_value_is_refused_too(tmp_path, officer_a, dept_a):
    path = _with_formula(tmp_path / "f.xlsx")
    # As Excel saves it: the formula and its cached result.
    _rewrite(path, SHEET, lambda xml: xml.replace(
        "</f></c>", "</f><v>Nguyễn An</v></c>").replace('<c r="B5">', '<c r="B5" t="str">'))

    job = validated(officer_a, "people", path)

    assert errors_of(job) == [(5, "Họ và tên", "the cell holds a formula; paste its value "
                                               "instead.")]


@pytest.fixture
def stored_bomb(tmp_path, officer_a, dept_a):
    """A job whose stored file was swapped for an inline-string bomb after the upload check."""
    job = upload(officer_a, "people", write_xlsx(tmp_path / "f.xlsx", PEOPLE_HEADER,
                                                 [person_row()]))
    _rewrite(job.file_path, SHEET, lambda xml: xml.replace(
        "</sheetData>", '<row r="3"><c r="A3" t="inlineStr"><is><t>' + "A" * 300_000
        + "</t></is></c></row></sheetData>"))
    return job


def test_a_bomb_reaching_the_worker_fails_the_job_with_the_reason(stored_bomb):
    job = run_validation(stored_bomb)
    assert (job.state, job.message) == (JobState.FAILED, (
        "A cell or tag in xl/worksheets/sheet1.xml holds more than 262,144 characters, far "
        "more than Excel allows in a cell; the file is refused."))


def test_a_csv_cell_longer_than_the_csv_limit_fails_the_job(tmp_path, officer_a, dept_a):
    path = tmp_path / "f.csv"
    path.write_text(";".join(PEOPLE_HEADER) + "\n" + "A" * 200_000 + "\n", encoding="utf-8")
    job = validated(officer_a, "people", path)
    assert (job.state, job.message[:42]) == (JobState.FAILED,
                                             "The CSV file could not be read after row 2")


def test_a_formula_is_refused_whatever_order_the_rows_come_in(tmp_path, officer_a, dept_a):
    """The reader flags a formula row by its cell type, not by a row number it recomputes: a
    file listing row 5 before row 4 cannot slip the formula through as text."""
    path = _with_formula(tmp_path / "f.xlsx")

    def swap(xml):
        rows = re.findall(r'<row r="\d+".*?</row>', xml)
        return xml.replace(rows[3] + rows[4], rows[4] + rows[3])

    _rewrite(path, SHEET, swap)

    job = validated(officer_a, "people", path)

    assert [(column, message) for _row, column, message in errors_of(job)] == [
        ("Họ và tên", "the cell holds a formula; paste its value instead.")]
