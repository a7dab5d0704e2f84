"""Dossier files: judged by their content, stored privately, served only as downloads.

A file is accepted when its bytes are one of the kinds a dossier may hold (PDF, Word .docx,
Excel .xlsx, JPEG, PNG) AND its name's extension agrees — a PNG named .pdf, a macro-enabled
.docm renamed .docx, an encrypted or damaged archive, a "zip bomb" and anything else are
refused with a message naming the file. Stored files never keep the user's name on disk (it
could hold "../" or a name another upload would collide with): they live under
PRIVATE_MEDIA_ROOT/<folder>/<year>/<random>.<ext>, outside the web root, and are served by a
view that has checked permissions, through `private_download`.
"""

import re
import secrets
import unicodedata
import zipfile
from pathlib import Path, PurePosixPath
from urllib.parse import quote

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.http import FileResponse
from django.utils import timezone
from django.utils.translation import gettext as _

PDF, DOCX, XLSX, JPEG, PNG = "pdf", "docx", "xlsx", "jpeg", "png"
ALL_KINDS = (PDF, DOCX, XLSX, JPEG, PNG)
EXTENSIONS = {PDF: (".pdf",), DOCX: (".docx",), XLSX: (".xlsx",), JPEG: (".jpg", ".jpeg"),
              PNG: (".png",)}
STORED_EXTENSION = {PDF: "pdf", DOCX: "docx", XLSX: "xlsx", JPEG: "jpg", PNG: "png"}
CONTENT_TYPES = {
    PDF: "application/pdf",
    DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    JPEG: "image/jpeg",
    PNG: "image/png",
}
LABELS = {PDF: "PDF", DOCX: "Word (.docx)", XLSX: "Excel (.xlsx)", JPEG: "JPEG", PNG: "PNG"}

# Office Open XML: the main part named in [Content_Types].xml says what the package is.
_MAIN_PARTS = {
    "/word/document.xml": {
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml": DOCX},
    "/xl/workbook.xml": {
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml": XLSX},
}
_CONTENT_TYPES_PART = "[Content_Types].xml"
_MAX_CONTENT_TYPES_BYTES = 1024 * 1024
_MAX_ZIP_ENTRIES = 10_000
_OVERRIDE = re.compile(r"<(?:\w+:)?Override\b([^>]*)>")
_ATTRIBUTE = re.compile(r'(\w+)\s*=\s*"([^"]*)"')
_FOLDER = re.compile(r"^[a-z0-9_-]+(/[a-z0-9_-]+)*$")


class UploadRejected(ValueError):
    """The file may not be accepted; `message` (translated) says why and names the file."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def max_upload_bytes() -> int:
    return settings.TDKT_MAX_UPLOAD_MB * 1024 * 1024


def max_unpacked_bytes() -> int:
    """Ceiling on what a .docx/.xlsx declares it unpacks to. Python's zipfile never inflates
    a member beyond its declared size, so checking the declared sizes bounds the real work."""
    return settings.TDKT_MAX_UNPACKED_MB * 1024 * 1024


def _name_of(fileobj, name: str | None) -> str:
    return PurePosixPath((name or getattr(fileobj, "name", "") or "").replace("\\", "/")).name


def _size_of(fileobj) -> int:
    size = getattr(fileobj, "size", None)
    if size is None:
        fileobj.seek(0, 2)
        size = fileobj.tell()
    return size


def _office_kind(fileobj, name: str) -> str:
    """DOCX or XLSX for a genuine, macro-free, unencrypted package; UploadRejected else."""
    damaged = UploadRejected(_("“%(name)s” is a damaged or unreadable Word/Excel file.") % {
        "name": name})
    try:
        with zipfile.ZipFile(fileobj) as archive:
            entries = archive.infolist()
            if len(entries) > _MAX_ZIP_ENTRIES:
                raise damaged
            if any(info.flag_bits & 0x1 for info in entries):
                raise UploadRejected(_("“%(name)s” is password-protected; remove the password "
                                       "and upload it again.") % {"name": name})
            if sum(info.file_size for info in entries) > max_unpacked_bytes():
                raise UploadRejected(_("“%(name)s” unpacks to far more data than a real "
                                       "document holds; it is refused.") % {"name": name})
            names = {info.filename for info in entries}
            if _CONTENT_TYPES_PART not in names:
                raise damaged
            with archive.open(_CONTENT_TYPES_PART) as part:
                content_types = part.read(_MAX_CONTENT_TYPES_BYTES).decode("utf-8", "replace")
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, RuntimeError):
        raise damaged
    if any(n.lower().endswith("vbaproject.bin") for n in names) or (
            "macroenabled" in content_types.lower()):
        raise UploadRejected(_("“%(name)s” contains macros, which are not accepted; save it "
                               "as a plain .docx or .xlsx.") % {"name": name})
    for match in _OVERRIDE.finditer(content_types):
        attributes = dict(_ATTRIBUTE.findall(match.group(1)))
        part, content_type = attributes.get("PartName", ""), attributes.get("ContentType", "")
        kind = _MAIN_PARTS.get(part, {}).get(content_type)
        if kind and part.lstrip("/") in names:
            return kind
    raise UploadRejected(_("“%(name)s” is neither a Word .docx document nor an Excel .xlsx "
                           "workbook.") % {"name": name})


def _content_kind(fileobj, name: str) -> str:
    head = fileobj.read(8)
    if head.startswith(b"%PDF-"):
        fileobj.seek(0, 2)
        fileobj.seek(max(0, fileobj.tell() - 1024))
        if b"%%EOF" not in fileobj.read():
            raise UploadRejected(_("“%(name)s” is an incomplete PDF file (it was cut short); "
                                   "save or download it again.") % {"name": name})
        return PDF
    if head == b"\x89PNG\r\n\x1a\n":
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"PK\x03\x04"):
        fileobj.seek(0)
        return _office_kind(fileobj, name)
    raise UploadRejected(_("“%(name)s” is not a PDF, Word (.docx), Excel (.xlsx), JPEG or PNG "
                           "file.") % {"name": name})


def sniff(fileobj, *, name: str | None = None, kinds=ALL_KINDS) -> str:
    """The kind of the file ("pdf", "docx", "xlsx", "jpeg", "png"), judged by its content.

    Raises UploadRejected when the file is too large (settings.TDKT_MAX_UPLOAD_MB), empty, of
    an unaccepted kind (or not among `kinds`), or when its extension disagrees with its
    content. `name` defaults to the file object's name. The file is left at position 0.
    """
    name = _name_of(fileobj, name)
    size = _size_of(fileobj)
    if size > max_upload_bytes():
        raise UploadRejected(_("“%(name)s” is larger than the limit of %(limit)s MB.") % {
            "name": name, "limit": settings.TDKT_MAX_UPLOAD_MB})
    if size == 0:
        raise UploadRejected(_("“%(name)s” is empty.") % {"name": name})
    try:
        fileobj.seek(0)
        kind = _content_kind(fileobj, name)
    finally:
        fileobj.seek(0)
    if not name.lower().endswith(EXTENSIONS[kind]):
        raise UploadRejected(_("“%(name)s” is a %(kind)s file but its name does not end in "
                               "%(extension)s; rename it and upload it again.") % {
            "name": name, "kind": LABELS[kind], "extension": EXTENSIONS[kind][0]})
    if kind not in kinds:
        raise UploadRejected(_("“%(name)s”: %(kind)s files are not accepted here (accepted: "
                               "%(accepted)s).") % {
            "name": name, "kind": LABELS[kind],
            "accepted": ", ".join(LABELS[k] for k in kinds)})
    return kind


# ---------------------------------------------------------------- private storage

def _root() -> Path:
    return Path(settings.PRIVATE_MEDIA_ROOT).resolve()


def store_private(uploaded_file, folder: str) -> str:
    """Write an uploaded file (a Django File: UploadedFile, ContentFile) under
    PRIVATE_MEDIA_ROOT/<folder>/<yyyy>/<random>.<ext> and return that path relative to the
    root (what a model stores). The file is sniffed again (nothing unchecked reaches the disk)
    and the extension is the one its content implies. `folder` is chosen by code
    ("proposals/attachments"): lower-case words and slashes only."""
    if not _FOLDER.match(folder):
        raise SuspiciousFileOperation(f"Invalid private folder {folder!r}")
    kind = sniff(uploaded_file)
    relative = (f"{folder}/{timezone.localdate():%Y}/"
                f"{secrets.token_hex(16)}.{STORED_EXTENSION[kind]}")
    path = _root() / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("xb") as out:  # "x": never overwrite (a token collision would be a bug)
        for chunk in uploaded_file.chunks():
            out.write(chunk)
    uploaded_file.seek(0)
    return relative


def private_path(relative_path: str) -> Path:
    """The absolute path of a stored file; SuspiciousFileOperation if `relative_path` leaves
    PRIVATE_MEDIA_ROOT (absolute, "..", or through a symbolic link)."""
    root = _root()
    if not relative_path or PurePosixPath(relative_path).is_absolute() or "\\" in relative_path:
        raise SuspiciousFileOperation(f"Invalid private path {relative_path!r}")
    path = (root / relative_path).resolve()
    if not path.is_relative_to(root) or path == root:
        raise SuspiciousFileOperation(f"Private path {relative_path!r} leaves the root")
    return path


def open_private(relative_path: str):
    """Open a stored file for reading (binary). FileNotFoundError when it is gone."""
    return private_path(relative_path).open("rb")


def _ascii_fallback(name: str) -> str:
    decomposed = unicodedata.normalize("NFD", name.replace("đ", "d").replace("Đ", "D"))
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return re.sub(r'[^A-Za-z0-9._ ()-]', "_", plain) or "download"


def content_disposition(download_name: str) -> str:
    """`attachment` with an ASCII filename for old clients and RFC 5987 `filename*` (UTF-8)
    for the real Vietnamese name. Path separators and control characters are dropped."""
    name = re.sub(r"[\x00-\x1f\x7f/\\\"]", "", download_name).strip() or "download"
    return (f'attachment; filename="{_ascii_fallback(name)}"; '
            f"filename*=UTF-8''{quote(name, safe='')}")


def private_download(relative_path: str, download_name: str, content_type: str) -> FileResponse:
    """A download of a stored file. The caller has already checked that the user may read it.
    Headers: Content-Disposition attachment (never displayed inline: an uploaded file must
    not run in our origin), nosniff, and no caching by browsers or proxies (personal data)."""
    response = FileResponse(open_private(relative_path), content_type=content_type)
    response["Content-Disposition"] = content_disposition(download_name)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def store_private_bytes(content: bytes, folder: str, kind: str) -> str:
    """Write a file TĐKT generated itself (a DOCX report: nothing to sniff) the way
    `store_private` writes uploads, and return its relative path."""
    relative = (PurePosixPath(folder) / str(timezone.now().year)
                / f"{secrets.token_hex(16)}.{STORED_EXTENSION[kind]}")
    target = _root() / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(content)
    return str(relative)
