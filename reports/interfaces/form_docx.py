"""A report form as a Word document: A4 landscape (a wide table that is the document itself,
Decree 30/2020 Appx I.I allows landscape for tables), Times New Roman, the form's header, a
bordered grid with merged header cells, and the signature footer."""

from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.shared import Mm, Pt

from documents.interfaces.docx_base import (
    add_paragraph,
    add_run,
    borderless_table,
    new_document,
    tidy_cells,
    to_bytes,
)
from reports.domain.forms.layout import footer, header, titles
from reports.domain.forms.table import FormTable

PAGE_W, PAGE_H = 297, 210
MARGIN = 15
TEXT_W = PAGE_W - 2 * MARGIN
GRID_PT = 9
HEAD_PT = 12


def _landscape(doc) -> None:
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(PAGE_W), Mm(PAGE_H)
    section.left_margin = section.right_margin = Mm(MARGIN)
    section.top_margin = section.bottom_margin = Mm(MARGIN)


def _two_columns(doc, left, right) -> None:
    table = borderless_table(doc, (TEXT_W / 2, TEXT_W / 2))
    cell_l, cell_r = table.rows[0].cells
    for line in left:
        add_paragraph(cell_l, line.text, align="left", size=HEAD_PT, bold=line.bold,
                      italic=line.italic, after=0)
    for line in right:
        add_paragraph(cell_r, line.text, align="center", size=HEAD_PT, bold=line.bold,
                      italic=line.italic, after=0)
    tidy_cells(table)


def _write(cell, text, *, bold=False, italic=False, align="center") -> None:
    paragraph = cell.paragraphs[0]
    paragraph.alignment = {"center": 1, "left": 0, "right": 2}[align]
    paragraph.paragraph_format.space_after = Pt(0)
    if text not in (None, ""):
        add_run(paragraph, str(text), size=GRID_PT, bold=bold, italic=italic)


def _grid(doc, table: FormTable) -> None:
    depth = table.depth
    grid = doc.add_table(rows=depth + 1 + len(table.rows), cols=table.width)
    grid.style = "Table Grid"
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    for offset, cells, italic in ((0, table.header_cells(), False),
                                  (depth, table.code_cells(), True)):
        for c in cells:
            first = grid.cell(offset + c.row, c.col)
            last = grid.cell(offset + c.row + c.rowspan - 1, c.col + c.colspan - 1)
            merged = first.merge(last) if first is not last else first
            _write(merged, c.text, bold=not italic, italic=italic)
    for i, row in enumerate(table.rows):
        cells = grid.rows[depth + 1 + i].cells
        values = [*table.lead_values(row), *row.values]
        for j, value in enumerate(values):
            _write(cells[j], value, bold=row.bold, align="left" if j == 0 else (
                "center" if j < len(table.lead) else "right"))


def form_document(table: FormTable) -> bytes:
    doc = new_document()
    _landscape(doc)
    _two_columns(doc, *header(table))
    for line in titles(table):
        add_paragraph(doc, line.text, align="center", bold=line.bold, italic=line.italic,
                      size=13, after=0, before=6 if line.bold else 0)
    if table.measure:
        add_paragraph(doc, table.measure, align="right", italic=True, size=HEAD_PT, after=0)
    _grid(doc, table)
    for note in table.notes:
        add_paragraph(doc, note, align="left", italic=True, size=10, after=0, before=4)
    add_paragraph(doc, "", after=0)
    _two_columns(doc, *footer())
    return to_bytes(doc)
