"""The downloadable template of an importer: a data sheet with the header row and one example
row, and a "Hướng dẫn" (guide) sheet explaining each column and the allowed codes."""

import csv
import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from core.interfaces import cells
from core.interfaces.importers import Importer
from core.spreadsheet import csv_row, xlsx_row, xlsx_value

DATA_SHEET = "Dữ liệu"
GUIDE_SHEET = "Hướng dẫn"  # named in error messages, so fixed whatever the interface language
BOLD = Font(bold=True)
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_TYPE = "text/csv; charset=utf-8"


def _bold_row(sheet, values) -> list:
    cells = []
    for value in values:
        cell = WriteOnlyCell(sheet, value=xlsx_value(str(value)))
        cell.font = BOLD
        cells.append(cell)
    return cells


def _data_sheet(workbook: Workbook, importer: Importer) -> None:
    sheet = workbook.create_sheet(DATA_SHEET)
    sheet.freeze_panes = "A2"
    for index, column in enumerate(importer.columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = max(14, len(column.header) + 4)
    sheet.append(_bold_row(sheet, [c.header + (" *" if c.required else "")
                                   for c in importer.columns]))
    sheet.append(xlsx_row(importer.example_row()))


def _guide_sheet(workbook: Workbook, importer: Importer) -> None:
    sheet = workbook.create_sheet(GUIDE_SHEET)
    for letter, width in zip("ABC", (28, 14, 90), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.append(_bold_row(sheet, [importer.label]))
    sheet.append([_("Fill the first sheet from row 2 on, one row per record; keep the header "
                    "row. Columns marked * are required.")])
    sheet.append([])
    sheet.append(_bold_row(sheet, [_("Column"), _("Required"), _("Explanation")]))
    for column in importer.columns:
        sheet.append([column.header, _("yes") if column.required else "", str(column.help)])
    allowed = importer.allowed_values()
    if allowed:
        sheet.append([])
        sheet.append(_bold_row(sheet, [_("Column"), _("Value"), _("Meaning")]))
        for header, value, meaning in allowed:
            sheet.append(xlsx_row([header, str(value), str(meaning)]))  # names from the data


def template_workbook(importer: Importer) -> bytes:
    """The template as .xlsx bytes (write-only mode: built row by row)."""
    workbook = Workbook(write_only=True)
    _data_sheet(workbook, importer)
    _guide_sheet(workbook, importer)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def template_csv(importer: Importer) -> bytes:
    """The same template as CSV: UTF-8 with a BOM (so Excel shows Vietnamese correctly), the
    header row and the example row; the guide stays in the .xlsx template."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(csv_row(c.header + (" *" if c.required else "") for c in importer.columns))
    writer.writerow(csv_row(cells.display(value) for value in importer.example_row()))
    return ("\ufeff" + buffer.getvalue()).encode()
