"""The bounds checked on an .xlsx package before openpyxl parses it (imports.domain.package):
declared and real member sizes, token (cell/tag) length, row and shared-string size, elements
the parser keeps, XML declarations."""

import io
import struct
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from imports.domain.package import LIMITS, Limits, PackageRefused, check_package
from imports.interfaces.forms import UploadForm
from tests.imports.helpers import PEOPLE_HEADER, person_row, write_xlsx

SHEET = "xl/worksheets/sheet1.xml"
OPEN = '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
CLOSE = "</sheetData></worksheet>"


def _zip(members: dict) -> io.BytesIO:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        for name, data in members.items():
            archive.writestr(name, data)
    buffer.seek(0)
    return buffer


def _refusal(fileobj, limits: Limits = LIMITS) -> str:
    with pytest.raises(PackageRefused) as caught:
        check_package(fileobj, limits)
    assert fileobj.tell() == 0
    return caught.value.message


def _inline_row(number: int, text: str) -> str:
    return f'<row r="{number}"><c r="A{number}" t="inlineStr"><is><t>{text}</t></is></c></row>'


def test_a_genuine_workbook_of_several_chunks_passes(tmp_path):
    rows = [person_row(cccd=f"{n:012d}", full_name=f"Nguyễn Văn {n}") for n in range(30_000)]
    path = write_xlsx(tmp_path / "f.xlsx", PEOPLE_HEADER, rows)
    with path.open("rb") as handle, zipfile.ZipFile(handle) as archive:
        assert archive.getinfo(SHEET).file_size > 2 * 1024 * 1024  # spans chunk boundaries
        check_package(handle)


def test_inline_string_bomb_in_a_worksheet_is_refused():
    bomb = _zip({SHEET: OPEN + _inline_row(1, "A" * 300_000) + CLOSE})
    assert _refusal(bomb) == (
        "A cell or tag in xl/worksheets/sheet1.xml holds more than 262,144 characters, far "
        "more than Excel allows in a cell; the file is refused.")


def test_a_long_cell_is_refused_in_vietnamese():
    bomb = _zip({SHEET: OPEN + _inline_row(1, "A" * 300_000) + CLOSE})
    with translation.override("vi"):
        message = _refusal(bomb)
    assert message == (
        "Một ô hoặc thẻ trong xl/worksheets/sheet1.xml dài hơn 262,144 ký tự, vượt xa giới "
        "hạn một ô của Excel; tệp bị từ chối.")


def test_a_row_of_many_small_runs_is_refused_with_its_number():
    runs = "<r><t>a</t></r>" * 80_000
    sheet = (OPEN + _inline_row(1, "x") + '<row r="7"><c r="A7" t="inlineStr"><is>' + runs
             + "</is></c></row>" + CLOSE)
    assert _refusal(_zip({SHEET: sheet})) == (
        "In xl/worksheets/sheet1.xml, row 7 holds more than 1 MB of data; no real list has "
        "such a row. The file is refused.")


def test_a_huge_shared_string_made_of_runs_is_refused():
    strings = "<sst><si>" + "<r><t>a</t></r>" * 80_000 + "</si></sst>"
    assert _refusal(_zip({"xl/sharedStrings.xml": strings})) == (
        "In xl/sharedStrings.xml, shared string 1 holds more than 1 MB of data; no real list "
        "has such a row. The file is refused.")


def test_elements_the_parser_keeps_are_counted():
    sheet = OPEN + "".join(_inline_row(n, "x") + "<junk/>" * 10 for n in range(1, 40)) + CLOSE
    limits = Limits(loose=300)
    assert _refusal(_zip({SHEET: sheet}), limits) == (
        "This workbook holds far more formatting or other elements than a real list (in "
        "xl/worksheets/sheet1.xml); copy its data into a new workbook and try again.")
    check_package(_zip({SHEET: sheet}), Limits(loose=400))


def test_entity_declarations_are_refused():
    sheet = '<!DOCTYPE x [<!ENTITY a "aaaa">]>' + OPEN + _inline_row(1, "&a;") + CLOSE
    assert _refusal(_zip({SHEET: sheet})) == (
        "This workbook contains XML declarations that Excel never writes; the file is refused.")


@pytest.mark.parametrize("member, limit", [
    (SHEET, Limits(sheet=1000)), ("xl/styles.xml", Limits(part=1000)),
    ("xl/sharedStrings.xml", Limits(shared_strings=1000)), ("xl/media/a.png", Limits(total=900))])
def test_declared_member_sizes_are_bounded(member, limit):
    assert _refusal(_zip({member: "<a>" + "0" * 1000 + "</a>"}), limit) == (
        "This workbook unpacks to far more data than a real list would; split it into smaller "
        "files.")


def _lying(data: bytes, declared: int) -> io.BytesIO:
    """A zip whose central directory declares `declared` bytes for the sheet of `data`."""
    raw = _zip({SHEET: data}).getvalue()
    entry = raw.index(b"PK\x01\x02")  # the first central directory entry
    while raw[entry + 46:entry + 46 + len(SHEET)] != SHEET.encode():
        name, extra, comment = struct.unpack("<HHH", raw[entry + 28:entry + 34])
        entry += 46 + name + extra + comment
    # Uncompressed size: offset 24 of a central directory entry (APPNOTE 4.3.12).
    return io.BytesIO(raw[:entry + 24] + struct.pack("<I", declared) + raw[entry + 28:])


def test_a_declared_size_that_lies_is_caught_while_decompressing():
    data = (OPEN + _inline_row(1, "x") * 2000 + CLOSE).encode()
    liar = _lying(data, 100)
    with zipfile.ZipFile(liar) as archive:
        assert archive.getinfo(SHEET).file_size == 100
    liar.seek(0)
    assert _refusal(liar) == ("The Excel file could not be read; it may be damaged. Save it "
                              "again as .xlsx and try again.")


def test_the_upload_form_refuses_a_bomb_before_opening_it(officer_a):
    bomb = _zip({SHEET: OPEN + _inline_row(1, "A" * 300_000) + CLOSE}).getvalue()
    form = UploadForm({"kind": "people"}, {"file": SimpleUploadedFile("bom.xlsx", bomb)},
                      user=officer_a)
    assert form.is_valid() is False
    assert form.errors["file"] == [
        "A cell or tag in xl/worksheets/sheet1.xml holds more than 262,144 characters, far "
        "more than Excel allows in a cell; the file is refused."]


def test_rows_beyond_the_row_limit_are_refused():
    sheet = OPEN + "".join(f'<row r="{n}"/>' for n in range(1, 7)) + CLOSE
    check_package(_zip({SHEET: sheet}), Limits(records=6))
    assert _refusal(_zip({SHEET: sheet}), Limits(records=5)) == (
        "xl/worksheets/sheet1.xml holds more than 5 rows or strings, more than Excel allows; "
        "split the list into smaller files.")


def test_shared_strings_beyond_the_limit_are_refused():
    strings = "<sst>" + "<si><t>a</t></si>" * 6 + "</sst>"
    assert _refusal(_zip({"xl/sharedStrings.xml": strings}), Limits(records=5)) == (
        "xl/sharedStrings.xml holds more than 5 rows or strings, more than Excel allows; "
        "split the list into smaller files.")


def _honest_and_bomb() -> tuple[io.BytesIO, io.BytesIO]:
    """A sheet of varied rows (unpacking to ~10 times its zip) and one of a repeated row
    (hundreds of times)."""
    rows = "".join(_inline_row(n, f"Nguyễn Văn {n * 7919 % 100_003} {n * 104_729 % 9973}")
                   for n in range(1, 3001))
    return _zip({SHEET: OPEN + rows + CLOSE}), _zip({SHEET: OPEN + _inline_row(1, "x") * 60_000
                                                     + CLOSE})


def _ratio(package: io.BytesIO) -> float:
    with zipfile.ZipFile(package) as archive:
        unpacked = archive.getinfo(SHEET).file_size
    package.seek(0)
    return unpacked / len(package.getvalue())


def test_the_bounds_grow_with_the_package_for_an_honest_sheet_never_for_a_bomb():
    honest, bomb = _honest_and_bomb()
    size = len(honest.getvalue())
    fixed = Limits(sheet=3 * size, total=3 * size)
    growing = Limits(sheet=3 * size, total=3 * size, grow=40)
    assert (3 < _ratio(honest) < 40, _ratio(bomb) > 40) == (True, True)

    assert _refusal(honest, fixed) == (
        "This workbook unpacks to far more data than a real list would; split it into smaller "
        "files.")
    check_package(honest, growing)
    assert _refusal(bomb, Limits(sheet=3 * len(bomb.getvalue()), total=3 * len(
        bomb.getvalue()), grow=40)) == (
        "This workbook unpacks to far more data than a real list would; split it into smaller "
        "files.")


def test_the_grown_bounds_stop_at_the_ceiling():
    assert LIMITS.for_package(1024 * 1024) == LIMITS  # 40 MiB: the fixed 256 MiB stand
    grown = LIMITS.for_package(10 * 1024 * 1024)
    assert (grown.sheet, grown.total, grown.shared_strings) == (
        400 * 1024 * 1024, 400 * 1024 * 1024, LIMITS.shared_strings)
    assert LIMITS.for_package(60 * 1024 * 1024).sheet == 1024 * 1024 * 1024
    assert Limits().for_package(60 * 1024 * 1024) == Limits()  # grow 0: fixed
