"""Structural validation of the 12-digit citizen ID (CCCD / số định danh cá nhân).

Structure (Decree 137/2015/NĐ-CP Art. 7; Circular 07/2016/TT-BCA Art. 7):
digits 1–3 province code of birth registration · digit 4 gender and century of birth
(0/1 = male/female born 1900–1999, 2/3 = 2000–2099, 4/5 = 2100–2199, 6/7 = 2200–2299,
8/9 = 2300–2399) · digits 5–6 the last two digits of the birth year · digits 7–12 random.
"""

import datetime

from django.utils.translation import gettext as _

from core.text import is_number
from organisations.data.cccd_provinces import PROVINCE_CODES
from organisations.enums import Gender


def century_digit(gender: str, birth_year: int) -> str:
    """The fourth digit for a person of `gender` born in `birth_year`."""
    base = (birth_year // 100 - 19) * 2
    return str(base + (1 if gender == Gender.FEMALE else 0))


def cccd_errors(cccd: str, gender: str | None = None,
                birth_date: datetime.date | None = None) -> list[str]:
    """Every structural problem of `cccd`, each message naming the part that is wrong."""
    if not (len(cccd) == 12 and is_number(cccd)):
        return [_("The citizen ID must have exactly 12 digits (got “%(value)s”).")
                % {"value": cccd}]
    errors = []
    if cccd[:3] not in PROVINCE_CODES:
        errors.append(_("Digits 1–3 (%(code)s) are not a province code.") % {"code": cccd[:3]})
    fourth = int(cccd[3])
    digit_gender = Gender.FEMALE if fourth % 2 else Gender.MALE
    century_start = 1900 + (fourth // 2) * 100
    if gender and gender != digit_gender:
        errors.append(_("Digit 4 (%(digit)s) means %(digit_gender)s, but the gender is "
                        "%(gender)s.") % {"digit": fourth, "digit_gender": digit_gender.label,
                                          "gender": Gender(gender).label})
    if birth_date:
        if not century_start <= birth_date.year < century_start + 100:
            errors.append(_("Digit 4 (%(digit)s) means born in %(start)s–%(end)s, but the birth "
                            "year is %(year)s.") % {"digit": fourth, "start": century_start,
                                                     "end": century_start + 99,
                                                     "year": birth_date.year})
        if cccd[4:6] != f"{birth_date.year % 100:02d}":
            errors.append(_("Digits 5–6 (%(digits)s) must be the last two digits of the birth "
                            "year %(year)s.") % {"digits": cccd[4:6], "year": birth_date.year})
    return errors
