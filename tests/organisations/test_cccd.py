import datetime

import pytest

from organisations.domain.cccd import cccd_errors, century_digit
from organisations.enums import Gender

BORN_1985 = datetime.date(1985, 5, 17)


@pytest.mark.parametrize(("gender", "year", "digit"), [
    (Gender.MALE, 1985, "0"), (Gender.FEMALE, 1985, "1"),
    (Gender.MALE, 2003, "2"), (Gender.FEMALE, 2003, "3"), (Gender.FEMALE, 2101, "5"),
])
def test_century_digit_follows_decree_137(gender, year, digit):
    assert century_digit(gender, year) == digit


def test_valid_cccd_has_no_errors():
    assert cccd_errors("008085123456", Gender.MALE, BORN_1985) == []


def test_cccd_without_context_checks_structure_only():
    assert cccd_errors("001303000001") == []


@pytest.mark.parametrize("bad", ["12345", "0080851234567", "00808512345a", ""])
def test_cccd_must_be_twelve_digits(bad):
    assert cccd_errors(bad) == [
        f"The citizen ID must have exactly 12 digits (got “{bad}”)."]


def test_unknown_province_code_is_named():
    assert cccd_errors("003085123456", Gender.MALE, BORN_1985) == [
        "Digits 1–3 (003) are not a province code."]


def test_gender_digit_mismatch_is_named():
    assert cccd_errors("008185123456", Gender.MALE, BORN_1985) == [
        "Digit 4 (1) means Female, but the gender is Male."]


def test_century_digit_mismatch_is_named():
    assert cccd_errors("008285123456", Gender.MALE, BORN_1985) == [
        "Digit 4 (2) means born in 2000–2099, but the birth year is 1985."]


def test_birth_year_digits_mismatch_is_named():
    assert cccd_errors("008086123456", Gender.MALE, BORN_1985) == [
        "Digits 5–6 (86) must be the last two digits of the birth year 1985."]


def test_every_problem_is_reported_at_once():
    assert len(cccd_errors("999386123456", Gender.MALE, BORN_1985)) == 4
