import io
import zipfile

import pytest
from openpyxl import Workbook

from imports.domain.reader import (
    HeaderError,
    can_open,
    is_xlsx,
    open_sheet,
)
from organisations.interfaces.importers import PersonImporter
from tests.imports.helpers import PEOPLE_HEADER, person_row, write_xlsx

COLUMNS = PersonImporter.columns


def test_header_matching_ignores_case_marks_and_extra_columns(tmp_path):
    header = [h.upper() + " *" for h in reversed(PEOPLE_HEADER)] + ["Ghi chú"]
    path = write_xlsx(tmp_path / "f.xlsx", header, [list(reversed(person_row(cccd="X"))) + ["n"]])

    with open_sheet(path, COLUMNS) as sheet:
        rows = list(sheet.rows())

    assert [(r.number, r.values["cccd"], r.values["full_name"]) for r in rows] == [
        (2, "X", "Nguyễn Văn An")]


def test_header_missing_columns_named(tmp_path):
    header = [h for h in PEOPLE_HEADER if h not in {"Ngày sinh", "Lãnh đạo"}]
    path = write_xlsx(tmp_path / "f.xlsx", header, [])

    with pytest.raises(HeaderError) as caught, open_sheet(path, COLUMNS):
        pass

    assert [(e.row, e.column, e.message) for e in caught.value.errors] == [
        (1, "Ngày sinh", "The header row has no column “Ngày sinh”; start from the template."),
        (1, "Lãnh đạo", "The header row has no column “Lãnh đạo”; start from the template."),
    ]


def test_header_duplicate_column(tmp_path):
    path = write_xlsx(tmp_path / "f.xlsx", PEOPLE_HEADER + ["Họ và tên"], [])

    with pytest.raises(HeaderError) as caught, open_sheet(path, COLUMNS):
        pass

    assert [(e.row, e.column, e.message) for e in caught.value.errors] == [
        (1, "Họ và tên", "The column “Họ và tên” appears twice in the header row.")]


def test_empty_sheet(tmp_path):
    path = tmp_path / "empty.xlsx"
    Workbook().save(path)

    with pytest.raises(HeaderError) as caught, open_sheet(path, COLUMNS):
        pass

    assert [e.message for e in caught.value.errors] == [
        "The first row of the first sheet must hold the column headings of the template; it "
        "is empty."]


@pytest.mark.parametrize("write_only", [False, True])
def test_blank_rows_skipped_and_rows_keep_excel_numbers(tmp_path, write_only):
    rows = [person_row(cccd="A"), [None] * len(PEOPLE_HEADER), ["", "  "], person_row(cccd="B")]
    path = write_xlsx(tmp_path / "f.xlsx", PEOPLE_HEADER, rows, write_only=write_only)

    with open_sheet(path, COLUMNS) as sheet:
        found = [(r.number, r.values["cccd"]) for r in sheet.rows()]
        estimated = sheet.estimated_rows

    assert found == [(2, "A"), (5, "B")]
    assert estimated == 4  # an estimate: blank rows are announced too


@pytest.mark.parametrize("write_only", [False, True])
def test_batches(tmp_path, write_only):
    rows = [person_row(cccd=str(n)) for n in range(5)]
    path = write_xlsx(tmp_path / "f.xlsx", PEOPLE_HEADER, rows, write_only=write_only)

    with open_sheet(path, COLUMNS) as sheet:
        sizes = [[r.values["cccd"] for r in batch] for batch in sheet.batches(2)]

    assert sizes == [["0", "1"], ["2", "3"], ["4"]]


def _zip(names: dict) -> io.BytesIO:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in names.items():
            archive.writestr(name, data)
    buffer.seek(0)
    return buffer


def test_xlsx_judged_by_content(tmp_path):
    real = write_xlsx(tmp_path / "f.xlsx", PEOPLE_HEADER, [])

    with real.open("rb") as handle:
        assert (is_xlsx(handle), can_open(handle)) == (True, True)
    assert is_xlsx(io.BytesIO("Số CCCD;Họ và tên\n".encode())) is False
    assert is_xlsx(_zip({"word/document.xml": "<w/>"})) is False
    damaged = _zip({"[Content_Types].xml": "<Types/>"})
    assert (is_xlsx(damaged), can_open(damaged)) == (True, False)
