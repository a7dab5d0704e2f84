"""PDF of administrative documents, minutes and certificates: Django templates (HTML + CSS under
documents/templates/documents/pdf and documents/static/documents/pdf) rendered by WeasyPrint.

Fonts are the vendored Liberation Serif (metric twin of Times New Roman), loaded through
@font-face, so output does not depend on the server's installed fonts. Resources are fetched
only from this app's static folder or data: URIs (QR codes): user-supplied text is escaped by
the templates, and the fetcher refuses anything else, so a document can never make the server
read another file or a URL.
"""

import base64
import dataclasses
import io
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from functools import cache
from pathlib import Path

import cssselect2
import pypdf
import tinyhtml5
from django.template.loader import render_to_string
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher

from documents.domain.model import (
    ADDRESSEES_LABEL,
    DRAFT_MARK,
    NATIONAL_MOTTO,
    NATIONAL_NAME,
    RECIPIENTS_LABEL,
    AdministrativeDocument,
    Annex,
    AnnexTable,
    Article,
    Certificate,
    Heading,
    Letterhead,
    Minutes,
    lines,
)
from documents.domain.qr import qr_png
from documents.domain.texts import minutes_closing, minutes_preamble
from documents.interfaces.parallel import cpu_count, map_parts, split_evenly

STATIC = Path(__file__).resolve().parent.parent / "static" / "documents"
BASE_URL = (STATIC / "pdf" / "").as_uri() + "/"


class LocalFetcher(URLFetcher):
    """Only this app's static files and data: URIs."""

    def __init__(self):
        super().__init__(allowed_protocols={"file", "data"}, fail_on_errors=True)

    def fetch(self, url, headers=None):
        if url.startswith("file:") and not url.startswith(STATIC.as_uri() + "/"):
            raise ValueError(f"refused: {url}")
        return super().fetch(url, headers)


# Column widths as classes (col.w-25 = 25 %): the templates stay free of inline styles.
WIDTH_CLASSES = "\n".join(f"col.w-{n} {{ width: {n}%; }}" for n in range(1, 101))


@cache
def _stylesheet_text(name: str) -> str:
    return (STATIC / "pdf" / name).read_text(encoding="utf-8")


@cache
def _user_agent_stylesheet() -> CSS:
    # Parsed once per process and shared, as WeasyPrint shares its own UA stylesheet.
    return CSS(string=_stylesheet_text("ua.css"))


class DocumentHTML(HTML):
    """Our templates under the reduced user-agent stylesheet (ua.css says why)."""

    def _ua_stylesheets(self, forms=False):
        return [_user_agent_stylesheet()]


class TreeHTML(DocumentHTML):
    """A document given as an element tree instead of a string: what `HTML.__init__` keeps
    after parsing (WeasyPrint 70), set directly. A long annex's rows are appended to the
    parsed page as elements: rendering them through the template and parsing them back with
    the pure-Python HTML parser cost a sixth of the annex's layout."""

    def __init__(self, root: ET.Element):
        self.base_url = BASE_URL
        self.url_fetcher = LocalFetcher()
        self.media_type = "print"
        self.wrapper_element = cssselect2.ElementWrapper.from_html_root(
            root, content_language=None)
        self.etree_element = self.wrapper_element.etree_element


def _stylesheets(css: str, fonts: FontConfiguration, extra: str = "") -> list[CSS]:
    sheets = [CSS(string=_stylesheet_text(name), base_url=BASE_URL, font_config=fonts,
                  url_fetcher=LocalFetcher()) for name in ("fonts.css", css)]
    sheets.append(CSS(string=WIDTH_CLASSES + extra))
    return sheets


def _render(template: str, context: dict, css: str, fonts: FontConfiguration):
    html = DocumentHTML(string=render_to_string(template, context), base_url=BASE_URL,
                        url_fetcher=LocalFetcher())
    return html.render(font_config=fonts, stylesheets=_stylesheets(css, fonts))


# Laid-out documents that forked workers write a slice of, by a key unique to one call (two
# request threads may render at once). Set before the fork, removed after: a worker inherits it.
_LAID_OUT: dict[int, object] = {}
# Pages per worker below which writing in one process is quicker than forking.
PAGES_PER_PART_MIN = 8


def _join(documents, workers: int | None = None) -> bytes:
    """Append the pages of the later documents to the first: each annex keeps its own page
    numbering (Decree 30 Appx I.I) because it was laid out as its own document.

    Layout (pagination, page numbers, repeated table headers) is done once, here; painting and
    writing the pages, a quarter of a long annex's time, is shared among forked workers, each
    writing a slice of the laid-out pages, and the slices joined: the same pages, numbers and
    headers as one write."""
    first = documents[0]
    whole = first.copy([page for doc in documents for page in doc.pages])
    parts = min(workers or cpu_count(), len(whole.pages) // PAGES_PER_PART_MIN)
    if parts <= 1:
        return whole.write_pdf()
    key = id(whole)
    _LAID_OUT[key] = whole
    try:
        slices = split_evenly(range(len(whole.pages)), parts)
        return join_pdfs(map_parts(_write_pages, [(key, r.start, r.stop) for r in slices]))
    finally:
        del _LAID_OUT[key]


def _write_pages(part: tuple[int, int, int]) -> bytes:
    key, start, stop = part
    whole = _LAID_OUT[key]
    return whole.copy(whole.pages[start:stop]).write_pdf()


def _letterhead_context(head: Letterhead) -> dict:
    return {"parent_lines": lines(head.parent_body), "issuer_lines": lines(head.issuing_body),
            "number_line": head.number_line, "place_date_line": head.place_date_line}


def _common_context() -> dict:
    return {"national_name": NATIONAL_NAME, "national_motto": NATIONAL_MOTTO,
            "draft_mark": DRAFT_MARK, "recipients_label": RECIPIENTS_LABEL,
            "addressees_label": ADDRESSEES_LABEL}


def table_context(table: AnnexTable, *, with_rows: bool = True) -> dict:
    """`with_rows=False`: an empty body, for rows appended as elements (`_append_rows`)."""
    widths = [max(1, round(f * 100)) for f in table.column_widths()]
    aligns = [table.column_align(i) for i in range(len(table.columns))]
    rows = [list(zip(row, aligns, strict=False)) for row in table.rows] if with_rows else []
    return {"heading": table.heading, "columns": table.columns, "widths": widths,
            "rows": rows}


def body_blocks(items) -> list[dict]:
    blocks = []
    for item in items:
        if isinstance(item, Article):
            first = item.paragraphs[0] if item.paragraphs else ""
            blocks.append({"kind": "article", "label": item.label, "first": first,
                           "rest": item.paragraphs[1:]})
        elif isinstance(item, Heading):
            blocks.append({"kind": "heading", "text": item.text})
        elif isinstance(item, AnnexTable):
            blocks.append({"kind": "table", "table": table_context(item)})
        else:
            blocks.append({"kind": "text", "text": item})
    return blocks


def _signer(heading_lines, name: str, note: str = "") -> dict:
    return {"lines": heading_lines, "name": name, "note": note}


def _body_context(doc: AdministrativeDocument) -> dict:
    return {**_common_context(), "doc": doc, "head": _letterhead_context(doc.letterhead),
            "summary_lines": lines(doc.summary), "addressees": doc.addressees,
            "blocks": body_blocks(doc.articles),
            "signer": _signer(doc.signature.heading_lines, doc.signature.name)}


def document_pdf(doc: AdministrativeDocument, *, workers: int | None = None) -> bytes:
    """The PDF twin of `document_docx`: same texts, same layout rules. `workers`: processes
    (default one per CPU; 1 renders in this process).

    Short annexes: the decision and its annexes are laid out here and the pages written by
    the workers in slices. An annex longer than `ROWS_PER_PART` rows is laid out in parts,
    the parts (and the decision) spread over the workers and joined (`_document_in_parts`)."""
    parts = [annex_parts(annex) for annex in doc.annexes]
    if any(len(p) > 1 for p in parts):
        return _document_in_parts(doc, parts, workers)
    fonts = FontConfiguration()
    rendered = [_render("documents/pdf/document.html", _body_context(doc), "document.css", fonts)]
    rendered += [_render_annex_part(p[0], fonts) for p in parts]
    return _join(rendered, workers)


# An annex is laid out in parts of about this many rows. WeasyPrint lays out a document in one
# thread, and a 1,000-row table is ~3 s of it: parts are laid out side by side, one per CPU.
# Each part starts on a new page, so the page before a part's first row may end short of the
# bottom: fewer, larger parts mean fewer short pages; 250 rows (~10 pages) keep two CPUs busy
# to the end of a 1,000-row annex. The cut never depends on the number of workers: the same
# document gives the same pages on any machine.
ROWS_PER_PART = 250

# A part that is not the annex's only one is laid out without page numbers; the joined annex's
# pages are numbered afterwards (`_number_pages`), continuing across the parts.
NO_PAGE_NUMBERS = "@page { @top-center { content: none; } }"


@dataclasses.dataclass(frozen=True)
class AnnexPart:
    """Consecutive rows of an annex, laid out as one document. `annex.tables` hold only this
    part's rows; a table's heading is kept where its first row is. `first`: the part that
    carries the annex's label, title and subtitle. `alone`: the annex's only part, numbered by
    WeasyPrint itself."""

    annex: Annex
    first: bool
    alone: bool


def annex_parts(annex: Annex, rows_per_part: int = ROWS_PER_PART) -> list[AnnexPart]:
    """`annex` cut into parts of at most `rows_per_part` rows (as even as possible), across
    its tables, in order. Every row is in exactly one part; the row numbers (STT) are the
    rows' own text, so they continue across the parts."""
    total = sum(len(table.rows) for table in annex.tables)
    cuts = split_evenly(range(total), -(-total // rows_per_part)) if total else [range(0)]
    parts = []
    for index, cut in enumerate(cuts):
        last = index == len(cuts) - 1
        tables = tuple(_table_slice(table, offset, cut, last)
                       for table, offset in _with_offsets(annex.tables))
        parts.append(AnnexPart(dataclasses.replace(annex, tables=tuple(t for t in tables if t)),
                               first=index == 0, alone=len(cuts) == 1))
    return parts


def _with_offsets(tables: Sequence[AnnexTable]) -> list[tuple[AnnexTable, int]]:
    offsets, start = [], 0
    for table in tables:
        offsets.append((table, start))
        start += len(table.rows)
    return offsets


def _table_slice(table: AnnexTable, offset: int, cut: range, last: bool) -> AnnexTable | None:
    """The rows of `table` (its first row being row `offset` of the annex) inside `cut`, or
    None. A table with no rows goes with the part its place falls in."""
    start, stop = max(offset, cut.start), min(offset + len(table.rows), cut.stop)
    if not table.rows:
        keep = cut.start <= offset < cut.stop or (last and offset >= cut.start)
        return table if keep else None
    if start >= stop:
        return None
    heading = table.heading if start == offset else ""
    return dataclasses.replace(table, heading=heading,
                               rows=table.rows[start - offset:stop - offset])


def _render_annex_part(part: AnnexPart, fonts: FontConfiguration):
    annex = part.annex
    context = {"annex": annex, "first": part.first, "title_lines": lines(annex.title),
               "tables": [table_context(t, with_rows=False) for t in annex.tables]}
    root = tinyhtml5.parse(render_to_string("documents/pdf/annex.html", context),
                           namespace_html_elements=False)
    for tbody, table in zip(root.iter("tbody"), annex.tables, strict=True):
        _append_rows(tbody, table)
    sheets = _stylesheets("document.css", fonts, "" if part.alone else NO_PAGE_NUMBERS)
    return TreeHTML(root).render(font_config=fonts, stylesheets=sheets)


def _append_rows(tbody: ET.Element, table: AnnexTable) -> None:
    """The rows as `grid_table.html` writes them: one `td` per cell with its column's alignment
    class. Element text is never parsed as markup: user text cannot become HTML."""
    aligns = [{"class": table.column_align(i)} for i in range(len(table.columns))]
    for row in table.rows:
        tr = ET.SubElement(tbody, "tr")
        for cell, align in zip(row, aligns, strict=False):
            ET.SubElement(tr, "td", align).text = str(cell)


def _document_in_parts(doc: AdministrativeDocument, parts: list[list[AnnexPart]],
                       workers: int | None) -> bytes:
    """The decision and every annex part laid out and written by the workers, joined in
    order; the pages of each annex in several parts numbered as one document."""
    tasks = [doc] + [part for annex in parts for part in annex]
    pdfs = [pypdf.PdfReader(io.BytesIO(data))
            for data in map_parts(_render_task, tasks, workers=workers)]
    runs, page, index = [], len(pdfs[0].pages), 1
    for annex in parts:
        count = sum(len(pdf.pages) for pdf in pdfs[index:index + len(annex)])
        if len(annex) > 1:
            runs.append((page, count))
        page, index = page + count, index + len(annex)
    return _write_joined(pdfs, runs)


def _render_task(task: AdministrativeDocument | AnnexPart) -> bytes:
    fonts = FontConfiguration()
    if isinstance(task, AnnexPart):
        return _render_annex_part(task, fonts).write_pdf()
    return _render("documents/pdf/document.html", _body_context(task), "document.css",
                   fonts).write_pdf()


def _page_numbers(count: int) -> pypdf.PdfReader:
    """`count` empty pages of the annex's page style: numbered as WeasyPrint numbers an annex
    (none on the first, Decree 30 Appx I.I), same font, size and place."""
    html = DocumentHTML(string='<div class="blank-page"></div>' * count, base_url=BASE_URL,
                        url_fetcher=LocalFetcher())
    fonts = FontConfiguration()
    data = html.write_pdf(font_config=fonts, stylesheets=_stylesheets("document.css", fonts))
    return pypdf.PdfReader(io.BytesIO(data))


def _write_joined(pdfs: list[pypdf.PdfReader], runs: list[tuple[int, int]]) -> bytes:
    """The pages of `pdfs` in order, the first one's metadata, and page numbers laid over the
    pages of each run (first page index, page count) from its second page on."""
    writer = pypdf.PdfWriter()
    for pdf in pdfs:
        writer.append(pdf)
    for first, count in runs:
        numbers = _page_numbers(count)
        for offset in range(1, count):
            page = writer.pages[first + offset]
            page.merge_page(numbers.pages[offset])
            page.compress_content_streams()  # merging leaves the page's content uncompressed
    if pdfs[0].metadata:
        writer.add_metadata(dict(pdfs[0].metadata))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def minutes_pdf(m: Minutes) -> bytes:
    """The PDF twin of `minutes_docx` (Mẫu 1.9)."""
    fonts = FontConfiguration()
    items = tuple(m.paragraphs) + ((m.ballot_table,) if m.ballot_table else ())
    context = {**_common_context(), "m": m, "head": _letterhead_context(m.letterhead),
               "summary_lines": lines(m.meeting_name), "preamble": minutes_preamble(m),
               "blocks": body_blocks(items), "closing": minutes_closing(m),
               "secretary": _signer(("THƯ KÝ",), m.signatures[0]),
               "chair": _signer(("CHỦ TỌA",), m.signatures[1])}
    return _join([_render("documents/pdf/minutes.html", context, "document.css", fonts)])


def _data_uri(png: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


# Below this many certificates a second process costs more than it saves.
CERTIFICATES_PER_PART_MIN = 20


def certificates_pdf(certs: Iterable[Certificate], *, workers: int | None = None) -> bytes:
    """Many certificates in one PDF, one A4-landscape page each, for bulk printing.

    Each certificate is one page by design (a fixed-height frame), so the list is cut into one
    part per CPU, each part (its QR codes included: a quarter of the time) rendered in a worker
    process, and the parts' pages joined in order: the same pages as one render. `workers`:
    processes (default one per CPU; 1 renders in this process)."""
    certs = tuple(certs)
    if not certs:
        raise ValueError("certificates_pdf needs at least one certificate")
    workers = workers or cpu_count()
    parts = split_evenly(certs, min(workers, -(-len(certs) // CERTIFICATES_PER_PART_MIN)))
    return join_pdfs(map_parts(_certificates_part, parts))


def _certificates_part(certs: tuple[Certificate, ...]) -> bytes:
    items = [{"cert": c, "qr": _data_uri(qr_png(c.verify_url)),
              "authority_lines": lines(c.authority_title),
              "signer_lines": lines(c.signer_title)} for c in certs]
    fonts = FontConfiguration()
    context = {"certificates": items, "title": items[0]["cert"].award_name}
    return _render("documents/pdf/certificates.html", context, "certificate.css",
                   fonts).write_pdf()


def join_pdfs(parts: list[bytes]) -> bytes:
    """The pages of `parts`, in order, as one PDF with the first part's metadata (title).
    pypdf copies each part's fonts and images with its pages."""
    if len(parts) == 1:
        return parts[0]
    return _write_joined([pypdf.PdfReader(io.BytesIO(data)) for data in parts], [])
