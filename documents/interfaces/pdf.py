"""PDF of administrative documents, minutes and certificates: Django templates (HTML + CSS under
documents/templates/documents/pdf and documents/static/documents/pdf) rendered by WeasyPrint.

Fonts are the vendored Liberation Serif (metric twin of Times New Roman), loaded through
@font-face, so output does not depend on the server's installed fonts. Resources are fetched
only from this app's static folder or data: URIs (QR codes): user-supplied text is escaped by
the templates, and the fetcher refuses anything else, so a document can never make the server
read another file or a URL.
"""

import base64
from collections.abc import Iterable
from functools import cache
from pathlib import Path

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


def _join(documents) -> bytes:
    """Append the pages of the later documents to the first: each annex keeps its own page
    numbering (Decree 30 Appx I.I) because it was laid out as its own document."""
    first = documents[0]
    pages = [page for doc in documents for page in doc.pages]
    return first.copy(pages).write_pdf()


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


def document_pdf(doc: AdministrativeDocument) -> bytes:
    """The PDF twin of `document_docx`: same texts, same layout rules."""
    fonts = FontConfiguration()
    context = {**_common_context(), "doc": doc, "head": _letterhead_context(doc.letterhead),
               "summary_lines": lines(doc.summary), "addressees": doc.addressees,
               "blocks": body_blocks(doc.articles),
               "signer": _signer(doc.signature.heading_lines, doc.signature.name)}
    rendered = [_render("documents/pdf/document.html", context, "document.css", fonts)]
    rendered += [_render_annex(annex, fonts) for annex in doc.annexes]
    return _join(rendered)


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


def certificates_pdf(certs: Iterable[Certificate]) -> bytes:
    """Many certificates in one PDF, one A4-landscape page each, for bulk printing."""
    items = [{"cert": c, "qr": _data_uri(qr_png(c.verify_url)),
              "authority_lines": lines(c.authority_title),
              "signer_lines": lines(c.signer_title)} for c in certs]
    if not items:
        raise ValueError("certificates_pdf needs at least one certificate")
    fonts = FontConfiguration()
    context = {"certificates": items, "title": items[0]["cert"].award_name}
    return _join([_render("documents/pdf/certificates.html", context, "certificate.css",
                          fonts)])
