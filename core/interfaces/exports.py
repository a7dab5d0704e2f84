"""Streamed list exports (CSV and .xlsx): every "list + filters + export" page, and the export
jobs, write their rows through these functions.

CSV rows are produced one by one into a StreamingHttpResponse. An .xlsx file is a zip whose
directory is written last, so it cannot be sent before it is finished: the workbook is written
row by row in openpyxl's write-only mode to a temporary file (flat memory), then streamed from
disk by FileResponse (a StreamingHttpResponse). Every cell passes through `core.spreadsheet`, so
no text an export writes can run as a formula."""

import csv
import tempfile
from collections.abc import Iterable

from django.http import FileResponse, StreamingHttpResponse
from openpyxl import Workbook

from core.spreadsheet import csv_row, xlsx_row

# Rows fetched from the database at a time by the exporters (values_list().iterator()).
CHUNK = 2000
LIST_FORMATS = ("xlsx", "csv")


def requested_format(request) -> str | None:
    """The list export a page was asked for (`?export=xlsx|csv`), or None for the page."""
    kind = request.GET.get("export")
    return kind if kind in LIST_FORMATS else None


def choice_labels(choices) -> dict[str, str]:
    """value → label of a TextChoices, translated now: an export's rows are produced after the
    view has returned, outside the request's language."""
    return {value: str(label) for value, label in choices.choices}


class _Echo:
    """A file-like object whose write returns the line (csv.writer into a generator)."""

    def write(self, value):
        return value


def write_csv(out, header: list, rows: Iterable) -> Iterable:
    """The CSV lines of `header` and `rows` written to `out` (a file, or `_Echo` for a
    generator), every text cell neutralised (`core.spreadsheet`: no formula survives)."""
    writer = csv.writer(out)
    yield writer.writerow(csv_row(header))
    for row in rows:
        yield writer.writerow(csv_row(row))


def csv_response(header: list, rows: Iterable, filename: str) -> StreamingHttpResponse:
    def lines():
        yield "\ufeff"  # BOM: Excel opens UTF-8 Vietnamese text correctly
        yield from write_csv(_Echo(), header, rows)

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


# Rows per worksheet in the .xlsx format (ECMA-376; Excel refuses a sheet with more).
XLSX_MAX_ROWS = 1_048_576


def write_sheets(workbook: Workbook, title: str, header: list, rows: Iterable, *,
                 preamble: Iterable[list] = (), max_rows: int = XLSX_MAX_ROWS) -> int:
    """Append `preamble` lines, `header` and `rows` to a write-only `workbook`. A full sheet
    continues on a new one, "title (2)", "title (3)"…, with the preamble and header repeated:
    a ledger of a million records must still open in Excel. Returns the number of sheets.
    Every cell passes through `core.spreadsheet.xlsx_row`: text that would be a formula is
    written as text (quote-prefixed), however the user typed it."""
    preamble = [xlsx_row(line) for line in preamble]
    header = xlsx_row(header)
    sheets, used, sheet = 0, max_rows, None
    for row in rows:
        if used >= max_rows:
            sheets += 1
            name = title[:31] if sheets == 1 else f"{title[:24]} ({sheets})"
            sheet = workbook.create_sheet(title=name)
            for line in (*preamble, header):
                sheet.append(line)
            used = len(preamble) + 1
        sheet.append(xlsx_row(row))
        used += 1
    if sheet is None:  # no rows: the header alone
        sheet = workbook.create_sheet(title=title[:31])
        for line in (*preamble, header):
            sheet.append(line)
        sheets = 1
    return sheets


def xlsx_response(header: list, rows: Iterable, filename: str, sheet: str) -> FileResponse:
    workbook = Workbook(write_only=True)
    write_sheets(workbook, sheet, header, rows)
    handle = tempfile.TemporaryFile()  # noqa: SIM115 — FileResponse closes it when sent
    workbook.save(handle)
    handle.seek(0)
    return FileResponse(handle, as_attachment=True, filename=f"{filename}.xlsx")


def export(kind: str, header: list, rows: Iterable, filename: str, sheet: str):
    if kind == "csv":
        return csv_response(header, rows, filename)
    return xlsx_response(header, rows, filename, sheet)
