"""Benchmark: the .xlsx writers against the CSV writer on the same ledger rows, same run.

    python bench/bench_xlsx_export.py [ROWS] [--openpyxl-rows N]   # default 1000000, 100000

ROWS ledger-shaped rows (the 14 columns of `awards.interfaces.exports.ledger_header`: names,
a CCCD, codes, a year, a decision date, "Có"/"Không"; every 50th name hostile, so the
neutraliser works) are generated in Python — no database, so the figure is the writer's own —
and written to a temporary file by:

- nothing ("rows only": the cost of producing the rows, which every writer pays),
- the CSV writer (`write_csv`, as the exports use it),
- the streamed .xlsx writer (`write_xlsx`, `core.xlsx_stream`),
- openpyxl's write-only mode (what the exports used before), on `--openpyxl-rows` rows only
  (it is slow; 0 skips it).

Each writer runs in its own forked process, so its peak memory is its own. Prints rows/s,
the share of the CSV writer's rows/s, the file size and the peak memory; then reads the
streamed file back (openpyxl, read-only, up to 100,000 rows; else counting the rows in the
zip) and checks the row count.
"""

import argparse
import datetime
import multiprocessing
import os
import random
import shutil
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from scratch import max_rss_mb, setup_django  # noqa: E402 — bench/ is run as scripts

SURNAMES = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ")
MIDDLE = ("Văn", "Thị", "Hữu", "Đức", "Minh", "Ngọc", "Quang", "Thanh")
GIVEN = ("An", "Bình", "Cường", "Dũng", "Hà", "Hương", "Lan", "Nam", "Phương", "Tâm")
TITLES = (("ldtt", "Lao động tiên tiến"), ("cstd_co_so", "Chiến sĩ thi đua cơ sở"),
          ("giay_khen", "Giấy khen"), ("bang_khen_tinh", "Bằng khen của Chủ tịch UBND tỉnh"))


def ledger_like_rows(count: int):
    rng = random.Random(5)
    for i in range(count):
        name = f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
        if i % 50 == 0:
            name = "=HYPERLINK(\"http://x\")" + name
        code, title = TITLES[i % 4]
        year = 2016 + i % 10
        yield (name, f"0{rng.randrange(10**10, 10**11)}", "", "", code, title, year,
               "Thường xuyên", f"{i % 900}/QĐ-UBND", datetime.date(year + 1, 1, 20),
               "UBND tỉnh", f"DV{i % 300:03d}", f"Phòng {i % 300}", "Không")


def run_writer(kind: str, rows: int, path: str, out) -> None:
    from openpyxl import Workbook

    from awards.interfaces.exports import ledger_header
    from core.interfaces.exports import write_csv, write_sheets, write_xlsx

    header = ledger_header()
    started = time.perf_counter()
    if kind == "rows only":  # producing the rows, written nowhere: the floor of every writer
        for _row in ledger_like_rows(rows):
            pass
        with open(path, "w"):
            pass
    elif kind == "csv":
        with open(path, "w", encoding="utf-8-sig", newline="") as handle:
            for _line in write_csv(handle, header, ledger_like_rows(rows)):
                pass
    elif kind == "xlsx (streamed)":
        write_xlsx(path, "Sổ khen thưởng", header, ledger_like_rows(rows))
    else:
        workbook = Workbook(write_only=True)
        write_sheets(workbook, "Sổ khen thưởng", header, ledger_like_rows(rows))
        workbook.save(path)
    out.put((time.perf_counter() - started, os.path.getsize(path), max_rss_mb()))


def measure(kind: str, rows: int, folder: Path) -> tuple[float, int, float]:
    queue = multiprocessing.get_context("fork").Queue()
    path = str(folder / f"{kind.split()[0]}-{rows}.{kind[:4].strip()}")
    process = multiprocessing.get_context("fork").Process(
        target=run_writer, args=(kind, rows, path, queue))
    process.start()
    result = queue.get()
    process.join()
    return result


def _count_rows(package, name: str) -> int:
    count, tail = 0, b""
    with package.open(name) as sheet:
        while chunk := sheet.read(1 << 20):
            count += (tail + chunk).count(b"<row ") - tail.count(b"<row ")
            tail = chunk[-4:]
    return count


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("rows", nargs="?", type=int, default=1_000_000)
    parser.add_argument("--openpyxl-rows", type=int, default=100_000)
    args = parser.parse_args()
    scratch = Path(tempfile.mkdtemp(prefix="tdkt-bench-xlsx-"))
    try:
        setup_django(scratch)
        from django.utils import translation
        from openpyxl import load_workbook

        translation.activate("vi")
        print(f"load average {os.getloadavg()[0]:.1f}; {os.cpu_count()} CPUs")
        results = {}
        plan = [("rows only", args.rows), ("csv", args.rows), ("xlsx (streamed)", args.rows)]
        if args.openpyxl_rows:
            plan += [("csv", args.openpyxl_rows), ("xlsx (openpyxl)", args.openpyxl_rows),
                     ("xlsx (streamed)", args.openpyxl_rows)]
        print(f"{'writer':18} {'rows':>10} {'seconds':>8} {'rows/s':>10} {'of CSV':>7} "
              f"{'MB':>7} {'peak MB':>8}")
        for kind, rows in plan:
            seconds, size, peak = measure(kind, rows, scratch)
            results[kind, rows] = seconds
            csv_seconds = results.get(("csv", rows))
            share = "—" if csv_seconds is None else f"{csv_seconds / seconds:.0%}"
            print(f"{kind:18} {rows:>10,} {seconds:>8.1f} {rows / seconds:>10,.0f} "
                  f"{share:>7} {size / 2**20:>7.1f} {peak:>8.0f}", flush=True)
        print(f"load average {os.getloadavg()[0]:.1f} after")
        started = time.perf_counter()
        path = scratch / f"xlsx-{args.rows}.xlsx"
        if args.rows <= 100_000:  # openpyxl reads ~2,000 rows/s: only the smaller sizes
            book = load_workbook(path, read_only=True)
            read = sum(1 for sheet in book.worksheets
                       for _row in sheet.iter_rows(values_only=True))
            how = "openpyxl"
        else:  # count the rows in the sheets' XML, streamed out of the zip
            with zipfile.ZipFile(path) as package:
                read = sum(_count_rows(package, name) for name in package.namelist()
                           if name.startswith("xl/worksheets/"))
            how = "counting <row> in the zip"
        print(f"read back ({how}): {read:,} rows (header + {args.rows:,}) in "
              f"{time.perf_counter() - started:.0f} s")
        return 0 if read == args.rows + 1 else 1
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
