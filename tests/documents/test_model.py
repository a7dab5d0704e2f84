"""Number, date and money formats of Decree 30/2020 (Appx I.II boxes 3–4), and the vendored
font's Vietnamese coverage."""

import datetime

import pytest
from fontTools.ttLib import TTFont

from documents.domain.metrics import FONT_DIR, FONT_FILES, text_width_mm
from documents.domain.model import (
    AnnexTable,
    Letterhead,
    format_date,
    format_money,
    format_number,
    format_place_date,
    format_time,
)

VIETNAMESE = ("ạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹđĐơƠưƯăĂĩĨũŨ"
              "ẠẢẤẦẨẪẬẮẰẲẴẶẸẺẼẾỀỂỄỆỈỊỌỎỐỒỔỖỘỚỜỞỠỢỤỦỨỪỬỮỰỲỴỶỸ")


@pytest.mark.parametrize(("number", "expected"), [
    (5, "Số: 05/QĐ-UBND"), (9, "Số: 09/QĐ-UBND"), (10, "Số: 10/QĐ-UBND"),
    (1034, "Số: 1034/QĐ-UBND")])
def test_format_number_pads_below_ten(number, expected):
    assert format_number(number, "QĐ-UBND") == expected


def test_format_number_of_a_draft_leaves_a_blank():
    assert format_number(None, "QĐ-UBND") == "Số:      /QĐ-UBND"


def test_format_number_without_symbol_is_empty():
    assert format_number(None, "") == ""


@pytest.mark.parametrize(("date", "expected"), [
    (datetime.date(2026, 1, 5), "ngày 05 tháng 01 năm 2026"),
    (datetime.date(2026, 2, 28), "ngày 28 tháng 02 năm 2026"),
    (datetime.date(2026, 3, 9), "ngày 09 tháng 3 năm 2026"),
    (datetime.date(2026, 9, 15), "ngày 15 tháng 9 năm 2026"),
    (datetime.date(2025, 12, 31), "ngày 31 tháng 12 năm 2025")])
def test_format_date_pads_days_and_months_one_and_two(date, expected):
    assert format_date(date) == expected


def test_format_place_date():
    assert (format_place_date("Tuyên Quang", datetime.date(2026, 1, 5))
            == "Tuyên Quang, ngày 05 tháng 01 năm 2026")


def test_format_place_date_of_a_draft_keeps_the_year():
    assert (format_place_date("Tuyên Quang", None, year=2026)
            == "Tuyên Quang, ngày     tháng     năm 2026")


def test_letterhead_lines():
    head = Letterhead("", "SỞ NỘI VỤ", 7, "TTr-SNV", "Tuyên Quang", datetime.date(2026, 2, 3))
    assert (head.number_line, head.place_date_line) == (
        "Số: 07/TTr-SNV", "Tuyên Quang, ngày 03 tháng 02 năm 2026")


def test_format_money_and_time():
    assert format_money(3_510_000) == "3.510.000"
    assert (format_time(datetime.datetime(2026, 1, 3, 8, 5))
            == "08 giờ 05 phút, ngày 03 tháng 01 năm 2026")


def test_annex_table_widths_are_fractions():
    table = AnnexTable("", ("STT", "Họ và tên", "Đơn vị"), (), widths=(1, 2, 2))
    assert table.column_widths() == (0.2, 0.4, 0.4)
    assert [table.column_align(i) for i in range(3)] == ["center", "left", "left"]


@pytest.mark.parametrize("style", sorted(FONT_FILES))
def test_vendored_font_covers_vietnamese(style):
    cmap = TTFont(FONT_DIR / FONT_FILES[style]).getBestCmap()
    assert [ch for ch in VIETNAMESE if ord(ch) not in cmap] == []


def test_text_width_scales_with_size():
    assert text_width_mm("Độc lập", 28) == pytest.approx(2 * text_width_mm("Độc lập", 14))
    assert text_width_mm("Độc lập", 14, bold=True) > text_width_mm("Độc lập", 14)
