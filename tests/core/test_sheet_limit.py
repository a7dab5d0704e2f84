"""A full worksheet continues on a new one (Excel opens at most 1,048,576 rows per sheet)."""

import io

import pytest
from openpyxl import Workbook, load_workbook

from core.interfaces.exports import XLSX_MAX_ROWS, write_sheets


def _written(rows, max_rows, preamble=()):
    workbook = Workbook(write_only=True)
    count = write_sheets(workbook, "Sổ khen thưởng", ["Họ tên", "Năm"], rows,
                         preamble=preamble, max_rows=max_rows)
    out = io.BytesIO()
    workbook.save(out)
    book = load_workbook(io.BytesIO(out.getvalue()))
    return count, {sheet.title: [list(r) for r in sheet.iter_rows(values_only=True)]
                   for sheet in book.worksheets}


def test_the_format_limit_is_excels():
    assert XLSX_MAX_ROWS == 2**20


@pytest.mark.parametrize(("n", "expected_sheets"), [(0, 1), (1, 1), (3, 1), (4, 2), (7, 3)])
def test_rows_continue_on_new_sheets_with_the_header_repeated(n, expected_sheets):
    rows = [[f"Người {i}", 2020 + i] for i in range(n)]
    count, sheets = _written(rows, max_rows=4)
    assert count == expected_sheets == len(sheets)
    titles = ["Sổ khen thưởng"] + [f"Sổ khen thưởng ({k})" for k in range(2, count + 1)]
    assert list(sheets) == titles
    assert all(len(lines) <= 4 and lines[0] == ["Họ tên", "Năm"] for lines in sheets.values())
    assert [line for lines in sheets.values() for line in lines[1:]] == rows


def test_the_preamble_is_repeated_and_counts_towards_the_limit():
    count, sheets = _written([["A", 1], ["B", 2], ["C", 3]], max_rows=4,
                             preamble=[["Danh sách năm 2025"]])
    assert count == 2
    assert list(sheets.values()) == [
        [["Danh sách năm 2025", None], ["Họ tên", "Năm"], ["A", 1], ["B", 2]],
        [["Danh sách năm 2025", None], ["Họ tên", "Năm"], ["C", 3]]]


def test_long_titles_fit_the_31_character_sheet_name_limit():
    workbook = Workbook(write_only=True)
    write_sheets(workbook, "Danh sách khen thưởng theo đơn vị cấp tỉnh", ["x"],
                 [[1], [2], [3]], max_rows=2)
    workbook.save(io.BytesIO())
    assert [len(s.title) <= 31 for s in workbook.worksheets] == [True, True, True]
