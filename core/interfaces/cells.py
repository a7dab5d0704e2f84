"""Reading one spreadsheet cell into a Python value, the way people actually fill Excel.

Each parser takes the raw cell value from openpyxl (str, int, float, bool, date/datetime or
None) and returns a clean value or raises `CellError` with a translated message. Blank cells
give the parser's empty value; whether a column may be blank is the importer's business
(`Column.required`).
"""

import datetime
import re
from functools import cache

from django.conf import settings
from django.db.models import TextChoices
from django.utils import translation
from django.utils.translation import gettext as _

from core.text import fold

_DMY = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_YES = frozenset({"co", "c", "x", "1", "yes", "y", "true"})
_NO = frozenset({"khong", "k", "0", "no", "n", "false"})


class Formula(str):
    """The text of a formula cell ("=SUM(A1:A3)"). An import never takes a formula for a
    value: without Excel's cached result it would read as blank, with it as a number nobody
    typed; the row is refused and the user asked to paste values."""


class CellError(ValueError):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def is_blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def display(value) -> str:
    """The cell as the user typed it, for the error list (dates the Vietnamese way)."""
    if is_blank(value):
        return ""
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()[:255]


def text(value, *, max_length: int | None = None, default: str = "") -> str:
    """Text with inner whitespace collapsed; numbers lose Excel's trailing ".0"."""
    if is_blank(value):
        return default
    result = " ".join((value if isinstance(value, str) else display(value)).split())
    if max_length is not None and len(result) > max_length:
        raise CellError(_("At most %(limit)s characters (this has %(length)s).") % {
            "limit": max_length, "length": len(result)})
    return result


def digits(value, *, width: int) -> str:
    """An identifier made of digits (CCCD). Excel turns a typed "001085012345" into the number
    1085012345, dropping the leading zeros that every northern province code has; a numeric
    cell shorter than `width` is therefore padded back. Text is returned without spaces and
    left for the structural check to judge."""
    if is_blank(value):
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int) or (isinstance(value, float) and value.is_integer()):
        return str(int(value)).zfill(width)
    return "".join(str(value).split())


def date(value, *, default: datetime.date | None = None) -> datetime.date | None:
    """A date cell, or text dd/mm/yyyy (also with "." or "-"), or ISO yyyy-mm-dd."""
    if is_blank(value):
        return default
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    raw = str(value).strip()
    match = _DMY.match(raw)
    parts = (match.group(3), match.group(2), match.group(1)) if match else None
    if parts is None and (iso := _ISO.match(raw)):
        parts = iso.groups()
    if parts is None:
        raise CellError(_("“%(value)s” is not a date; write dd/mm/yyyy.") % {"value": raw})
    try:
        return datetime.date(*(int(p) for p in parts))
    except ValueError:
        raise CellError(_("“%(value)s” is not a real date.") % {"value": raw})


def yes_no(value) -> bool:
    """Có/Không, x (ticked), 1/0, yes/no, Excel TRUE/FALSE; blank means no."""
    if is_blank(value):
        return False
    if isinstance(value, bool):
        return value
    folded = fold(display(value))
    if folded in _YES:
        return True
    if folded in _NO:
        return False
    raise CellError(_("“%(value)s” is not yes or no; write Có or Không.") % {
        "value": display(value)})


@cache
def _choice_lookup(choices: type[TextChoices]) -> dict[str, str]:
    """folded code or label (in every interface language) → stored value."""
    lookup = {}
    for code, _label in settings.LANGUAGES:
        with translation.override(code):
            lookup.update({fold(str(member.label)): member.value for member in choices})
    lookup.update({fold(member.value): member.value for member in choices})
    return lookup


def choice(value, *, choices: type[TextChoices], synonyms: dict | None = None) -> str:
    """One of `choices`, written as its code or its label in any interface language (so a file
    filled in Vietnamese and one filled by an English-speaking user both work)."""
    if is_blank(value):
        return ""
    folded = fold(display(value))
    found = (synonyms or {}).get(folded) or _choice_lookup(choices).get(folded)
    if found is None:
        raise CellError(_("“%(value)s” is not an allowed value; see the “Hướng dẫn” sheet.")
                        % {"value": display(value)})
    return found
