"""Cells we write into spreadsheets (CSV and .xlsx exports) must never become formulas.

A name typed by a user as `=HYPERLINK("http://…")`, `=cmd|' /C calc'!A0`, `+1+1`, `-2+3` or
`@SUM(…)` is a live formula once Excel or LibreOffice opens the export on another officer's
machine ("CSV injection", OWASP). Every text cell that starts with one of those characters — and
tab or carriage return, which spreadsheet programs strip before looking for a formula — is
prefixed with a single quote, OWASP's recommendation: Excel shows the text, and re-saving the
sheet or converting it to CSV keeps it text. Numbers, dates and booleans are left as they are (a
negative number is a number, not text starting with "-").

openpyxl would itself store a string starting with "=" as a formula, and raises on characters
XML 1.0 forbids (a name pasted with a control character would break the whole export), so .xlsx
cells also lose those characters.
"""

from collections.abc import Iterable

from django.utils.functional import Promise
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
ESCAPE = "'"


def neutralise(value):
    """`value` with a quote in front when it is text a spreadsheet would read as a formula."""
    if isinstance(value, Promise):  # a lazy translation: its text is what gets written
        value = str(value)
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return ESCAPE + value
    return value


def csv_row(row: Iterable) -> list:
    """A row ready for csv.writer."""
    return [neutralise(value) for value in row]


def xlsx_value(value):
    """A value ready for an openpyxl cell: neutralised, without XML-illegal characters."""
    if type(value) is str:  # the common case, decided without the generic checks below
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
        return ESCAPE + value if value.startswith(FORMULA_TRIGGERS) else value
    if isinstance(value, Promise):
        value = str(value)
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)  # before the check: "\x01=…" is "=…"
    return neutralise(value)


# Values that are never openpyxl cells: skip the attribute probes (a million-row export has
# fourteen million cells).
PLAIN_TYPES = frozenset({str, int, float, bool, type(None)})


def xlsx_row(row: Iterable) -> list:
    """A row ready for `worksheet.append`. WriteOnlyCell objects (styled cells) are neutralised
    in place."""
    return [xlsx_value(value) if type(value) in PLAIN_TYPES else _cell(value) for value in row]


def _cell(value):
    if hasattr(value, "data_type") and hasattr(value, "value"):  # an openpyxl cell
        value.value = xlsx_value(value.value)
        return value
    return xlsx_value(value)
