"""PDF of administrative documents, minutes and certificates: Django templates (HTML + CSS under
documents/templates/documents/pdf and documents/static/documents/pdf) rendered by WeasyPrint.

Fonts are the vendored Liberation Serif (metric twin of Times New Roman), loaded through
@font-face, so output does not depend on the server's installed fonts. Resources are fetched
only from this app's static folder or data: URIs (QR codes): user-supplied text is escaped by
the templates, and the fetcher refuses anything else, so a document can never make the server
read another file or a URL.
"""

import base64
import io
from collections.abc import Iterable
from functools import cache
from pathlib import Path

import pypdf
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


def _render(template: str, context: dict, css: str, fonts: FontConfiguration):
    html = DocumentHTML(string=render_to_string(template, context), base_url=BASE_URL,
                        url_fetcher=LocalFetcher())
    sheets = [CSS(string=_stylesheet_text(name), base_url=BASE_URL, font_config=fonts,
                  url_fetcher=LocalFetcher()) for name in ("fonts.css", css)]
    sheets.append(CSS(string=WIDTH_CLASSES))
    return html.render(font_config=fonts, stylesheets=sheets)


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


def table_context(table: AnnexTable) -> dict:
    widths = [max(1, round(f * 100)) for f in table.column_widths()]
    aligns = [table.column_align(i) for i in range(len(table.columns))]
    rows = [list(zip(row, aligns, strict=False)) for row in table.rows]
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


def document_pdf(doc: AdministrativeDocument, *, workers: int | None = None) -> bytes:
    """The PDF twin of `document_docx`: same texts, same layout rules. `workers`: processes
    that write the pages (default one per CPU; 1 writes in this process)."""
    fonts = FontConfiguration()
    context = {**_common_context(), "doc": doc, "head": _letterhead_context(doc.letterhead),
               "summary_lines": lines(doc.summary), "addressees": doc.addressees,
               "blocks": body_blocks(doc.articles),
               "signer": _signer(doc.signature.heading_lines, doc.signature.name)}
    rendered = [_render("documents/pdf/document.html", context, "document.css", fonts)]
    rendered += [_render_annex(annex, fonts) for annex in doc.annexes]
    return _join(rendered, workers)


def _render_annex(annex: Annex, fonts: FontConfiguration):
    context = {"annex": annex, "title_lines": lines(annex.title),
               "tables": [table_context(t) for t in annex.tables]}
    return _render("documents/pdf/annex.html", context, "document.css", fonts)


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
    writer = pypdf.PdfWriter()
    for data in parts:
        writer.append(pypdf.PdfReader(io.BytesIO(data)))
    first = pypdf.PdfReader(io.BytesIO(parts[0]))
    if first.metadata:
        writer.add_metadata(dict(first.metadata))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
