"""python-docx building blocks in Decree 30/2020 layout: page, fonts, header block, rules,
page numbers, signature/recipients block and fast tables.

Every run gets Times New Roman explicitly (all four rFonts slots: Word picks the East-Asian or
complex-script slot for some Vietnamese characters otherwise) and an explicit size, so what the
tests read back is what Word shows.
"""

import io
from xml.sax.saxutils import escape

from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Mm, Pt, RGBColor

from documents.domain.metrics import text_width_mm
from documents.domain.model import (
    DRAFT_MARK,
    NATIONAL_MOTTO,
    NATIONAL_NAME,
    RECIPIENTS_LABEL,
    AnnexTable,
    Letterhead,
    Signature,
    lines,
)

FONT = "Times New Roman"
# Decree 30 Appx I.I: A4; margins top/bottom 20–25, left 30–35, right 15–20 mm.
PAGE_WIDTH_MM, PAGE_HEIGHT_MM = 210, 297
MARGIN_TOP_MM = MARGIN_BOTTOM_MM = 20
MARGIN_LEFT_MM, MARGIN_RIGHT_MM = 30, 15
TEXT_WIDTH_MM = PAGE_WIDTH_MM - MARGIN_LEFT_MM - MARGIN_RIGHT_MM
# Sizes (pt) chosen inside Decree 30's ranges.
BODY_PT = 14
NATIONAL_NAME_PT = 12          # 12–13: at 13 pt bold it is 96 mm, too tight for the column
MOTTO_PT = 13                  # 13–14
BODY_NAME_PT = 13              # parent / issuing body, 12–13
NUMBER_PT = 13
RECIPIENTS_LABEL_PT = 12
RECIPIENTS_PT = 11
TABLE_PT = 13
FIRST_LINE_INDENT = Cm(1.27)   # 1 or 1.27 cm
PARAGRAPH_AFTER = Pt(6)        # at least 6 pt between paragraphs
HEADER_LEFT_MM = 66            # the issuing body's column; the rest is the Quốc hiệu's
SIGNATURE_LEFT_MM = 75         # recipients' column; the signature block takes the rest
CELL_MARGIN_MM = 1.9           # Word's default cell padding each side

ALIGN = {"left": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER,
         "right": WD_ALIGN_PARAGRAPH.RIGHT, "justify": WD_ALIGN_PARAGRAPH.JUSTIFY}
JC = {"left": "left", "center": "center", "right": "right", "justify": "both"}


def new_document():
    """An empty A4 portrait document with Decree 30 margins, Times New Roman 14 pt body and
    page numbers centred in the top margin from page 2 on."""
    doc = Document()
    _set_default_font(doc)
    section = doc.sections[0]
    _set_page(section)
    section.different_first_page_header_footer = True  # no number on page 1
    _page_number_header(section.header)
    return doc


def _set_page(section) -> None:
    section.page_width, section.page_height = Mm(PAGE_WIDTH_MM), Mm(PAGE_HEIGHT_MM)
    section.top_margin, section.bottom_margin = Mm(MARGIN_TOP_MM), Mm(MARGIN_BOTTOM_MM)
    section.left_margin, section.right_margin = Mm(MARGIN_LEFT_MM), Mm(MARGIN_RIGHT_MM)
    section.header_distance = Mm(10)


def _set_default_font(doc) -> None:
    style = doc.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(BODY_PT)
    _all_font_slots(style.element.get_or_add_rPr())
    fmt = style.paragraph_format
    fmt.space_before, fmt.space_after, fmt.line_spacing = Pt(0), PARAGRAPH_AFTER, 1.0


def _all_font_slots(rpr) -> None:
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for slot in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(slot), FONT)


def add_run(paragraph, text: str, *, size: float = BODY_PT, bold: bool = False,
            italic: bool = False, color: str | None = None):
    run = paragraph.add_run(text)
    run.font.name = FONT
    _all_font_slots(run._r.get_or_add_rPr())
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.italic = italic
    if color:
        run.font.color.rgb = RGBColor.from_string(color)
    for t in run._r.findall(qn("w:t")):
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")  # keep the blanks
    return run


def add_paragraph(container, text: str = "", *, align: str = "justify", size: float = BODY_PT,
                  bold: bool = False, italic: bool = False, indent: bool = False,
                  before: float = 0, after: float | None = None, keep_next: bool = False):
    """One paragraph of one run. `indent` = Decree 30's first-line indent."""
    paragraph = container.add_paragraph()
    fmt = paragraph.paragraph_format
    fmt.alignment = ALIGN[align]
    fmt.space_before = Pt(before)
    fmt.space_after = PARAGRAPH_AFTER if after is None else Pt(after)
    if indent:
        fmt.first_line_indent = FIRST_LINE_INDENT
    if keep_next:
        fmt.keep_with_next = True
    if text:
        add_run(paragraph, text, size=size, bold=bold, italic=italic)
    return paragraph


def add_rule(container, width_mm: float, available_mm: float) -> None:
    """A centred solid rule `width_mm` long: an empty 1-pt paragraph with a bottom border,
    narrowed by equal indents (Word has no "line as long as the text" otherwise)."""
    paragraph = add_paragraph(container, align="center", after=2)
    side = max((available_mm - width_mm) / 2, 0)
    paragraph.paragraph_format.left_indent = Mm(side)
    paragraph.paragraph_format.right_indent = Mm(side)
    ppr = paragraph._p.get_or_add_pPr()
    ppr.append(parse_xml(
        f'<w:pBdr {nsdecls("w")}><w:bottom w:val="single" w:sz="6" w:space="1" '
        'w:color="000000"/></w:pBdr>'))
    rpr = parse_xml(f'<w:rPr {nsdecls("w")}><w:sz w:val="2"/></w:rPr>')
    ppr.append(rpr)


def borderless_table(container, widths_mm: tuple[float, ...]):
    table = container.add_table(rows=1, cols=len(widths_mm))
    table.autofit = False
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, width in zip(table.rows[0].cells, widths_mm, strict=True):
        cell.width = Mm(width)
    return table


def tidy_cells(table) -> None:
    """New cells hold one empty paragraph; ours come after it, so drop it."""
    for cell in table._cells:
        paragraphs = cell.paragraphs
        if len(paragraphs) > 1 and not paragraphs[0].text and not paragraphs[0].runs:
            paragraphs[0]._p.getparent().remove(paragraphs[0]._p)


def add_draft_mark(doc) -> None:
    add_paragraph(doc, DRAFT_MARK, align="right", size=NUMBER_PT, bold=True, after=0)


def add_letterhead(doc, head: Letterhead) -> None:
    """Decree 30 Appx I.II: left = parent body (upright) / issuing body (bold, short rule) /
    Số; right = Quốc hiệu / Tiêu ngữ (rule as long as it) / place and date (italic)."""
    right_mm = TEXT_WIDTH_MM - HEADER_LEFT_MM
    table = borderless_table(doc, (HEADER_LEFT_MM, right_mm))
    left, right = table.rows[0].cells
    inner_left = HEADER_LEFT_MM - 2 * CELL_MARGIN_MM
    for line in lines(head.parent_body):
        add_paragraph(left, line, align="center", size=BODY_NAME_PT, after=0)
    issuer = lines(head.issuing_body)
    for line in issuer:
        add_paragraph(left, line, align="center", size=BODY_NAME_PT, bold=True, after=0)
    widest = max((text_width_mm(x, BODY_NAME_PT, bold=True) for x in issuer), default=30)
    add_rule(left, min(widest, inner_left) * 0.4, inner_left)  # 1/3–1/2 of the name
    if head.number_line:
        add_paragraph(left, head.number_line, align="center", size=NUMBER_PT, before=4, after=0)

    inner_right = right_mm - 2 * CELL_MARGIN_MM
    add_paragraph(right, NATIONAL_NAME, align="center", size=NATIONAL_NAME_PT, bold=True,
                  after=0)
    add_paragraph(right, NATIONAL_MOTTO, align="center", size=MOTTO_PT, bold=True, after=0)
    add_rule(right, text_width_mm(NATIONAL_MOTTO, MOTTO_PT, bold=True), inner_right)
    add_paragraph(right, head.place_date_line, align="center", size=BODY_PT, italic=True,
                  before=4, after=0)
    tidy_cells(table)


def add_title(doc, type_name: str, summary_lines: tuple[str, ...]) -> None:
    """Type name CAPS bold centred, summary bold with a short rule (Decree 30 box 5a/5b)."""
    add_paragraph(doc, type_name, align="center", bold=True, before=18, after=0, keep_next=True)
    for line in summary_lines:
        add_paragraph(doc, line, align="center", bold=True, after=0, keep_next=True)
    widest = max((text_width_mm(x, BODY_PT, bold=True) for x in summary_lines), default=60)
    add_rule(doc, min(widest, TEXT_WIDTH_MM) / 3, TEXT_WIDTH_MM)


def add_signature_block(doc, recipients: tuple[str, ...], signature: Signature) -> None:
    """Recipients left (Nơi nhận: 12 pt bold italic, entries 11 pt) level with the signature
    block right (CAPS bold lines, space to sign, the name bold) — Decree 30 boxes 7, 9b."""
    table = borderless_table(doc, (SIGNATURE_LEFT_MM, TEXT_WIDTH_MM - SIGNATURE_LEFT_MM))
    left, right = table.rows[0].cells
    if recipients:
        add_paragraph(left, RECIPIENTS_LABEL, align="left", size=RECIPIENTS_LABEL_PT, bold=True,
                      italic=True, after=0)
        for line in recipients:
            add_paragraph(left, line, align="left", size=RECIPIENTS_PT, after=0)
    add_signer(right, signature.heading_lines, signature.name)
    tidy_cells(table)
    _keep_row_together(table)


def add_signer(cell, heading_lines: tuple[str, ...], name: str, note: str = "") -> None:
    for line in heading_lines:
        add_paragraph(cell, line, align="center", bold=True, after=0)
    if note:
        add_paragraph(cell, note, align="center", italic=True, after=0)
    for _ in range(4):  # room for the signature and the seal
        add_paragraph(cell, "", align="center", after=0)
    add_paragraph(cell, name, align="center", bold=True, after=0)


def _keep_row_together(table) -> None:
    for row in table.rows:
        row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))


def add_page_break_section(doc):
    """A new section on a new page whose page numbers restart at 1 (annexes are numbered
    separately, Decree 30 Appx I.I); page 1 of the annex carries no number either."""
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    sect_pr = section._sectPr
    number_type = sect_pr.find(qn("w:pgNumType"))
    if number_type is None:
        number_type = OxmlElement("w:pgNumType")
        sect_pr.append(number_type)
    number_type.set(qn("w:start"), "1")
    return section


def _page_number_header(header) -> None:
    paragraph = header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = add_run(paragraph, "", size=BODY_PT)
    for xml in (f'<w:fldChar {nsdecls("w")} w:fldCharType="begin"/>',
                f'<w:instrText {nsdecls("w")} xml:space="preserve"> PAGE </w:instrText>',
                f'<w:fldChar {nsdecls("w")} w:fldCharType="separate"/>',
                f'<w:t {nsdecls("w")}>2</w:t>',
                f'<w:fldChar {nsdecls("w")} w:fldCharType="end"/>'):
        run._r.append(parse_xml(xml))


def add_grid_table(doc, table: AnnexTable, *, size: float = TABLE_PT) -> None:
    """A bordered table whose header row repeats on every page (w:tblHeader) and whose rows do
    not split across pages. Built as one XML string: python-docx's add_row/cells are quadratic
    and took most of the time for a 1,000-row annex."""
    widths = [round(f * TEXT_WIDTH_MM * 56.7) for f in table.column_widths()]  # twips
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    header = _row_xml(table.columns, widths, ["center"] * len(widths), size, bold=True,
                      header=True)
    aligns = [table.column_align(i) for i in range(len(widths))]
    body = "".join(_row_xml(row, widths, aligns, size) for row in table.rows)
    border = '<w:{0} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
    borders = "".join(border.format(side) for side in
                      ("top", "left", "bottom", "right", "insideH", "insideV"))
    xml = (f'<w:tbl {nsdecls("w")}><w:tblPr><w:tblW w:w="{sum(widths)}" w:type="dxa"/>'
           f'<w:jc w:val="center"/><w:tblBorders>{borders}</w:tblBorders>'
           '<w:tblLayout w:type="fixed"/></w:tblPr>'
           f'<w:tblGrid>{grid}</w:tblGrid>{header}{body}</w:tbl>')
    doc.element.body.sectPr.addprevious(parse_xml(xml))


def _row_xml(cells, widths, aligns, size, *, bold=False, header=False) -> str:
    tr_pr = "<w:trPr><w:cantSplit/>" + ("<w:tblHeader/>" if header else "") + "</w:trPr>"
    half_points = round(size * 2)
    fonts = (f'<w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:cs="{FONT}" '
             f'w:eastAsia="{FONT}"/>')
    weight = "<w:b/>" if bold else ""
    out = [f"<w:tr>{tr_pr}"]
    for text, width, align in zip(cells, widths, aligns, strict=False):
        out.append(
            f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/><w:vAlign w:val="center"/>'
            f'</w:tcPr><w:p><w:pPr><w:spacing w:before="20" w:after="20"/>'
            f'<w:jc w:val="{JC[align]}"/></w:pPr><w:r><w:rPr>{fonts}{weight}'
            f'<w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/></w:rPr>'
            f'<w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p></w:tc>')
    out.append("</w:tr>")
    return "".join(out)


def to_bytes(doc) -> bytes:
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
