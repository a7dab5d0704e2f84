"""DOCX of administrative documents, minutes and achievement reports (Decree 30/2020 layout).

Pure: a frozen dataclass in, bytes out.
"""

from docx.shared import Mm

from documents.domain.model import (
    ADDRESSEES_LABEL,
    AchievementReport,
    AdministrativeDocument,
    Annex,
    AnnexTable,
    Article,
    Heading,
    Minutes,
    lines,
)
from documents.domain.texts import (
    CONFIRMATION,
    minutes_closing,
    minutes_preamble,
    report_sections,
    report_signers,
    report_title_lines,
)
from documents.interfaces.docx_base import (
    TEXT_WIDTH_MM,
    add_draft_mark,
    add_grid_table,
    add_letterhead,
    add_page_break_section,
    add_paragraph,
    add_run,
    add_signature_block,
    add_signer,
    add_title,
    borderless_table,
    new_document,
    tidy_cells,
    to_bytes,
)


def document_docx(doc: AdministrativeDocument) -> bytes:
    """A decision, submission letter, report or plan as DOCX (Mẫu 1.2 / 1.4 of Decree 30)."""
    out = new_document()
    if doc.draft:
        add_draft_mark(out)
    add_letterhead(out, doc.letterhead)
    add_title(out, doc.type_name, lines(doc.summary))
    add_addressees(out, doc.addressees)
    if doc.authority_line:
        add_paragraph(out, doc.authority_line, align="center", bold=True, before=6, after=6)
    for line in doc.bases + doc.proposal_lines:
        add_paragraph(out, line, italic=True, indent=True)
    if doc.body_heading:
        add_paragraph(out, doc.body_heading, align="center", bold=True, before=6)
    add_body(out, doc.articles)
    add_signature_block(out, doc.recipients, doc.signature)
    for annex in doc.annexes:
        add_annex(out, annex)
    return to_bytes(out)


def add_addressees(out, addressees: tuple[str, ...]) -> None:
    """Box 9a: one addressee on the "Kính gửi:" line, several as "- …;" lines under it."""
    if not addressees:
        return
    if len(addressees) == 1:
        add_paragraph(out, f"{ADDRESSEES_LABEL} {addressees[0]}", align="center", before=6)
        return
    add_paragraph(out, ADDRESSEES_LABEL, align="center", before=6, after=0)
    for line in addressees:
        paragraph = add_paragraph(out, line, align="left", after=0)
        paragraph.paragraph_format.left_indent = Mm(55)
    add_paragraph(out, "", after=0)


def add_body(out, items) -> None:
    for item in items:
        if isinstance(item, Article):
            _add_article(out, item)
        elif isinstance(item, Heading):
            add_paragraph(out, item.text, bold=True, indent=True, keep_next=True)
        else:
            add_paragraph(out, item, indent=True)


def _add_article(out, article: Article) -> None:
    """`Điều 1.` bold at body size, then its first paragraph in the same line (Decree 30)."""
    paragraph = add_paragraph(out, indent=True)
    add_run(paragraph, article.label, bold=True)
    if article.paragraphs:
        add_run(paragraph, " " + article.paragraphs[0])
    for text in article.paragraphs[1:]:
        add_paragraph(out, text, indent=True)


def add_annex(out, annex: Annex) -> None:
    """A new section (own page numbering): label, CAPS title, italic "(Kèm theo …)", tables."""
    add_page_break_section(out)
    if annex.label:
        add_paragraph(out, annex.label, align="center", bold=True, after=0)
    for line in lines(annex.title):
        add_paragraph(out, line, align="center", bold=True, after=0)
    add_paragraph(out, annex.subtitle, align="center", italic=True, after=12)
    for table in annex.tables:
        add_table_with_heading(out, table)


def add_table_with_heading(out, table: AnnexTable) -> None:
    if table.heading:
        add_paragraph(out, table.heading, align="left", bold=True, before=6, keep_next=True)
    add_grid_table(out, table)


def minutes_docx(m: Minutes) -> bytes:
    """Minutes per Decree 30 Appx III, Mẫu 1.9 (+ the council's ballot table)."""
    out = new_document()
    if m.draft:
        add_draft_mark(out)
    add_letterhead(out, m.letterhead)
    add_title(out, m.title, lines(m.meeting_name))
    for text in minutes_preamble(m):
        add_paragraph(out, text, indent=True)
    for text in m.paragraphs:
        add_paragraph(out, text, indent=True)
    if m.ballot_table is not None:
        add_table_with_heading(out, m.ballot_table)
    add_paragraph(out, minutes_closing(m), indent=True, before=6)
    table = borderless_table(out, (TEXT_WIDTH_MM / 2, TEXT_WIDTH_MM / 2))
    left, right = table.rows[0].cells
    add_signer(left, ("THƯ KÝ",), m.signatures[0])
    add_signer(right, ("CHỦ TỌA",), m.signatures[1])
    tidy_cells(table)
    return to_bytes(out)


def achievement_report_docx(r: AchievementReport) -> bytes:
    """Báo cáo thành tích of an individual or a collective (Decree 152/2025 forms)."""
    out = new_document()
    add_letterhead(out, r.letterhead)
    title = report_title_lines(r)
    add_title(out, title[0], title[1:])
    for heading, items in report_sections(r):
        add_paragraph(out, heading, bold=True, indent=True, before=6, keep_next=True)
        for item in items:
            if isinstance(item, AnnexTable):
                add_grid_table(out, item)
            elif isinstance(item, tuple):
                add_paragraph(out, item[1], bold=True, indent=True, keep_next=True)
            else:
                add_paragraph(out, item, indent=True)
    add_paragraph(out, "", after=6)
    table = borderless_table(out, (TEXT_WIDTH_MM / 2, TEXT_WIDTH_MM / 2))
    for cell, signer in zip(table.rows[0].cells, report_signers(r), strict=True):
        if signer:
            add_signer(cell, *signer)
    tidy_cells(table)
    add_paragraph(out, CONFIRMATION[0], align="center", bold=True, before=18, after=0)
    add_paragraph(out, CONFIRMATION[1], align="center", italic=True)
    return to_bytes(out)
