"""A report form as an .xlsx workbook in the form's own row/column layout: header block,
title, merged multi-level column headers, the column-code row, bold total and group rows,
empty cells where a figure cannot apply (statistical-forms.md, "Excel")."""

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from core.spreadsheet import xlsx_value
from reports.domain.forms.layout import footer, header, titles
from reports.domain.forms.table import FormTable

FONT = "Times New Roman"
THIN = Side(style="thin")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)


def _put(ws, row: int, col: int, text, *, bold=False, italic=False, align="left", size=12):
    cell = ws.cell(row=row, column=col, value=xlsx_value(text))  # unit names are typed
    cell.font = Font(name=FONT, bold=bold, italic=italic, size=size)
    cell.alignment = Alignment(horizontal=align, vertical="center", wrap_text=align != "left")
    return cell


def _merge(ws, row: int, col: int, rowspan: int, colspan: int) -> None:
    if rowspan > 1 or colspan > 1:
        ws.merge_cells(start_row=row, start_column=col, end_row=row + rowspan - 1,
                       end_column=col + colspan - 1)


def _header_block(ws, table: FormTable, width: int) -> int:
    left, right = header(table)
    split = max(2, width // 2)
    for i, line in enumerate(left):
        _put(ws, 1 + i, 1, line.text, bold=line.bold, italic=line.italic)
        _merge(ws, 1 + i, 1, 1, split)
    for i, line in enumerate(right):
        _put(ws, 1 + i, split + 1, line.text, bold=line.bold, italic=line.italic,
             align="center")
        _merge(ws, 1 + i, split + 1, 1, width - split)
    row = max(len(left), len(right)) + 2
    for line in titles(table):
        _put(ws, row, 1, line.text, bold=line.bold, italic=line.italic, align="center",
             size=13)
        _merge(ws, row, 1, 1, width)
        row += 1
    if table.measure:
        _put(ws, row, 1, table.measure, italic=True, align="right")
        _merge(ws, row, 1, 1, width)
        row += 1
    return row + 1


def _grid(ws, cells, top: int, *, bold: bool, italic: bool = False) -> None:
    for c in cells:
        cell = _put(ws, top + c.row, 1 + c.col, c.text, bold=bold, italic=italic,
                    align="center", size=11)
        for r in range(c.rowspan):
            for k in range(c.colspan):
                ws.cell(row=top + c.row + r, column=1 + c.col + k).border = BOX
        cell.border = BOX
        _merge(ws, top + c.row, 1 + c.col, c.rowspan, c.colspan)


def _body(ws, table: FormTable, top: int) -> int:
    lead = len(table.lead)
    for i, row in enumerate(table.rows):
        r = top + i
        for j, text in enumerate(table.lead_values(row)):
            cell = _put(ws, r, 1 + j, text, bold=row.bold, size=11,
                        align="left" if j == 0 else "center")
            cell.border = BOX
        for j, value in enumerate(row.values):
            cell = _put(ws, r, 1 + lead + j, value, bold=row.bold, align="right", size=11)
            cell.border = BOX
    return top + len(table.rows)


def _footer(ws, top: int, width: int) -> None:
    left, right = footer()
    split = max(2, width // 2)
    for i, line in enumerate(left):
        _put(ws, top + 1 + i, 1, line.text, bold=line.bold, italic=line.italic,
             align="center")
        _merge(ws, top + 1 + i, 1, 1, split)
    for i, line in enumerate(right):
        _put(ws, top + i, split + 1, line.text, bold=line.bold, italic=line.italic,
             align="center")
        _merge(ws, top + i, split + 1, 1, width - split)


def form_workbook(table: FormTable) -> bytes:
    workbook = Workbook()
    ws = workbook.active
    ws.title = (table.number or table.code)[:31].replace("/", "-")
    width = table.width
    top = _header_block(ws, table, width)
    _grid(ws, table.header_cells(), top, bold=True)
    codes_row = top + table.depth
    _grid(ws, table.code_cells(), codes_row, bold=False, italic=True)
    end = _body(ws, table, codes_row + 1)
    for note in table.notes:
        end += 1
        _put(ws, end, 1, note, italic=True, size=10)
    _footer(ws, end + 2, width)
    ws.column_dimensions["A"].width = 48
    for col in range(2, width + 1):
        ws.column_dimensions[get_column_letter(col)].width = 12
    ws.freeze_panes = ws.cell(row=codes_row + 1, column=len(table.lead) + 1)
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
