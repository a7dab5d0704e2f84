"""core.uploads and DossierFileField, with real files built here."""

import io
import zipfile
from pathlib import Path

import docx
import openpyxl
import pytest
from django import forms
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image
from weasyprint import HTML

from core.interfaces.uploads import DossierFileField
from core.uploads import (
    UploadRejected,
    content_disposition,
    open_private,
    private_download,
    sniff,
    store_private,
)


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


@pytest.fixture(scope="module")
def pdf_bytes() -> bytes:
    return HTML(string="<h1>Tờ trình khen thưởng</h1>").write_pdf()


def docx_bytes() -> bytes:
    document = docx.Document()
    document.add_paragraph("Báo cáo thành tích")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def xlsx_bytes() -> bytes:
    workbook = openpyxl.Workbook()
    workbook.active["A1"] = "Danh sách"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def image_bytes(fmt: str) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, fmt)
    return buffer.getvalue()


def rezip(source: bytes, *, replace: dict | None = None, add: dict | None = None) -> bytes:
    """Copy a package, changing parts (`replace`: name → function of the old bytes)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(source)) as old, zipfile.ZipFile(out, "w") as new:
        for info in old.infolist():
            data = old.read(info)
            if replace and info.filename in replace:
                data = replace[info.filename](data)
            new.writestr(info, data)
        for name, data in (add or {}).items():
            new.writestr(name, data, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


# ---------------------------------------------------------------- accepted

def test_real_files_are_recognised(pdf_bytes):
    assert [sniff(upload(name, content)) for name, content in [
        ("to-trinh.pdf", pdf_bytes), ("bao-cao.docx", docx_bytes()),
        ("danh-sach.xlsx", xlsx_bytes()), ("anh.jpg", image_bytes("JPEG")),
        ("ANH.JPEG", image_bytes("JPEG")), ("so-do.png", image_bytes("PNG"))]] == [
        "pdf", "docx", "xlsx", "jpeg", "jpeg", "png"]


def test_sniff_leaves_the_file_at_the_start():
    file = upload("a.png", image_bytes("PNG"))
    sniff(file)
    assert file.tell() == 0


# ---------------------------------------------------------------- refused

def rejected(file, **kwargs) -> str:
    with pytest.raises(UploadRejected) as error:
        sniff(file, **kwargs)
    return error.value.message


def test_png_named_pdf_is_refused():
    assert rejected(upload("to-trinh.pdf", image_bytes("PNG"))) == (
        "“to-trinh.pdf” is a PNG file but its name does not end in .png; rename it and upload "
        "it again.")


def test_xlsx_named_docx_is_refused():
    assert rejected(upload("bao-cao.docx", xlsx_bytes())).startswith(
        "“bao-cao.docx” is a Excel (.xlsx) file")


def test_macro_enabled_document_is_refused():
    docm = rezip(docx_bytes(), replace={"[Content_Types].xml": lambda data: data.replace(
        b"wordprocessingml.document.main+xml", b"ms-word.document.macroEnabled.main+xml")},
        add={"word/vbaProject.bin": b"\x00" * 64})
    assert rejected(upload("bao-cao.docx", docm)) == (
        "“bao-cao.docx” contains macros, which are not accepted; save it as a plain .docx or "
        ".xlsx.")


def test_vba_part_alone_is_enough_to_refuse():
    assert "contains macros" in rejected(upload("ds.xlsx", rezip(
        xlsx_bytes(), add={"xl/vbaProject.bin": b"\x00"})))


def mark_encrypted(package: bytes) -> bytes:
    """Set the "encrypted" flag of every central directory entry (zipfile cannot encrypt)."""
    data = bytearray(package)
    at = data.find(b"PK\x01\x02")
    while at != -1:
        data[at + 8] |= 0x1  # general purpose bit flag, bit 0
        at = data.find(b"PK\x01\x02", at + 4)
    return bytes(data)


def test_encrypted_archive_is_refused():
    assert rejected(upload("ds.xlsx", mark_encrypted(xlsx_bytes()))) == (
        "“ds.xlsx” is password-protected; remove the password and upload it again.")


def test_zip_bomb_is_refused(settings):
    settings.TDKT_MAX_UNPACKED_MB = 2
    bomb = rezip(xlsx_bytes(), add={"xl/media/padding.bin": b"\x00" * (3 * 1024 * 1024)})
    assert len(bomb) < 50_000  # tiny on the wire…
    assert rejected(upload("ds.xlsx", bomb)) == (  # …but it declares 3 MB unpacked
        "“ds.xlsx” unpacks to far more data than a real document holds; it is refused.")


def test_other_zip_is_refused():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("readme.txt", "hello")
    assert rejected(upload("a.docx", out.getvalue())) == (
        "“a.docx” is a damaged or unreadable Word/Excel file.")


def test_truncated_zip_is_refused():
    assert "damaged or unreadable" in rejected(upload("a.docx", docx_bytes()[:2000]))


def test_truncated_pdf_is_refused(pdf_bytes):
    assert rejected(upload("a.pdf", pdf_bytes[:len(pdf_bytes) // 2])) == (
        "“a.pdf” is an incomplete PDF file (it was cut short); save or download it again.")


@pytest.mark.parametrize(("name", "content"), [
    ("virus.pdf", b"MZ\x90\x00" + b"\x00" * 100),
    ("page.pdf", b"<html><script>alert(1)</script></html>"),
    ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100),  # OLE: .doc, .xls
])
def test_unknown_content_is_refused(name, content):
    assert rejected(upload(name, content)) == (
        f"“{name}” is not a PDF, Word (.docx), Excel (.xlsx), JPEG or PNG file.")


def test_oversize_file_is_refused(settings, pdf_bytes):
    settings.TDKT_MAX_UPLOAD_MB = 1
    big = pdf_bytes[:-6] + b"\n" * (1024 * 1024) + pdf_bytes[-6:]
    assert rejected(upload("lon.pdf", big)) == (
        "“lon.pdf” is larger than the limit of 1 MB.")


def test_empty_file_is_refused():
    assert rejected(upload("rong.pdf", b"")) == "“rong.pdf” is empty."


def test_kind_not_allowed_here():
    assert rejected(upload("anh.png", image_bytes("PNG")), kinds=("pdf",)) == (
        "“anh.png”: PNG files are not accepted here (accepted: PDF).")


def test_message_is_vietnamese_in_the_vietnamese_interface():
    from django.utils import translation

    with translation.override("vi"):
        message = rejected(upload("to-trinh.pdf", image_bytes("PNG")))
    assert message.startswith("“to-trinh.pdf”") and "đổi tên" in message


# ---------------------------------------------------------------- storage and download

def test_store_private_never_uses_the_users_name(settings):
    relative = store_private(upload("../../Tờ trình.png", image_bytes("PNG")),
                             "proposals/attachments")
    folder, year, stored = relative.rsplit("/", 2)
    assert (folder, year) == ("proposals/attachments", str(timezone.localdate().year))
    assert stored.endswith(".png") and len(stored) == 36
    path = Path(settings.PRIVATE_MEDIA_ROOT) / relative
    assert path.read_bytes() == image_bytes("PNG")
    with open_private(relative) as file:
        assert file.read() == image_bytes("PNG")


def test_store_private_refuses_what_sniff_refuses():
    with pytest.raises(UploadRejected):
        store_private(upload("a.pdf", image_bytes("PNG")), "proposals")


@pytest.mark.parametrize("folder", ["../etc", "/tmp", "Proposals", "a//b", ""])
def test_store_private_refuses_odd_folders(folder):
    with pytest.raises(SuspiciousFileOperation):
        store_private(upload("a.png", image_bytes("PNG")), folder)


@pytest.mark.parametrize("path", ["../tdkt.sqlite3", "a/../../x", "/etc/passwd", "..",
                                  "a\\..\\..\\x", ""])
def test_open_private_refuses_traversal(path):
    with pytest.raises(SuspiciousFileOperation):
        open_private(path)


def test_open_private_refuses_a_symlink_out(settings, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("x")
    (Path(settings.PRIVATE_MEDIA_ROOT) / "link").symlink_to(tmp_path)
    try:
        with pytest.raises(SuspiciousFileOperation):
            open_private("link/secret.txt")
    finally:
        (Path(settings.PRIVATE_MEDIA_ROOT) / "link").unlink()


def test_private_download_headers(pdf_bytes):
    relative = store_private(upload("a.pdf", pdf_bytes), "dossiers")
    response = private_download(relative, "Tờ trình khen thưởng.pdf", "application/pdf")
    assert b"".join(response.streaming_content) == pdf_bytes
    assert (response["Content-Type"], response["X-Content-Type-Options"],
            response["Cache-Control"], response["Content-Disposition"]) == (
        "application/pdf", "nosniff", "private, no-store",
        "attachment; filename=\"To trinh khen thuong.pdf\"; "
        "filename*=UTF-8''T%E1%BB%9D%20tr%C3%ACnh%20khen%20th%C6%B0%E1%BB%9Fng.pdf")
    response.file_to_stream.close()  # response.close() would signal request_finished


def test_content_disposition_drops_separators_and_quotes():
    assert content_disposition('..\\a/"b".pdf') == (
        "attachment; filename=\"..ab.pdf\"; filename*=UTF-8''..ab.pdf")


# ---------------------------------------------------------------- the form field

class DossierForm(forms.Form):
    file = DossierFileField(kinds=("pdf", "docx"))


def test_field_accepts_and_reports_the_kind():
    form = DossierForm(files={"file": upload("bao-cao.docx", docx_bytes())})
    assert form.is_valid()
    assert form.cleaned_data["file"].kind == "docx"
    assert 'accept=".pdf,.docx"' in str(form["file"])


def test_field_shows_the_reason_naming_the_file():
    form = DossierForm(files={"file": upload("to-trinh.pdf", image_bytes("PNG"))})
    assert form.errors == {"file": [
        "“to-trinh.pdf” is a PNG file but its name does not end in .png; rename it and upload "
        "it again."]}
