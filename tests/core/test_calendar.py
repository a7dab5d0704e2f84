"""core.calendar and core.lunar: pure functions, exact dates."""

from datetime import date

import pytest

from core.calendar import (
    COMPENSATORY,
    HOLIDAY,
    WorkCalendar,
    compensatory_days,
    default_holidays,
    lunar_to_solar,
    solar_to_lunar,
)
from core.lunar import LunarDate, lunar_new_year


def calendar_for(*years: int) -> WorkCalendar:
    return WorkCalendar({d for y in years for d, _name, _kind in default_holidays(y)})


# ---------------------------------------------------------------- lunar calendar

@pytest.mark.parametrize(("year", "tet"), [
    (2024, date(2024, 2, 10)), (2025, date(2025, 1, 29)), (2026, date(2026, 2, 17)),
    (2027, date(2027, 2, 6)), (2020, date(2020, 1, 25)), (2021, date(2021, 2, 12)),
    (2022, date(2022, 2, 1)), (2023, date(2023, 1, 22)),
    # UTC+7 matters: Vietnam's Tết differed from China's in 1985 (20/02) and 2007 (18/02).
    (1985, date(1985, 1, 21)), (2007, date(2007, 2, 17)),
])
def test_lunar_new_year_known_dates(year, tet):
    assert lunar_new_year(year) == tet
    assert solar_to_lunar(tet) == LunarDate(1, 1, year, False)


@pytest.mark.parametrize(("year", "expected"), [
    (2025, date(2025, 4, 7)), (2026, date(2026, 4, 26)), (2024, date(2024, 4, 18)),
])
def test_hung_kings_day(year, expected):
    assert lunar_to_solar(10, 3, year) == expected


@pytest.mark.parametrize(("solar", "lunar"), [
    (date(2023, 3, 22), LunarDate(1, 2, 2023, True)),   # leap 2nd month of 2023
    (date(2025, 7, 25), LunarDate(1, 6, 2025, True)),   # leap 6th month of 2025
    (date(2020, 5, 23), LunarDate(1, 4, 2020, True)),   # leap 4th month of 2020
    (date(2025, 1, 28), LunarDate(29, 12, 2024, False)),  # Tết 2025 had no "30 Tết"
    (date(2024, 2, 9), LunarDate(30, 12, 2023, False)),
    (date(2024, 9, 17), LunarDate(15, 8, 2024, False)),  # Tết Trung thu 2024
])
def test_solar_to_lunar_and_back(solar, lunar):
    assert solar_to_lunar(solar) == lunar
    assert lunar_to_solar(*lunar) == solar


def test_round_trip_every_day_of_ten_years():
    day = date(2020, 1, 1)
    while day < date(2030, 1, 1):
        assert lunar_to_solar(*solar_to_lunar(day)) == day
        day = day.fromordinal(day.toordinal() + 1)


@pytest.mark.parametrize("args", [(1, 3, 2025, True), (30, 12, 2024), (0, 1, 2025),
                                  (1, 13, 2025)])
def test_impossible_lunar_dates_are_refused(args):
    with pytest.raises(ValueError):
        lunar_to_solar(*args)


# ---------------------------------------------------------------- default holidays

def test_default_holidays_2026():
    assert default_holidays(2026) == [
        (date(2026, 1, 1), "Tết Dương lịch", HOLIDAY),
        (date(2026, 2, 16), "Tết Âm lịch", HOLIDAY),
        (date(2026, 2, 17), "Tết Âm lịch", HOLIDAY),
        (date(2026, 2, 18), "Tết Âm lịch", HOLIDAY),
        (date(2026, 2, 19), "Tết Âm lịch", HOLIDAY),
        (date(2026, 2, 20), "Tết Âm lịch", HOLIDAY),
        (date(2026, 4, 26), "Giỗ Tổ Hùng Vương", HOLIDAY),
        (date(2026, 4, 27), "Nghỉ bù Giỗ Tổ Hùng Vương (26/04/2026)", COMPENSATORY),
        (date(2026, 4, 30), "Ngày Chiến thắng", HOLIDAY),
        (date(2026, 5, 1), "Ngày Quốc tế lao động", HOLIDAY),
        (date(2026, 9, 1), "Quốc khánh (ngày liền kề)", HOLIDAY),
        (date(2026, 9, 2), "Quốc khánh", HOLIDAY),
    ]


def test_eleven_statutory_days_every_year():
    for year in range(2015, 2036):
        assert sum(kind == HOLIDAY for _d, _n, kind in default_holidays(year)) == 11


def test_tet_on_saturday_is_made_up_on_monday_2025():
    days = {d: kind for d, _name, kind in default_holidays(2025)}
    assert days[date(2025, 2, 1)] == HOLIDAY  # Saturday, 4 tháng Giêng
    assert days[date(2025, 2, 3)] == COMPENSATORY


def test_two_weekend_holidays_are_made_up_on_successive_days_2022():
    # 30/4/2022 was a Saturday and 1/5 a Sunday: made up on Monday 2/5 and Tuesday 3/5.
    assert compensatory_days([date(2022, 4, 30), date(2022, 5, 1)]) == [
        date(2022, 5, 2), date(2022, 5, 3)]


def test_national_day_adjacent_day_2024_follows_the_announcement():
    days = [d for d, _name, _kind in default_holidays(2024)]
    assert date(2024, 9, 3) in days
    assert date(2024, 9, 1) not in days


# ---------------------------------------------------------------- working days

def test_ten_working_days_from_the_friday_before_tet_2026():
    # Friday 13/02/2026; Tết off Monday 16 – Friday 20/02; count resumes Monday 23/02.
    assert calendar_for(2026).add_working_days(date(2026, 2, 13), 10) == date(2026, 3, 6)


def test_working_days_across_30_4_and_1_5_2026():
    cal = calendar_for(2026)
    # Wednesday 29/04 + 3: Thursday 30/04 and Friday 1/05 are off → Mon 4, Tue 5, Wed 6 May.
    assert cal.add_working_days(date(2026, 4, 29), 3) == date(2026, 5, 6)


def test_sunday_holiday_compensated_on_monday_2026():
    cal = calendar_for(2026)
    assert not cal.is_working_day(date(2026, 4, 27))  # Monday after Giỗ Tổ on Sunday
    assert cal.next_working_day(date(2026, 4, 24)) == date(2026, 4, 28)


def test_start_day_is_not_counted():
    cal = WorkCalendar(set())
    assert cal.add_working_days(date(2026, 3, 2), 1) == date(2026, 3, 3)  # Monday → Tuesday
    assert cal.add_working_days(date(2026, 3, 6), 1) == date(2026, 3, 9)  # Friday → Monday
    assert cal.add_working_days(date(2026, 3, 7), 0) == date(2026, 3, 7)


def test_make_up_saturday_counts_as_working():
    saturday = date(2026, 2, 28)
    cal = WorkCalendar(set(), {saturday})
    assert cal.is_working_day(saturday)
    assert cal.add_working_days(date(2026, 2, 27), 1) == saturday


def test_working_days_between_is_the_inverse_of_add():
    cal = calendar_for(2025, 2026)
    start = date(2025, 12, 20)
    for n in range(0, 60):
        assert cal.working_days_between(start, cal.add_working_days(start, n)) == n
    assert cal.working_days_between(date(2026, 3, 9), date(2026, 3, 2)) == -5


def test_negative_count_is_refused():
    with pytest.raises(ValueError):
        WorkCalendar(set()).add_working_days(date(2026, 1, 5), -1)
