import datetime
import gc
import io
import re
import zipfile
from xml.etree import ElementTree

import pytest
from openpyxl import Workbook

from core.interfaces import cells
from imports.domain.reader import (
    HeaderError,
    _load,
    _parsed_rows,
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


# The reader's own roads through a sheet: plain inline text without openpyxl's rich-text
# objects, and sheets opened without openpyxl's whole-sheet search for a <dimension>.

def _sheet_with(tmp_path, sheet_data: str):
    """An .xlsx whose first sheet's <sheetData> is `sheet_data` ({date} stands for the style of
    a date cell, {dimension} is dropped: as openpyxl's write-only files and our exports)."""
    path = tmp_path / "crafted.xlsx"
    workbook = Workbook()
    workbook.active.append([datetime.date(2025, 1, 1)])
    workbook.save(path)
    with zipfile.ZipFile(path) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    xml = parts["xl/worksheets/sheet1.xml"].decode()
    date_style = re.search(r'<c r="A1" s="(\d+)"', xml).group(1)
    xml = re.sub(r"<dimension [^>]*/>", "", xml)
    xml = re.sub(r"<sheetData>.*</sheetData>", sheet_data.replace("{date}", date_style), xml,
                 flags=re.S)
    parts["xl/worksheets/sheet1.xml"] = xml.encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return path


def _read_all(path) -> list:
    workbook = _load(path)
    try:
        return [values for values, _formula in _parsed_rows(workbook.worksheets[0])]
    finally:
        workbook.close()


def test_inline_text_rich_text_numbers_dates_and_formulas_read_as_openpyxl_reads_them(tmp_path):
    path = _sheet_with(tmp_path, (
        '<sheetData>'
        '<row r="1"><c r="A1" t="inlineStr"><is><t>Số</t></is></c>'
        '<c r="B1" t="inlineStr"><is><t>Tên</t></is></c><c r="C1" t="inlineStr"><is><t>Ngày'
        '</t></is></c></row>'
        '<row r="2"><c r="A2"><v>7</v></c><c r="B2" t="inlineStr"><is><r><t xml:space='
        '"preserve">Nguyễn </t></r><r><rPr><b/></rPr><t>An</t></r></is></c>'
        '<c r="C2" s="{date}"><v>45658</v></c></row>'
        '<row r="4"><c t="inlineStr"><is><t xml:space="preserve">  cách  </t></is></c>'
        '<c t="inlineStr"><is><t/></is></c><c t="inlineStr"><is><t>=1+1</t></is></c></row>'
        '<row r="5"><c r="B5" t="inlineStr"><f>CONCAT("a","b")</f><is><t>ab</t></is></c></row>'
        '</sheetData>'))

    rows = _read_all(path)

    assert rows == [["Số", "Tên", "Ngày"], [7, "Nguyễn An", datetime.datetime(2025, 1, 1)],
                    [], ["  cách  ", "", "=1+1"], [None, '=CONCAT("a","b")']]
    assert [type(v) for v in rows[3]] == [str, str, str]  # text that looks like one: not a formula
    assert type(rows[4][1]) is cells.Formula


def test_a_sheet_without_dimension_is_not_parsed_on_opening(tmp_path):
    path = _sheet_with(tmp_path, '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>x</t>'
                                 '</is></c></row><row r="2"><c r="A2"><v>1</v></c></row>'
                                 '</sheetData>')
    workbook = _load(path)
    try:
        sheet = workbook.worksheets[0]
        # openpyxl's own read-only sheet would have parsed it all to learn max_row = 2.
        assert (sheet._max_row, _read_all(path)) == (None, [["x"], [1]])
    finally:
        workbook.close()


def test_people_template_rows_read_the_same_through_either_sheet_kind(tmp_path):
    rows = [person_row(cccd=f"00108501234{n}", full_name=f"Người {n}") for n in range(3)]
    kinds = {}
    for write_only in (False, True):  # shared strings (as Excel) and inline strings
        path = write_xlsx(tmp_path / f"f{write_only}.xlsx", PEOPLE_HEADER, rows,
                          write_only=write_only)
        with open_sheet(path, COLUMNS) as sheet:
            kinds[write_only] = [(r.number, r.values) for r in sheet.rows()]
    assert kinds[True] == kinds[False]
    assert [number for number, _values in kinds[True]] == [2, 3, 4]


def _live_elements() -> int:
    return sum(1 for o in gc.get_objects() if type(o) is ElementTree.Element)


def test_rows_read_leave_no_element_behind(tmp_path):
    # openpyxl's parser clears each <row> but keeps it in <sheetData> until the sheet ends:
    # ~80 bytes a row, 78 MB at a million rows. Read rows must be gone, not just emptied.
    path = write_xlsx(tmp_path / "f.xlsx", PEOPLE_HEADER,
                      [person_row(cccd=f"{n:012d}") for n in range(3000)], write_only=True)
    workbook = _load(path)
    counts = {}
    for number, (values, _formula) in enumerate(_parsed_rows(workbook.worksheets[0]), start=1):
        if number in (100, 3000):
            counts[number] = _live_elements()
        last = (number, values[0])
    workbook.close()
    assert last == (3001, "000000002999")
    # Only the rows of the XML chunk being parsed are alive, whichever row is reached.
    assert counts[3000] - counts[100] < 200, counts
