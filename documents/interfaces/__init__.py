"""The renderers other apps call: a frozen dataclass from `documents.domain.model` in, bytes out.

    from documents.interfaces import document_docx, document_pdf, certificates_pdf, ...
"""

from documents.domain.qr import qr_png
from documents.interfaces.docx_documents import (
    achievement_report_docx,
    document_docx,
    minutes_docx,
)
from documents.interfaces.pdf import certificates_pdf, document_pdf, minutes_pdf

__all__ = ["achievement_report_docx", "certificates_pdf", "document_docx", "document_pdf",
           "minutes_docx", "minutes_pdf", "qr_png"]
