"""Bounds on what an uploaded .xlsx package may make the XML parser hold, checked before
openpyxl opens it.

An .xlsx is a zip of XML parts. openpyxl (read-only mode) streams the worksheet rows, but it
builds whole trees of the other parts (styles, workbook, properties), keeps every shared
string, and its iterparse keeps every element it does not clear: a row's cells are cleared,
anything else (an unknown tag between rows, a million merge ranges) stays in memory. One
1.2 MB file holding a single inline string of a gigabyte took a worker to 2.5 GB. So every
member is decompressed here once, in 1 MiB chunks, and refused when

* the central directory declares, or decompression actually yields, more than the member's
  ceiling (the declared size can lie: bytes are counted as they come; Python's zipfile also
  stops at the declared size and then fails the CRC check, which is reported as damage); the
  sheet's and the total ceilings grow with the package's own size (`Limits.grow`), so that an
  honest million-row sheet passes and a bomb, which unpacks to hundreds of times its size,
  does not;
* one XML token (a tag with its attributes, or the text after it — a cell's value) is longer
  than MAX_TOKEN: Excel itself allows 32,767 characters in a cell;
* one row (from its <row> to the next) or one shared string is longer than MAX_RECORD, or a
  part holds more rows or shared strings than Excel's 1,048,576 rows;
* a part holds more than MAX_LOOSE elements that the parser keeps (everything but a row's or
  a shared string's own content);
* a part declares a DOCTYPE or entities (Excel never writes them; expat would expand them).

With these bounds a validation stays well under 300 MB whatever the file
(bench/bench_import_guards.py measures the worst cases).
"""

import re
import zipfile
from collections import Counter
from dataclasses import dataclass, replace

from django.utils.translation import gettext as _

MiB = 1024 * 1024
CHUNK = MiB
MAX_MEMBERS = 10_000


@dataclass(frozen=True)
class Limits:
    total: int = 256 * MiB  # all members, unpacked
    sheet: int = 256 * MiB  # one worksheet: streamed, so only the total bounds it
    shared_strings: int = 32 * MiB  # kept whole as Python strings
    part: int = 8 * MiB  # any other part (styles, workbook, relationships…): parsed whole
    token: int = 256 * 1024  # a tag or a text: 32,767 characters × up to 8 bytes (entities)
    record: int = MiB  # one <row> or one <si>
    records: int = 1_048_576  # rows of a sheet (Excel's own limit) or shared strings: each
    # stays in the parser's tree, cleared but present, until the part ends
    loose: int = 200_000  # elements kept by the parser in one part
    # The sheet and total bounds grow to `grow` times the package's own size, up to
    # `ceiling`; 0 keeps them fixed. They exist to stop zip bombs, which unpack to hundreds or
    # thousands of times their size, not honest large files: a sheet of XML text unpacks to
    # 5–20 times its size (the award template written by openpyxl: 14.6 times, ~525 bytes a
    # row, 36 MB zipped and 525 MB unpacked for a million rows). A sheet is streamed, so its
    # length costs time, not memory (the token, row and element bounds hold memory).
    grow: int = 0
    ceiling: int = 1024 * MiB  # Excel's 1,048,576 rows at 1 KiB a row

    def for_package(self, size: int) -> "Limits":
        """These limits for a package of `size` bytes (compressed, as uploaded)."""
        grown = min(self.grow * size, self.ceiling)
        if grown <= min(self.total, self.sheet):
            return self
        return replace(self, total=max(self.total, grown), sheet=max(self.sheet, grown))


# 40 times: an honest file has room to spare (its ratio is under 20) and a 1 MB bomb stays
# at 256 MiB, as before; the largest upload (TDKT_IMPORT_MAX_BYTES, 60 MB) may unpack to
# the 1 GiB ceiling, which the check decompresses and scans in seconds, holding 1 MiB.
LIMITS = Limits(grow=40)

# Local names of the elements inside a row (or a shared string): the parser clears them with
# their row; rich-text run properties included.
_RUN = {b"r", b"rPr", b"t", b"rFont", b"charset", b"family", b"b", b"i", b"strike", b"outline",
        b"shadow", b"condense", b"extend", b"color", b"sz", b"u", b"vertAlign", b"scheme",
        b"rPh", b"phoneticPr"}
_ROW_CONTENT = _RUN | {b"row", b"c", b"v", b"f", b"is"}
_SI_CONTENT = _RUN | {b"si"}
_TAG = re.compile(rb"<(?:[\w.\-]+:)?([A-Za-z_][\w.\-]*)")
# A record starts at <row …> (its number in r="…") or <si>, and the records end at
# </sheetData> or </sst>: what follows (merged ranges, validations…) is counted as loose.
_ROW_BOUNDARY = re.compile(
    rb'<(?:(?:[\w.\-]+:)?row(?=[\s/>])(?:[^<>]*?\sr="(\d+)")?|(/)(?:[\w.\-]+:)?sheetData>)')
_SI_BOUNDARY = re.compile(rb"<(?:(?:[\w.\-]+:)?si(?=[\s/>])()|(/)(?:[\w.\-]+:)?sst>)")
_DECLARATION = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.IGNORECASE)


class PackageRefused(ValueError):
    """The package exceeds a bound; `message` (translated) says which and where."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def _too_big() -> PackageRefused:
    return PackageRefused(_("This workbook unpacks to far more data than a real list would; "
                            "split it into smaller files."))


def _damaged() -> PackageRefused:
    return PackageRefused(_("The Excel file could not be read; it may be damaged. Save it "
                            "again as .xlsx and try again."))


def _kind(name: str) -> str:
    if name.startswith("xl/worksheets/") and name.endswith(".xml"):
        return "sheet"
    if name == "xl/sharedStrings.xml":
        return "shared_strings"
    return "part"


class _PartScan:
    """Scans one XML part chunk by chunk; bytes from the last "<" are carried over so that a
    tag is never judged cut in two."""

    def __init__(self, name: str, limits: Limits):
        self.name, self.limits, self.kind = name, limits, _kind(name)
        self.boundary = {"sheet": _ROW_BOUNDARY, "shared_strings": _SI_BOUNDARY}.get(self.kind)
        self.content = {"sheet": _ROW_CONTENT, "shared_strings": _SI_CONTENT}.get(self.kind,
                                                                                   set())
        self.carry = b""
        self.loose = 0
        self.records = 0
        self.number = 0  # the current row's number (r="…"), or its ordinal
        self.in_record: int | None = None  # bytes since the current row/string began

    def feed(self, chunk: bytes, *, last: bool = False) -> None:
        data = self.carry + chunk
        cut = len(data) if last else data.rfind(b"<")
        body, self.carry = data[:max(cut, 0)], data[max(cut, 0):]
        if len(self.carry) > self.limits.token:
            raise self._long_token()
        if not body:
            return
        if max(map(len, body.split(b"<"))) > self.limits.token:
            raise self._long_token()
        if _DECLARATION.search(body):
            raise PackageRefused(_("This workbook contains XML declarations that Excel never "
                                   "writes; the file is refused."))
        self._count(body)
        if self.boundary is not None:
            self._records(body)

    def _count(self, body: bytes) -> None:
        tags = Counter(_TAG.findall(body))
        self.loose += sum(n for tag, n in tags.items() if tag not in self.content)
        if self.loose > self.limits.loose:
            raise PackageRefused(_("This workbook holds far more formatting or other elements "
                                   "than a real list (in %(part)s); copy its data into a new "
                                   "workbook and try again.") % {"part": self.name})

    def _records(self, body: bytes) -> None:
        position = 0
        for match in self.boundary.finditer(body):
            self._grow(match.start() - position)
            position = match.start()
            if match.group(2):  # </sheetData> or </sst>: what follows is no record
                self.in_record = None
            else:
                self.records += 1
                self.number = int(match.group(1) or self.records)
                self.in_record = 0
                if self.records > self.limits.records:
                    raise self._too_many()
        self._grow(len(body) - position)

    def _grow(self, size: int) -> None:
        if self.in_record is None:
            return
        self.in_record += size
        if self.in_record > self.limits.record:
            what = (_("row %(row)s") if self.kind == "sheet" else _("shared string %(row)s"))
            raise PackageRefused(_("In %(part)s, %(what)s holds more than %(limit)s MB of "
                                   "data; no real list has such a row. The file is refused.")
                                 % {"part": self.name, "what": what % {"row": self.number},
                                    "limit": self.limits.record // MiB})

    def _too_many(self) -> PackageRefused:
        return PackageRefused(_("%(part)s holds more than %(limit)s rows or strings, more than "
                                "Excel allows; split the list into smaller files.") % {
            "part": self.name, "limit": f"{self.limits.records:,}"})

    def _long_token(self) -> PackageRefused:
        return PackageRefused(_("A cell or tag in %(part)s holds more than %(limit)s "
                                "characters, far more than Excel allows in a cell; the file "
                                "is refused.") % {"part": self.name,
                                                  "limit": f"{self.limits.token:,}"})


def _ceiling(name: str, limits: Limits) -> int:
    """Pictures and other binary members are never parsed: only the total bounds them."""
    if not name.endswith((".xml", ".rels")):
        return limits.total
    return getattr(limits, _kind(name))


def _scan_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limits: Limits) -> int:
    """Decompress one member, counting what really comes out; returns its real size."""
    ceiling = _ceiling(info.filename, limits)
    is_xml = info.filename.endswith((".xml", ".rels"))
    scan = _PartScan(info.filename, limits) if is_xml else None
    size = 0
    with archive.open(info) as member:
        while chunk := member.read(CHUNK):
            size += len(chunk)
            if size > ceiling:
                raise _too_big()
            if scan is not None:
                scan.feed(chunk)
    if scan is not None:
        scan.feed(b"", last=True)
    return size


def check_package(fileobj, limits: Limits = LIMITS) -> None:
    """Refuse (PackageRefused) an .xlsx package that would make openpyxl hold more than the
    bounds above (grown for the package's size: `Limits.for_package`). Reads the whole
    package once; leaves `fileobj` at position 0."""
    fileobj.seek(0, 2)
    limits = limits.for_package(fileobj.tell())
    fileobj.seek(0)
    try:
        with zipfile.ZipFile(fileobj) as archive:
            members = archive.infolist()
            if len(members) > MAX_MEMBERS or any(info.flag_bits & 0x1 for info in members):
                raise _damaged()
            declared = [(info, info.file_size) for info in members]
            if (sum(size for _info, size in declared) > limits.total
                    or any(size > _ceiling(info.filename, limits) for info, size in declared)):
                raise _too_big()
            total = 0
            for info in members:
                total += _scan_member(archive, info, limits)
                if total > limits.total:
                    raise _too_big()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, RuntimeError,
            NotImplementedError, ValueError) as error:
        if isinstance(error, PackageRefused):
            raise
        raise _damaged() from error
    finally:
        fileobj.seek(0)
