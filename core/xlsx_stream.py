"""An .xlsx workbook written as a stream: rows go straight into the zip as sheet XML.

openpyxl's write-only mode builds an element per cell and writes the sheet to a temporary file
before zipping it: a million-row ledger took 144 s (the CSV of the same rows 19 s). An .xlsx is a
zip of a few XML parts (ECMA-376 Part 1, SpreadsheetML); the only big one is each sheet's
`sheetData`, which is a plain sequence of `<row>`s. This writer produces that XML as text, row
by row, into the zip entry as it goes (memory stays flat), with:

- inline strings (`t="inlineStr"`), so no shared-string table has to be held until the end;
- numbers as `<v>`, booleans as `t="b"`, dates/times as serial numbers with a date style, as
  openpyxl writes them (so they read back as dates);
- fast deflate (level 1): the XML is repetitive, level 1 costs a third of level 6's time for a
  file ~15 % larger.

It writes values only — no cell styles, formulas or shared strings — and neutralises every
cell itself with `core.spreadsheet`'s rule (`neutralises = True`: `write_sheets` does not run
`xlsx_row` first): plain text takes that rule inline, anything else goes through `xlsx_value`.
Text is always written as inline text, never as a formula.

Interface: the subset of openpyxl's write-only Workbook that `write_sheets` uses —
`create_sheet(title=)`, `sheet.append(row)`, `worksheets` — plus `close()`, since the target is
given up front (`StreamingWorkbook(path_or_binary_file)`, or `with` it).
"""

import datetime
import math
import re
import zipfile
from decimal import Decimal
from xml.sax.saxutils import quoteattr

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from core.spreadsheet import ESCAPE, FORMULA_TRIGGERS, xlsx_value

# Sheet titles: Excel's rules (openpyxl raises on the same characters).
INVALID_TITLE = re.compile(r"[\\*?:/\[\]]")
EPOCH = datetime.datetime(1899, 12, 30)  # Excel's day 0 (1900 system, after its 1900 leap bug)
EPOCH_DAY = EPOCH.date().toordinal()
# Cell styles (indices into cellXfs in STYLES): 0 plain, then the formats openpyxl uses.
DATE, DATETIME, TIME = 1, 2, 3
FLUSH_ROWS = 500  # rows joined before one write into the zip entry

CONTENT_TYPES_HEAD = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType='
    '"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/styles.xml" ContentType='
    '"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>')
SHEET_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
STYLES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<numFmts count="3"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/>'
    '<numFmt numFmtId="165" formatCode="yyyy-mm-dd h:mm:ss"/>'
    '<numFmt numFmtId="166" formatCode="h:mm:ss"/></numFmts>'
    '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="166" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/>'
    '</cellStyles></styleSheet>')
SHEET_HEAD = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<sheetData>')
SHEET_TAIL = "</sheetData></worksheet>"


def column_letter(index: int) -> str:
    """1 → A, 27 → AA."""
    letters = ""
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


# XML's markup characters and carriage return (a parser would turn it into a line feed);
# SPECIAL adds the characters XML forbids (`ILLEGAL_CHARACTERS_RE`): text holding none of
# them — nearly all — is written as it is after one search.
NEEDS_ESCAPE = re.compile(r"[&<>\r]").search
SPECIAL = re.compile(r"[&<>\r\x00-\x08\x0b\x0c\x0e-\x1f]").search


def _escape(value: str) -> str:
    return (value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace("\r", "&#13;"))


def _text(value: str) -> str:
    # xml:space="preserve" on every text: leading/trailing spaces of a name must survive.
    return ('" t="inlineStr"><is><t xml:space="preserve">'
            + (_escape(value) if NEEDS_ESCAPE(value) else value) + "</t></is></c>")


def _number(value) -> str:
    return '"><v>' + repr(value) + "</v></c>"


def _float(value: float) -> str:
    if math.isfinite(value):
        return '"><v>' + repr(value) + "</v></c>"
    return _text(str(value))  # Excel has no NaN/infinity: shown as the text Python prints


def _decimal(value: Decimal) -> str:
    return _float(float(value)) if not value.is_finite() else '"><v>' + str(value) + "</v></c>"


def _bool(value: bool) -> str:
    return '" t="b"><v>' + ("1" if value else "0") + "</v></c>"


def _date(value: datetime.date) -> str:
    return f'" s="{DATE}"><v>{value.toordinal() - EPOCH_DAY}</v></c>'


def _datetime(value: datetime.datetime) -> str:
    if value.tzinfo is not None:  # as openpyxl: a spreadsheet cell has no time zone
        raise TypeError("Excel does not support timezones in datetimes.")
    delta = value - EPOCH
    serial = delta.days + (delta.seconds + delta.microseconds / 1e6) / 86400
    return f'" s="{DATETIME}"><v>{serial!r}</v></c>'


def _time(value: datetime.time) -> str:
    seconds = value.hour * 3600 + value.minute * 60 + value.second + value.microsecond / 1e6
    return f'" s="{TIME}"><v>{seconds / 86400!r}</v></c>'


# The cell's body after `<c r="A1`, by the value's exact type (a dict lookup, not isinstance
# chains: this runs for every cell). Subclasses fall back to `_by_isinstance`.
WRITERS = {str: _text, int: _number, float: _float, bool: _bool, Decimal: _decimal,
           datetime.date: _date, datetime.datetime: _datetime, datetime.time: _time}


def _by_isinstance(value):
    for kind in (bool, datetime.datetime, datetime.date, datetime.time, str, int, float,
                 Decimal):
        if isinstance(value, kind):
            return WRITERS[kind]
    raise TypeError(f"Cannot write a {type(value).__name__} into a spreadsheet cell.")


class StreamingSheet:
    neutralises = True

    def __init__(self, book: "StreamingWorkbook", title: str, index: int):
        self.book, self.title, self.index = book, title, index
        self.rows = 0
        self._pending: list[str] = []
        self._handle = book.zip.open(f"xl/worksheets/sheet{index}.xml", "w")
        self._handle.write(SHEET_HEAD.encode())

    def append(self, row) -> None:
        if self._handle is None:
            raise ValueError("This sheet is finished: a later sheet was created.")
        self.rows += 1
        number = str(self.rows)
        if len(row) > len(self.book.letters):
            self.book.grow_letters(len(row))
        letters = self.book.letters
        cells = []
        for column, value in enumerate(row):
            kind = type(value)
            if kind is int:  # the common cases first, decided by exact type
                cells.append(f'<c r="{letters[column]}{number}"><v>{value}</v></c>')
                continue
            if kind is not str:  # lazy text, str subclasses, dates, None…: the general rule
                value = xlsx_value(value)
                if not isinstance(value, str):
                    if value is not None:
                        write = WRITERS.get(type(value)) or _by_isinstance(value)
                        cells.append('<c r="' + letters[column] + number + write(value))
                    continue
                value = str(value)
            # Text: `xlsx_value`'s rule for str, inline (a test holds the two equal): drop
            # XML-illegal characters, then quote what would start a formula; then escape.
            if SPECIAL(value):
                value = ILLEGAL_CHARACTERS_RE.sub("", value)
                if value.startswith(FORMULA_TRIGGERS):
                    value = ESCAPE + value
                value = _escape(value)
            elif value.startswith(FORMULA_TRIGGERS):
                value = ESCAPE + value
            if value:  # "" is an empty cell, as openpyxl writes it
                cells.append(f'<c r="{letters[column]}{number}" t="inlineStr"><is>'
                             f'<t xml:space="preserve">{value}</t></is></c>')
        self._pending.append(f'<row r="{number}">' + "".join(cells) + "</row>")
        if len(self._pending) >= FLUSH_ROWS:
            self._flush()

    def _flush(self) -> None:
        self._handle.write("".join(self._pending).encode())
        self._pending.clear()

    def finish(self) -> None:
        if self._handle is not None:
            self._flush()
            self._handle.write(SHEET_TAIL.encode())
            self._handle.close()
            self._handle = None


class StreamingWorkbook:
    """Sheets are written one after the other: creating a sheet finishes the previous one."""

    neutralises = True  # rows are appended as they come; every cell passes the neutraliser

    def __init__(self, target):
        self.zip = zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED,
                                   compresslevel=1)
        self.worksheets: list[StreamingSheet] = []
        self.letters = [column_letter(i) for i in range(1, 65)]
        self._closed = False

    def grow_letters(self, count: int) -> None:
        self.letters = [column_letter(i) for i in range(1, count + 1)]

    def create_sheet(self, title: str) -> StreamingSheet:
        if not title or len(title) > 31 or INVALID_TITLE.search(title):
            raise ValueError(f"Invalid sheet title {title!r}.")
        if any(sheet.title.lower() == title.lower() for sheet in self.worksheets):
            raise ValueError(f"Duplicate sheet title {title!r}.")
        if self.worksheets:
            self.worksheets[-1].finish()
        sheet = StreamingSheet(self, title, len(self.worksheets) + 1)
        self.worksheets.append(sheet)
        return sheet

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        if not self.worksheets:  # a workbook must have a sheet
            self.create_sheet("Sheet")
        self.worksheets[-1].finish()
        count = range(1, len(self.worksheets) + 1)
        self.zip.writestr("[Content_Types].xml", CONTENT_TYPES_HEAD + "".join(
            f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="{SHEET_TYPE}"/>'
            for i in count) + "</Types>")
        self.zip.writestr("_rels/.rels", ROOT_RELS)
        self.zip.writestr("xl/workbook.xml", (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            f'xmlns:r="{REL}"><sheets>') + "".join(
            f'<sheet name={quoteattr(sheet.title)} sheetId="{i}" r:id="rId{i}"/>'
            for i, sheet in zip(count, self.worksheets, strict=True)) + "</sheets></workbook>")
        self.zip.writestr("xl/_rels/workbook.xml.rels", (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        ) + "".join(
            f'<Relationship Id="rId{i}" Type="{REL}/worksheet" '
            f'Target="worksheets/sheet{i}.xml"/>' for i in count) + (
            f'<Relationship Id="rId{len(self.worksheets) + 1}" Type="{REL}/styles" '
            'Target="styles.xml"/></Relationships>'))
        self.zip.writestr("xl/styles.xml", STYLES)
        self.zip.close()

    def __enter__(self):
        return self

    def __exit__(self, kind, error, trace):
        if kind is None:
            self.close()
        else:  # a failed export: release the file, write no workbook parts around half a sheet
            self._closed = True
            for sheet in self.worksheets[-1:]:
                if sheet._handle is not None:
                    sheet._handle.close()
            self.zip.close()
