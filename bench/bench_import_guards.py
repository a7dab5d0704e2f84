"""Benchmark: peak memory of checking crafted .xlsx uploads ("zip bombs" inside a worksheet).

    python bench/bench_import_guards.py            # every case
    python bench/bench_import_guards.py inline     # cases whose name contains "inline"

Each case is a small file that unpacks to a lot: one inline-string cell of 1 GiB; one of
200 MiB and one cell of 13 million rich-text runs, both under the size ceilings (the streamed
token and row checks must catch them); 30 million unknown elements between rows; the largest
shared-strings part the guard lets through (a million tiny strings, the worst case for memory);
as many empty rows as it lets through; and a genuine file of BENCH_GUARD_ROWS people (default
50,000) for the guard's cost on real data. Every case runs in its own process, as the upload
form and then the worker would: `check_package` → `can_open` (openpyxl opens the workbook) →
`open_sheet` and every row read. Reported: the file's size, what it unpacks to, the outcome
(refused with which message, or rows read), seconds (and those of the check alone), and the
process's peak RSS. The target is a peak under 300 MB whatever the file.

`--unguarded` adds one case without the guard (openpyxl alone on a 128 MiB cell) to show what
the guard prevents (about 360 MB; a 1 GiB cell takes gigabytes), so it is off by default.
"""

import argparse
import io
import json
import os
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from scratch import max_rss_mb, setup_django  # noqa: E402 — bench/ is run as scripts

MiB = 1024 * 1024
SHEET = "xl/worksheets/sheet1.xml"
NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
HEADER_CELLS = ["Số CCCD", "Họ và tên", "Giới tính", "Ngày sinh", "Dân tộc", "Mã đơn vị",
                "Chức vụ", "Chức danh/ngạch", "Lãnh đạo", "Lao động trực tiếp",
                "Làm việc từ ngày"]


def _header_row() -> str:
    cells = "".join(f'<c r="{chr(65 + i)}1" t="inlineStr"><is><t>{text}</t></is></c>'
                    for i, text in enumerate(HEADER_CELLS))
    return f'<row r="1">{cells}</row>'


def _skeleton() -> dict[str, bytes]:
    """The parts of a minimal genuine workbook (written by openpyxl)."""
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.append(["x"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    with zipfile.ZipFile(buffer) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


SHARED_TYPE = (b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
               b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>')


def _write(path: Path, streamed: dict) -> None:
    """A workbook whose members in `streamed` are written from generators of bytes."""
    parts = _skeleton()
    if "xl/sharedStrings.xml" in streamed:  # openpyxl finds the part by its content type
        parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(b"</Types>",
                                                                            SHARED_TYPE)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, data in parts.items():
            if name not in streamed:
                archive.writestr(name, data)
        for name, pieces in streamed.items():
            with archive.open(name, "w", force_zip64=True) as member:
                for piece in pieces:
                    member.write(piece)


def _repeat(unit: bytes, count: int, batch: int = 1 << 16):
    while count > 0:
        n = min(batch, count)
        yield unit * n
        count -= n


def _sheet(*middle) -> dict:
    def pieces():
        yield f'<worksheet xmlns="{NS}"><sheetData>{_header_row()}'.encode()
        for part in middle:
            yield from part
        yield b"</sheetData></worksheet>"
    return {SHEET: pieces()}


def build_inline(path: Path) -> None:
    _write(path, _sheet([b'<row r="2"><c r="B2" t="inlineStr"><is><t>'],
                        _repeat(b"A", 1024 * MiB), [b"</t></is></c></row>"]))


def build_inline200(path: Path) -> None:
    _write(path, _sheet([b'<row r="2"><c r="B2" t="inlineStr"><is><t>'],
                        _repeat(b"A", 200 * MiB), [b"</t></is></c></row>"]))


def build_runs(path: Path) -> None:
    _write(path, _sheet([b'<row r="2"><c r="B2" t="inlineStr"><is>'],
                        _repeat(b"<r><t>a</t></r>", 13_000_000), [b"</is></c></row>"]))


def build_loose(path: Path) -> None:
    _write(path, _sheet([b'<row r="2"><c r="B2" t="inlineStr"><is><t>An</t></is></c></row>'],
                        _repeat(b"<x/>", 30_000_000)))


def build_shared(path: Path) -> None:
    from imports.domain.package import LIMITS

    unit = b"<si><t>a</t></si>"
    count = min((LIMITS.shared_strings - 200) // len(unit), LIMITS.records)
    def strings():
        yield f'<sst xmlns="{NS}" count="{count}" uniqueCount="{count}">'.encode()
        yield from _repeat(unit, count)
        yield b"</sst>"
    _write(path, {"xl/sharedStrings.xml": strings(), **_sheet(
        [b'<row r="2"><c r="B2" t="s"><v>0</v></c></row>'])})


def build_rows(path: Path) -> None:
    """As many rows as the guard lets through, each as small as a row can be."""
    from imports.domain.package import LIMITS

    rows = (f'<row r="{n}"/>'.encode() for n in range(2, LIMITS.records + 1))
    _write(path, _sheet(rows))


def build_unguarded(path: Path) -> None:
    _write(path, _sheet([b'<row r="2"><c r="B2" t="inlineStr"><is><t>'],
                        _repeat(b"A", 128 * MiB), [b"</t></is></c></row>"]))


def build_genuine(path: Path) -> None:
    from openpyxl import Workbook

    rows = int(os.environ.get("BENCH_GUARD_ROWS", 50_000))
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Dữ liệu")
    sheet.append(HEADER_CELLS)
    for n in range(rows):
        sheet.append([f"001085{n:06d}", f"Nguyễn Văn Thử {n}", "Nam", "17/05/1985", "Kinh",
                      "SO-A", "Chuyên viên", "", "", "", ""])
    workbook.save(path)


CASES = {"inline": build_inline, "inline200": build_inline200, "runs": build_runs,
         "loose": build_loose, "shared": build_shared, "rows": build_rows,
         "genuine": build_genuine}


def measure(path: Path, guarded: bool) -> dict:
    """In this (child) process: what the upload form and then the worker do with the file."""
    from imports.domain.package import PackageRefused, check_package
    from imports.domain.reader import UnreadableFile, can_open, open_sheet
    from organisations.interfaces.importers import PersonImporter

    started = time.perf_counter()
    outcome = {}
    try:
        if guarded:
            with path.open("rb") as handle:
                check_package(handle)
            outcome["check_seconds"] = round(time.perf_counter() - started, 2)
        with path.open("rb") as handle:
            outcome["opens"] = can_open(handle)
        if guarded:
            with open_sheet(path, PersonImporter.columns) as sheet:
                outcome["rows"] = sum(1 for _row in sheet.rows())
        else:  # openpyxl alone: what the reader did before the guard
            from openpyxl import load_workbook
            workbook = load_workbook(path, read_only=True)
            outcome["rows"] = sum(1 for _row in workbook.worksheets[0].iter_rows())
            workbook.close()
    except (PackageRefused, UnreadableFile) as refusal:
        outcome["refused"] = refusal.message
    outcome["seconds"] = round(time.perf_counter() - started, 2)
    outcome["peak_rss_mb"] = round(max_rss_mb(), 1)
    return outcome


def child(name: str, path: Path) -> None:
    setup_django(Path(tempfile.mkdtemp(prefix="tdkt-bench-guard-")))
    print(json.dumps(measure(path, guarded=name != "unguarded"), ensure_ascii=False))


def run_case(name: str, workdir: Path) -> None:
    path = workdir / f"{name}.xlsx"
    started = time.perf_counter()
    subprocess.run([sys.executable, __file__, "--build", name, str(path)], check=True)
    built = time.perf_counter() - started
    with zipfile.ZipFile(path) as archive:
        unpacked = sum(info.file_size for info in archive.infolist())
    result = subprocess.run([sys.executable, __file__, "--child", name, str(path)],
                            capture_output=True, text=True)
    if result.returncode:
        print(f"{name:<10} FAILED\n{result.stderr}", flush=True)
        return
    outcome = json.loads(result.stdout.strip().splitlines()[-1])
    print(f"{name:<10} file {path.stat().st_size / MiB:7.2f} MiB  unpacks to "
          f"{unpacked / MiB:8.1f} MiB  (built in {built:5.1f} s)")
    print(f"{'':<10} {outcome}", flush=True)
    path.unlink()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*")
    parser.add_argument("--unguarded", action="store_true")
    parser.add_argument("--child", nargs=2, metavar=("CASE", "PATH"))
    parser.add_argument("--build", nargs=2, metavar=("CASE", "PATH"))
    args = parser.parse_args()
    if args.child:
        child(args.child[0], Path(args.child[1]))
        return 0
    if args.build:
        setup_django(Path(tempfile.mkdtemp(prefix="tdkt-bench-guard-")))
        {**CASES, "unguarded": build_unguarded}[args.build[0]](Path(args.build[1]))
        return 0
    names = [n for n in (*CASES, *(["unguarded"] if args.unguarded else []))
             if not args.names or any(f in n for f in args.names)]
    with tempfile.TemporaryDirectory(prefix="tdkt-bench-guard-") as workdir:
        for name in names:
            run_case(name, Path(workdir))
    return 0


if __name__ == "__main__":
    sys.exit(main())
