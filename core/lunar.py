"""The Vietnamese lunisolar calendar (âm lịch), computed — no tables.

This is Hồ Ngọc Đức's published algorithm ("Thuật toán tính âm lịch", 2004), which the
Vietnamese calendar itself follows: new moons from Meeus' series, the sun's longitude to place
the winter solstice (month 11 holds it) and to find the leap month (the first month of a
13-month year with no major solar term), all reckoned at Vietnam's meridian, UTC+7. The time
zone matters: in 1985 the new moon fell before midnight in Hà Nội and after it in Beijing, so
Vietnam's Tết was 21/01/1985 while China's was 20/02/1985.

Pure Python, integer Julian day numbers; valid for the Gregorian dates the system handles.
"""

import math
from datetime import date
from typing import NamedTuple

TIME_ZONE = 7  # hours east of Greenwich (Vietnam)
_SYNODIC_MONTH = 29.530588853
_K_EPOCH = 2415021.076998695  # Julian day of the new moon of 1900-01-01 (k = 0)


def _jd_from_date(d: date) -> int:
    """Julian day number of a Gregorian date."""
    a = (14 - d.month) // 12
    y = d.year + 4800 - a
    m = d.month + 12 * a - 3
    return d.day + (153 * m + 2) // 5 + 365 * y + y // 4 - y // 100 + y // 400 - 32045


def _date_from_jd(jd: int) -> date:
    a = jd + 32044
    b = (4 * a + 3) // 146097
    c = a - (b * 146097) // 4
    d = (4 * c + 3) // 1461
    e = c - (1461 * d) // 4
    m = (5 * e + 2) // 153
    return date(b * 100 + d - 4800 + m // 10, m + 3 - 12 * (m // 10), e - (153 * m + 2) // 5 + 1)


def _new_moon(k: int) -> float:
    """Julian day (fractional, UT) of the k-th new moon after 1900-01-01."""
    t = k / 1236.85
    t2, t3 = t * t, t * t * t
    dr = math.pi / 180
    jd1 = 2415020.75933 + 29.53058868 * k + 0.0001178 * t2 - 0.000000155 * t3
    jd1 += 0.00033 * math.sin((166.56 + 132.87 * t - 0.009173 * t2) * dr)
    m = 359.2242 + 29.10535608 * k - 0.0000333 * t2 - 0.00000347 * t3  # sun's mean anomaly
    mpr = 306.0253 + 385.81691806 * k + 0.0107306 * t2 + 0.00001236 * t3  # moon's
    f = 21.2964 + 390.67050646 * k - 0.0016528 * t2 - 0.00000239 * t3  # argument of latitude
    c1 = (0.1734 - 0.000393 * t) * math.sin(m * dr) + 0.0021 * math.sin(2 * dr * m)
    c1 += -0.4068 * math.sin(mpr * dr) + 0.0161 * math.sin(dr * 2 * mpr)
    c1 += -0.0004 * math.sin(dr * 3 * mpr)
    c1 += 0.0104 * math.sin(dr * 2 * f) - 0.0051 * math.sin(dr * (m + mpr))
    c1 += -0.0074 * math.sin(dr * (m - mpr)) + 0.0004 * math.sin(dr * (2 * f + m))
    c1 += -0.0004 * math.sin(dr * (2 * f - m)) - 0.0006 * math.sin(dr * (2 * f + mpr))
    c1 += 0.0010 * math.sin(dr * (2 * f - mpr)) + 0.0005 * math.sin(dr * (2 * mpr + m))
    if t < -11:
        delta_t = 0.001 + 0.000839 * t + 0.0002261 * t2 - 0.00000845 * t3 - 0.000000081 * t * t3
    else:
        delta_t = -0.000278 + 0.000265 * t + 0.000262 * t2
    return jd1 + c1 - delta_t


def _sun_longitude(jdn: float) -> float:
    """The sun's apparent longitude in radians, [0, 2π), at Julian day `jdn` (UT)."""
    t = (jdn - 2451545.0) / 36525
    t2 = t * t
    dr = math.pi / 180
    m = 357.52910 + 35999.05030 * t - 0.0001559 * t2 - 0.00000048 * t * t2
    l0 = 280.46645 + 36000.76983 * t + 0.0003032 * t2
    dl = (1.914600 - 0.004817 * t - 0.000014 * t2) * math.sin(dr * m)
    dl += (0.019993 - 0.000101 * t) * math.sin(dr * 2 * m) + 0.000290 * math.sin(dr * 3 * m)
    longitude = (l0 + dl) * dr
    return longitude - math.pi * 2 * math.floor(longitude / (math.pi * 2))


def _sun_sector(day_number: int) -> int:
    """Which of the 12 major solar terms' sectors (0–11) the sun is in at the start of local
    day `day_number`."""
    return math.floor(_sun_longitude(day_number - 0.5 - TIME_ZONE / 24) / math.pi * 6)


def _new_moon_day(k: int) -> int:
    """Julian day number of the local day on which the k-th new moon falls."""
    return math.floor(_new_moon(k) + 0.5 + TIME_ZONE / 24)


def _month_11_start(year: int) -> int:
    """Day number of the first day of lunar month 11 (the month holding the winter solstice)
    that ends in Gregorian `year`."""
    off = _jd_from_date(date(year, 12, 31)) - 2415021
    k = math.floor(off / _SYNODIC_MONTH)
    start = _new_moon_day(k)
    if _sun_sector(start) >= 9:  # the solstice (270°) is already past: month 11 began earlier
        start = _new_moon_day(k - 1)
    return start


def _leap_month_offset(a11: int) -> int:
    """In a 13-month year starting at month 11 `a11`: how many months after it the leap month
    comes (the first month during which the sun enters no new sector)."""
    k = math.floor((a11 - _K_EPOCH) / _SYNODIC_MONTH + 0.5)
    i = 1
    arc = _sun_sector(_new_moon_day(k + i))
    while True:
        last = arc
        i += 1
        arc = _sun_sector(_new_moon_day(k + i))
        if arc == last or i >= 14:
            return i - 1


class LunarDate(NamedTuple):
    day: int
    month: int
    year: int
    leap: bool = False


def solar_to_lunar(d: date) -> LunarDate:
    """(day, month, year, leap) of the lunar date of Gregorian date `d` in Vietnam."""
    day_number = _jd_from_date(d)
    k = math.floor((day_number - _K_EPOCH) / _SYNODIC_MONTH)
    month_start = _new_moon_day(k + 1)
    if month_start > day_number:
        month_start = _new_moon_day(k)
    a11 = b11 = _month_11_start(d.year)
    if a11 >= month_start:
        lunar_year = d.year
        a11 = _month_11_start(d.year - 1)
    else:
        lunar_year = d.year + 1
        b11 = _month_11_start(d.year + 1)
    diff = math.floor((month_start - a11) / 29)
    leap = False
    lunar_month = diff + 11
    if b11 - a11 > 365:  # 13 lunar months between two solstice months: one is a leap month
        leap_offset = _leap_month_offset(a11)
        if diff >= leap_offset:
            lunar_month = diff + 10
            leap = diff == leap_offset
    if lunar_month > 12:
        lunar_month -= 12
    if lunar_month >= 11 and diff < 4:
        lunar_year -= 1
    return LunarDate(day_number - month_start + 1, lunar_month, lunar_year, leap)


def lunar_to_solar(day: int, month: int, year: int, leap: bool = False) -> date:
    """The Gregorian date of lunar day/month/year (`leap` for the leap month of that number).

    Raises ValueError for a date that does not exist: a leap month the year does not have, or
    day 30 of a 29-day month.
    """
    if not (1 <= month <= 12 and 1 <= day <= 30):
        raise ValueError(f"Not a lunar date: {day}/{month}/{year}")
    if month < 11:
        a11, b11 = _month_11_start(year - 1), _month_11_start(year)
    else:
        a11, b11 = _month_11_start(year), _month_11_start(year + 1)
    offset = (month - 11) % 12
    if b11 - a11 > 365:
        leap_offset = _leap_month_offset(a11)
        leap_month = (leap_offset - 2) % 12
        if leap and month != leap_month:
            raise ValueError(f"Lunar year {year} has no leap month {month}")
        if leap or offset >= leap_offset:
            offset += 1
    elif leap:
        raise ValueError(f"Lunar year {year} has no leap month")
    k = math.floor(0.5 + (a11 - _K_EPOCH) / _SYNODIC_MONTH)
    result = _date_from_jd(_new_moon_day(k + offset) + day - 1)
    if solar_to_lunar(result)[:2] != (day, month):  # day 30 of a short month
        raise ValueError(f"Lunar month {month}/{year} has no day {day}")
    return result


def lunar_new_year(year: int) -> date:
    """Tết Nguyên đán: 1/1 of lunar `year`."""
    return lunar_to_solar(1, 1, year)
