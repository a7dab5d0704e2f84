import datetime

import pytest

from core.interfaces import cells
from organisations.enums import Gender, UnitLevel


@pytest.mark.parametrize(("value", "expected"), [
    (None, None),
    ("  ", None),
    (datetime.datetime(1990, 2, 28, 0, 0), datetime.date(1990, 2, 28)),
    (datetime.date(1990, 2, 28), datetime.date(1990, 2, 28)),
    ("28/02/1990", datetime.date(1990, 2, 28)),
    ("8/2/1990", datetime.date(1990, 2, 8)),
    ("28.02.1990", datetime.date(1990, 2, 28)),
    ("28-02-1990", datetime.date(1990, 2, 28)),
    ("1990-02-28", datetime.date(1990, 2, 28)),
    ("29/02/2024", datetime.date(2024, 2, 29)),
])
def test_date_accepts_cells_and_vietnamese_text(value, expected):
    assert cells.date(value) == expected


@pytest.mark.parametrize(("value", "message"), [
    ("29/02/2023", "“29/02/2023” is not a real date."),
    ("31/04/2020", "“31/04/2020” is not a real date."),
    ("1990-13-01", "“1990-13-01” is not a real date."),
    ("28/02/90", "“28/02/90” is not a date; write dd/mm/yyyy."),
    (32000, "“32000” is not a date; write dd/mm/yyyy."),
])
def test_date_refuses_impossible_or_unreadable(value, message):
    with pytest.raises(cells.CellError) as caught:
        cells.date(value)

    assert caught.value.message == message


@pytest.mark.parametrize(("value", "expected"), [
    (None, False), ("Có", True), ("có", True), ("x", True), ("X", True), (1, True),
    ("1", True), (True, True), ("Không", False), ("khong", False), (0, False), (False, False),
])
def test_yes_no(value, expected):
    assert cells.yes_no(value) is expected


@pytest.mark.parametrize(("value", "expected"), [
    ("001085012345", "001085012345"),
    (" 001 085 012 345 ", "001085012345"),
    (1085012345, "001085012345"),
    (1085012345.0, "001085012345"),
    ("12345", "12345"),
    (None, ""),
])
def test_digits_restores_leading_zeros_of_numeric_cells(value, expected):
    assert cells.digits(value, width=12) == expected


def test_choice_accepts_code_label_and_synonym():
    assert [cells.choice("commune", choices=UnitLevel),
            cells.choice("  COMMUNE ", choices=UnitLevel),
            cells.choice("Province", choices=UnitLevel),
            cells.choice("Nữ", choices=Gender, synonyms={"nu": Gender.FEMALE})] == [
        "commune", "commune", "province", "female"]


def test_text_collapses_spaces_and_limits_length():
    assert cells.text("  Nguyễn   Văn\tAn ") == "Nguyễn Văn An"
    with pytest.raises(cells.CellError) as caught:
        cells.text("abcdef", max_length=5)
    assert caught.value.message == "At most 5 characters (this has 6)."
