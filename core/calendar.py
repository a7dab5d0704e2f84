"""Working days and Vietnamese public holidays. Pure functions: no database.

Deadlines in the commendation procedures are counted in working days ("ngày làm việc"), e.g.
"returns an ineligible dossier within 5 working days". The convention used everywhere:

* **The day of the event is not counted.** Civil Code 2015 Art. 147.1: when a period is fixed
  in days, it starts on the day after the event that starts it. `add_working_days(start, n)`
  therefore returns the n-th working day *after* `start` — its last day, by the end of which the
  act must be done (Art. 148.1: a period ends at the end of its last day). With n = 0 it returns
  `start` itself.
* A working day is Monday–Friday (the 40-hour week of public bodies, Decision 188/1999/QĐ-TTg)
  that is not a public holiday, plus any Saturday the government makes a working day to
  compensate for a bridged day ("làm bù").

Public holidays (Labour Code 2019 Art. 112.1) are produced by `default_holidays(year)`; the
database copy (`core.models.PublicHoliday`, edited on the holidays page) is what the system
uses, because the Prime Minister fixes the Tết and National Day days every year (Art. 112.3).
"""

from collections.abc import Iterable
from datetime import date, timedelta

from core.lunar import LunarDate, lunar_new_year, lunar_to_solar, solar_to_lunar

__all__ = [
    "LunarDate", "WorkCalendar", "default_holidays", "lunar_to_solar", "solar_to_lunar",
]

ONE_DAY = timedelta(days=1)
SATURDAY = 5

# Kinds of day (the values stored in PublicHoliday.kind).
HOLIDAY = "holiday"
COMPENSATORY = "compensatory"
WORKING_SATURDAY = "working_saturday"
DAY_OFF = "day_off"

# ---- The default holidays: data, not code. A change in the law changes these lines. ----
# Labour Code 2019 Art. 112.1(b): Tết âm lịch, 5 days. The days are fixed yearly by the Prime
# Minister (Art. 112.3); the default is the last day of the old lunar year (30, or 29 when
# tháng Chạp is short) and the first four days of the new one: offsets from 1 tháng Giêng.
TET_OFFSETS = (-1, 0, 1, 2, 3)
# Art. 112.1(đ): Quốc khánh 2/9 plus one adjacent day, before or after, also fixed yearly
# (Art. 112.3; Decree 145/2020/NĐ-CP Art. 58 [U: article number not checked against the text]).
# Default 1/9; years already announced are listed.
NATIONAL_DAY_ADJACENT_DEFAULT = (9, 1)
NATIONAL_DAY_ADJACENT = {2024: (9, 3)}  # 2024: 2/9 (Monday) and 3/9 (Tuesday)
# Art. 112.1(a, c, d, đ): fixed solar days; (c) Giỗ Tổ Hùng Vương is lunar 10/3.
SOLAR_HOLIDAYS = (
    ((1, 1), "Tết Dương lịch"),
    ((4, 30), "Ngày Chiến thắng"),
    ((5, 1), "Ngày Quốc tế lao động"),
    ((9, 2), "Quốc khánh"),
)
HUNG_KINGS = ((10, 3), "Giỗ Tổ Hùng Vương")  # lunar day, month
TET_NAME = "Tết Âm lịch"


class WorkCalendar:
    """Which days are worked. `holidays` are days off (holidays, compensatory and other days
    off); `extra_working_days` are weekend days made working days. Immutable once built."""

    __slots__ = ("holidays", "extra_working_days")

    def __init__(self, holidays: Iterable[date] = (), extra_working_days: Iterable[date] = ()):
        self.holidays = frozenset(holidays)
        self.extra_working_days = frozenset(extra_working_days)

    def __repr__(self) -> str:
        return (f"WorkCalendar({len(self.holidays)} days off, "
                f"{len(self.extra_working_days)} working weekend days)")

    def is_working_day(self, d: date) -> bool:
        if d in self.extra_working_days:
            return True
        return d.weekday() < SATURDAY and d not in self.holidays

    def next_working_day(self, d: date) -> date:
        """The first working day strictly after `d`."""
        d += ONE_DAY
        while not self.is_working_day(d):
            d += ONE_DAY
        return d

    def add_working_days(self, start: date, n: int) -> date:
        """The n-th working day after `start` (the start day itself is not counted — Civil
        Code 2015 Art. 147.1). A deadline given on a Friday for 1 working day falls on the
        next Monday; n = 0 gives `start`."""
        if n < 0:
            raise ValueError("n must not be negative")
        day = start
        for _ in range(n):
            day = self.next_working_day(day)
        return day

    def working_days_between(self, a: date, b: date) -> int:
        """Working days in (a, b]: after `a`, up to and including `b` — so that
        `working_days_between(s, add_working_days(s, n)) == n`. Negative when b < a."""
        if b < a:
            return -self.working_days_between(b, a)
        count, day = 0, a + ONE_DAY
        while day <= b:
            count += self.is_working_day(day)
            day += ONE_DAY
        return count


def _national_day_adjacent(year: int) -> date:
    month, day = NATIONAL_DAY_ADJACENT.get(year, NATIONAL_DAY_ADJACENT_DEFAULT)
    return date(year, month, day)


def statutory_days(year: int) -> list[tuple[date, str]]:
    """The Art. 112.1 holidays of Gregorian `year` (11 days), without compensation."""
    days = [(date(year, m, d), name) for (m, d), name in SOLAR_HOLIDAYS]
    days.append((_national_day_adjacent(year), "Quốc khánh (ngày liền kề)"))
    (lunar_day, lunar_month), name = HUNG_KINGS
    days.append((lunar_to_solar(lunar_day, lunar_month, year), name))
    tet = lunar_new_year(year)
    days += [(tet + timedelta(days=offset), TET_NAME) for offset in TET_OFFSETS]
    return sorted(days)


def compensatory_days(days: Iterable[date], holidays: Iterable[date] = ()) -> list[date]:
    """Labour Code 2019 Art. 111.3: a holiday falling on a weekly day off (Saturday or Sunday
    for public bodies) is made up on the next working day. Each such holiday gets its own
    next day not already off, so Tết's weekend days are made up one after another after it."""
    taken = set(holidays) | set(days)
    result = []
    for day in sorted(days):
        if day.weekday() >= SATURDAY:
            make_up = day + ONE_DAY
            while make_up.weekday() >= SATURDAY or make_up in taken:
                make_up += ONE_DAY
            taken.add(make_up)
            result.append(make_up)
    return result


def default_holidays(year: int) -> list[tuple[date, str, str]]:
    """(date, name, kind) of the days off of `year` as the law sets them by default: the
    statutory holidays (kind "holiday") and their compensatory days ("compensatory").
    Tết's 5 days are counted in the year of the Tết (its eve may lie in the same year or, for
    an early Tết, still in January)."""
    statutory = statutory_days(year)
    rows = [(day, name, HOLIDAY) for day, name in statutory]
    names = dict(statutory)
    for day, make_up in zip((d for d, _ in statutory if d.weekday() >= SATURDAY),
                            compensatory_days(names), strict=True):
        rows.append((make_up, f"Nghỉ bù {names[day]} ({day:%d/%m/%Y})", COMPENSATORY))
    return sorted(rows)
