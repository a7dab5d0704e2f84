"""Streaming access to an uploaded workbook or CSV file: never held in memory whole.

openpyxl's read-only mode parses the worksheet XML as it is iterated, so memory stays flat
whether the file has a hundred rows or a hundred thousand; rows reach the importers in batches.
A CSV file (the same columns as the Excel template) is read line by line the same way.
"""

import codecs
import csv
import re
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from xml.etree.ElementTree import XMLPullParser

from django.utils.translation import gettext as _
from openpyxl.reader.excel import ExcelReader
from openpyxl.utils.cell import coordinate_to_tuple
from openpyxl.worksheet._read_only import ReadOnlyWorksheet
from openpyxl.worksheet._reader import INLINE_STRING, ROW_TAG, WorkSheetParser
from openpyxl.xml.constants import SHEET_MAIN_NS

from core.interfaces import cells
from core.interfaces.importers import Column, Row, RowError
from core.text import fold
from imports.domain.package import PackageRefused, check_package

XLSX_MARKER = "[Content_Types].xml"
HEADER_ROW = 1


class UnreadableFile(Exception):
    """The file is not a workbook openpyxl can read, or not a CSV file we can read; `message`
    (translated) says why when the reason is known."""

    def __init__(self, detail: str = "", message: str = ""):
        super().__init__(detail or message)
        self.message = message


class HeaderError(Exception):
    """The header row does not name the importer's columns; `errors` are on row 1."""

    def __init__(self, errors: list[RowError]):
        super().__init__("; ".join(e.describe() for e in errors))
        self.errors = errors


def is_xlsx(fileobj) -> bool:
    """Judge by content, not by name: an .xlsx is a zip archive holding [Content_Types].xml."""
    try:
        with zipfile.ZipFile(fileobj) as archive:
            return XLSX_MARKER in archive.namelist()
    except (zipfile.BadZipFile, OSError):
        return False
    finally:
        fileobj.seek(0)


class _UnsizedSheet(ReadOnlyWorksheet):
    """openpyxl's read-only sheet less its size. Opening one looks for the sheet's `<dimension>`
    by parsing its XML, and a sheet without one (openpyxl's write-only files, our own streamed
    exports) is parsed whole before a row is read: a third of the reading time, for a size we
    never use (rows beyond `<dimension>` are read; the progress bar's estimate is
    `_estimate_rows`'s byte scan)."""

    def _get_size(self):
        pass


class _WorkbookReader(ExcelReader):
    """`load_workbook(read_only=True)` with `_UnsizedSheet`s (openpyxl 3.1's `read_worksheets`,
    read-only branch; chartsheets are not worksheets and are skipped, as there)."""

    def read_worksheets(self):
        for sheet, rel in self.parser.find_sheets():
            if rel.target not in self.valid_files or "chartsheet" in rel.Type:
                continue
            worksheet = _UnsizedSheet(self.wb, sheet.name, rel.target, self.shared_strings)
            worksheet.sheet_state = sheet.state
            self.wb._sheets.append(worksheet)


def _load(fileobj):
    """The workbook in read-only mode. Formulas are read as formulas (not as the value Excel
    cached, nor as blank when there is none), so that a formula cell can be refused by name."""
    reader = _WorkbookReader(fileobj, read_only=True, data_only=False)
    reader.read()
    return reader.wb


def can_open(fileobj) -> bool:
    """Whether openpyxl opens the workbook and finds a sheet (cheap: rows are not read). Call
    `check_package` first: opening parses the styles and shared strings whole."""
    try:
        workbook = _load(fileobj)
    except Exception:  # openpyxl raises many types for damaged parts; all mean "unreadable"
        return False
    else:
        found = bool(workbook.worksheets)
        workbook.close()
        return found
    finally:
        fileobj.seek(0)


def header_key(value) -> str:
    """Compare headings without case, trailing "*" or diacritics: Vietnamese typed with
    different keyboards arrives composed or decomposed, and "Mã đơn vị *" marks required."""
    return fold(cells.display(value)).rstrip(" *")


def match_header(header: tuple | None, columns: tuple[Column, ...]) -> dict[str, int]:
    """column key → position in the row. Every column of the template must be present (a
    misspelt optional heading would otherwise drop its data silently); extra ones are ignored."""
    if not header or all(cells.is_blank(v) for v in header):
        raise HeaderError([RowError(HEADER_ROW, columns[0].header, "", _(
            "The first row of the first sheet must hold the column headings of the template; "
            "it is empty."))])
    positions: dict[str, int] = {}
    seen: dict[str, int] = {}
    errors = []
    wanted = {header_key(column.header): column for column in columns}
    for index, value in enumerate(header):
        key = header_key(value)
        if key in seen and key in wanted:
            errors.append(RowError(HEADER_ROW, wanted[key].header, cells.display(value), _(
                "The column “%(column)s” appears twice in the header row.") % {
                "column": wanted[key].header}))
        seen.setdefault(key, index)
    for key, column in wanted.items():
        if key in seen:
            positions[column.key] = seen[key]
        else:
            errors.append(RowError(HEADER_ROW, column.header, "", _(
                "The header row has no column “%(column)s”; start from the template.") % {
                "column": column.header}))
    if errors:
        raise HeaderError(errors)
    return positions


# The <dimension> element as Excel writes it, before <sheetData>: "A1:K5" → 5.
_DIMENSION = re.compile(rb"<(?:\w+:)?dimension\s+ref=\"[A-Z]*\d*:?[A-Z]*(\d+)\"")
_HEAD_BYTES = 4096


def _estimate_rows(worksheet) -> int:
    """Data rows the sheet announces, for the progress bar only (the final count is what was
    read). Excel writes a <dimension> element at the top of the sheet: read from the first
    bytes. Other writers (openpyxl's write-only mode, our streamed exports) omit it, so count
    <row> tags in the raw XML instead: a byte scan, far cheaper than parsing. (Not openpyxl's
    `max_row`: without a <dimension> it parses the whole sheet to find one — a fifth of the
    check's time.)"""
    count, tail = 0, b""
    with worksheet._get_source() as source:  # private, but the only door to the raw part
        head = source.read(_HEAD_BYTES)
        if found := _DIMENSION.search(head):
            return max(int(found.group(1)) - HEADER_ROW, 0)
        chunk = head
        while chunk:
            data = tail + chunk
            count += data.count(b"<row ")
            tail = data[-4:]  # shorter than the token: a split tag is counted once
            chunk = source.read(1 << 20)
    return max(count - HEADER_ROW, 0)


def _formula(value) -> cells.Formula:
    """A formula cell's text as `cells.Formula` (array and data-table formulas are objects in
    openpyxl: their text is kept)."""
    return cells.Formula(getattr(value, "text", None) or str(value))


_TEXT_TAG = f"{{{SHEET_MAIN_NS}}}t"
_FORMULA_TAG = f"{{{SHEET_MAIN_NS}}}f"
_SHEET_DATA_TAG = f"{{{SHEET_MAIN_NS}}}sheetData"
_XML_CHUNK = 1 << 16


class _CellParser(WorkSheetParser):
    """openpyxl's streaming sheet parser with a short road for the commonest cell of a file
    not written by Excel: plain text inline, `<c t="inlineStr"><is><t>…</t></is></c>`.
    openpyxl builds a rich-text object per such cell to read its text back (a third of the
    parsing time of an openpyxl or TDKT export). Rich text (runs), phonetic hints and
    formulas keep openpyxl's road. Rows only: nothing else of the sheet is read."""

    def parse(self):
        """(row number, cells) for each `<row>`, as openpyxl's `parse` yields them, each row
        element then removed from `<sheetData>`. openpyxl clears a row's content but leaves the
        empty element in its parent until the part ends: ~80 bytes a row (78 MB at a million
        rows, tracemalloc), the parser's whole growth. Finding the parent takes "start"
        events, a Python step per element; once `<sheetData>` has started, the parser is
        switched to "end" events only, through XMLPullParser's internal `_setevents` (what its
        constructor calls). Rows then die young; the check runs under `gc.freeze` (see
        `imports.domain.engine`), or their brief lives set off a full collection every few
        hundred rows."""
        pull = XMLPullParser(events=("start", "end"))
        data = None
        while chunk := self.source.read(_XML_CHUNK):
            pull.feed(chunk)
            for event, element in pull.read_events():
                if event == "end":
                    if element.tag == ROW_TAG:
                        row = self.parse_row(element)
                        self._drop(data, element)
                        yield row
                elif data is None and element.tag == _SHEET_DATA_TAG:
                    data = element
                    pull._parser._setevents(pull._events_queue, ("end",))
        pull.close()

    @staticmethod
    def _drop(data, element) -> None:
        """Remove a read row from `<sheetData>`: it is the first child, those before it being
        gone already. A row outside `<sheetData>` (not SpreadsheetML) is only cleared."""
        if data is not None and len(data) and data[0] is element:
            del data[0]
        else:
            element.clear()

    def parse_cell(self, element):
        if element.get("t") == "inlineStr" and element.find(_FORMULA_TAG) is None:
            inline = element.find(INLINE_STRING)
            if inline is not None and len(inline) == 1 and inline[0].tag == _TEXT_TAG:
                return self._inline_text(element, inline[0].text or "")
        return super().parse_cell(element)

    def _inline_text(self, element, text: str) -> dict:
        """What `parse_cell` returns for the cell: place as openpyxl finds it (an element
        without `r` is the next column of the row)."""
        coordinate = element.get("r")
        if coordinate:
            row, column = coordinate_to_tuple(coordinate)
            self.col_counter = column
        else:
            self.col_counter += 1
            row, column = self.row_counter, self.col_counter
        style_id = int(element.get("s", 0))
        return {"row": row, "column": column, "value": text, "data_type": "s",
                "style_id": style_id}


def _parsed_rows(worksheet) -> Iterator[tuple[list, bool]]:
    """Every row of the sheet from row 1 as (values by column, whether one is a formula); a
    row missing from the XML is ([], False). Straight from openpyxl's streaming parser.

    This is what `iter_rows()` does underneath, less its per-cell ReadOnlyCell objects and
    row padding (a quarter of the reading time). It ignores the sheet's `<dimension>`: rows
    and columns beyond it are read (a file announcing A1:K2 and holding more would lose them).
    Formula cells come as `cells.Formula` (data_only=False), never as a cached value."""
    workbook = worksheet.parent
    with worksheet._get_source() as source:  # private, but the only door to the raw part
        parser = _CellParser(
            source, worksheet._shared_strings, data_only=False, epoch=workbook.epoch,
            date_formats=workbook._date_formats, timedelta_formats=workbook._timedelta_formats)
        expected = 1
        for number, found in parser.parse():
            for _missing in range(expected, number):
                yield [], False
            expected = number + 1
            values = [None] * max((cell["column"] for cell in found), default=0)
            formula = False
            for cell in found:
                value = cell["value"]
                if cell["data_type"] == "f":
                    value, formula = _formula(value), True
                values[cell["column"] - 1] = value
            yield values, formula


class Sheet:
    """The first worksheet of a workbook with its header matched to the importer's columns."""

    def __init__(self, worksheet, columns: tuple[Column, ...]):
        self.estimated_rows = _estimate_rows(worksheet)
        self._rows = _parsed_rows(worksheet)
        self.positions = match_header(next(self._rows, (None,))[0], columns)

    def rows(self) -> Iterator[Row]:
        """Data rows with their Excel row number; fully blank rows are skipped."""
        for number, (values, has_formula) in enumerate(self._rows, start=HEADER_ROW + 1):
            if all(cells.is_blank(v) for v in values):
                continue
            width = len(values)
            yield Row(number, {key: values[i] if i < width else None
                               for key, i in self.positions.items()},
                      has_formula=has_formula)

    def batches(self, size: int) -> Iterator[list[Row]]:
        batch: list[Row] = []
        for row in self.rows():
            batch.append(row)
            if len(batch) >= size:
                yield batch
                batch = []
        if batch:
            yield batch


# ---------------------------------------------------------------- CSV

CSV_EXTENSION = ".csv"
CSV_DELIMITERS = (",", ";")  # Excel writes ";" where the decimal separator is ","
CSV_PROBE_BYTES = 64 * 1024


def looks_like_csv(fileobj) -> bool:
    """Judge by content: UTF-8 text (a BOM allowed) without NUL bytes in its first 64 KiB. A
    multi-byte letter cut by the probe's end is not an error (incremental decoding)."""
    try:
        head = fileobj.read(CSV_PROBE_BYTES)
    finally:
        fileobj.seek(0)
    if not head or b"\x00" in head:
        return False
    try:
        codecs.getincrementaldecoder("utf-8-sig")().decode(head, final=False)
    except UnicodeDecodeError:
        return False
    return True


def sniff_delimiter(header_line: str) -> str:
    """The separator of the header row: whichever of "," and ";" it holds more of (Vietnamese
    headings contain neither)."""
    return max(CSV_DELIMITERS, key=header_line.count)


def _count_lines(path) -> int:
    count = 0
    with open(path, "rb") as raw:
        while chunk := raw.read(1 << 20):
            count += chunk.count(b"\n")
    return count


class CsvSheet(Sheet):
    """A CSV file read as a sheet: row numbers count records as a spreadsheet shows them
    (header = row 1), whatever line breaks quoted cells hold. Cells arrive as text, which the
    cell parsers accept as they accept text typed in Excel."""

    def __init__(self, handle, columns: tuple[Column, ...], path):
        first = handle.readline()
        handle.seek(0)
        self._rows = self._records(csv.reader(handle, delimiter=sniff_delimiter(first)))
        self.positions = match_header(next(self._rows, (None,))[0], columns)
        self.estimated_rows = max(_count_lines(path) - HEADER_ROW, 0)

    @staticmethod
    def _records(reader) -> Iterator[tuple[tuple, bool]]:
        """(values, False): text only, a CSV file holds no formula."""
        try:
            for record in reader:
                yield tuple(record), False
        except UnicodeDecodeError as error:
            raise UnreadableFile(str(error), _(
                "The CSV file is not UTF-8 text (after row %(row)s). Save it as “CSV UTF-8” "
                "and try again.") % {"row": reader.line_num}) from error
        except csv.Error as error:
            raise UnreadableFile(str(error), _(
                "The CSV file could not be read after row %(row)s: %(error)s") % {
                "row": reader.line_num, "error": error}) from error


@contextmanager
def open_sheet(path, columns: tuple[Column, ...]) -> Iterator[Sheet]:
    """Open the workbook (or the CSV file, by its stored extension) at `path` for streaming;
    raises UnreadableFile or HeaderError."""
    if str(path).endswith(CSV_EXTENSION):
        with open(path, encoding="utf-8-sig", newline="") as handle:
            yield CsvSheet(handle, columns, path)
        return
    try:
        with open(path, "rb") as handle:  # checked again: the worker trusts no stored file
            if zipfile.is_zipfile(handle):  # anything else is for openpyxl to call unreadable
                check_package(handle)
    except PackageRefused as refusal:
        raise UnreadableFile(str(refusal), refusal.message) from refusal
    try:
        workbook = _load(path)
    except Exception as error:  # see can_open
        raise UnreadableFile(str(error)) from error
    try:
        if not workbook.worksheets:
            raise UnreadableFile(_("The workbook has no sheet."))
        yield Sheet(workbook.worksheets[0], columns)
    finally:
        workbook.close()
