"""Benchmark: importing historical awards from Excel, 10 rows per person.

    python bench/bench_import_awards.py [ROWS]   # default 1000000 (BENCH_AWARD_ROWS)
    python bench/bench_import_awards.py 1000000 --postgres postgresql://u:p@host:port/x_bench

Scratch SQLite database (fresh TDKT_VAR_DIR, deleted at the end), or with --postgres a scratch
PostgreSQL database, dropped and created again by the benchmark (so its name must contain
"bench"; the user needs CREATEDB). Builds the demo province with
ROWS / 10 people (`seed_demo`), writes an .xlsx of ROWS award rows (LĐTT 2016–2022 and CSTĐ cơ sở
2023–2025 per person), then runs the worker's functions: create_job → run_validation →
request_commit → run_commit, printing seconds, rows/s and peak memory after each phase; then
the yardsticks of `import_speed`: the bare reader over the same file and a plain executemany of
the same rows, with the import's speed as a share of each (on PostgreSQL also COPY of them).
CPU seconds on PostgreSQL include the server process serving the connection.
"""

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from import_speed import Clock, ratio_table, raw_insert, raw_read, reader_read  # noqa: E402
from scratch import max_rss_mb, setup_django  # noqa: E402 — bench/ is run as scripts

# Years before the demo's own history (2019–2025): a row repeating a live award of the same
# person, title and year would be refused (one live award per subject, award and year).
LDTT_YEARS = range(2009, 2016)
CSTD_YEARS = (2016, 2017, 2018)


class _CsvSheet:
    """The CSV file the import template describes, written like a sheet."""

    def __init__(self, handle):
        import csv

        self.writer = csv.writer(handle)

    def append(self, values):
        self.writer.writerow(values)


def write_file(path: Path, rows: int, *, streamed: bool = False) -> int:
    """An .xlsx (openpyxl write-only: shared strings, as Excel writes; or, `streamed`, by
    `core.xlsx_stream`: inline strings, as our own exports, ~10× faster to write) or, for a
    path ending .csv, a UTF-8 CSV file."""
    from openpyxl import Workbook

    from awards.interfaces.importers import AwardImporter
    from core.xlsx_stream import StreamingWorkbook
    from organisations.models import Person

    if path.suffix == ".csv":
        handle = path.open("w", encoding="utf-8-sig", newline="")
        sheet = _CsvSheet(handle)
    elif streamed:
        workbook = StreamingWorkbook(path)
        sheet = workbook.create_sheet("Dữ liệu")
    else:
        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet("Dữ liệu")
    sheet.append([c.header for c in AwardImporter.columns])
    written = 0
    for cccd in Person.objects.filter(employments__isnull=False).values_list(
            "cccd", flat=True).distinct().iterator(chunk_size=5000):
        for year in LDTT_YEARS:
            sheet.append([cccd, "", "", "ldtt", year, "", f"{year}/QĐ-LĐTT", f"15/01/{year + 1}",
                          "Thủ trưởng đơn vị", ""])
        for year in CSTD_YEARS:
            sheet.append([cccd, "", "", "cstd_co_so", year, "cong_trang", f"{year}/QĐ-CSTĐ",
                          f"20/01/{year + 1}", "Thủ trưởng đơn vị", ""])
        written += len(LDTT_YEARS) + len(CSTD_YEARS)
        if written >= rows:
            break
    if path.suffix == ".csv":
        handle.close()
    elif streamed:
        workbook.close()
    else:
        workbook.save(path)
    return written


def fresh_database(url: str) -> None:
    """Drop and create the database named in `url` (a name containing "bench" only)."""
    from urllib.parse import urlsplit

    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    if "bench" not in name or not name.replace("_", "").isalnum():
        raise SystemExit(f"--postgres: the database name must contain 'bench' ({name!r})")
    with psycopg.connect(parts._replace(path="/postgres").geturl(), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')


def timed(label, work):
    """Run `work()`, print its time and memory; return (result, (wall, CPU seconds))."""
    clock = Clock()
    result = work()
    seconds = clock.stop()
    print(f"{label:<14} {seconds[0]:8.1f} s ({seconds[1]:.1f} s CPU)   max RSS so far "
          f"{max_rss_mb():7.1f} MB", flush=True)
    return result, seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("rows", nargs="?", type=int,
                        default=int(os.environ.get("BENCH_AWARD_ROWS", 1_000_000)))
    parser.add_argument("--csv", action="store_true",
                        help="import a CSV file of the template instead of an .xlsx (a "
                        "million rows of .xlsx exceed the package guard's 256 MiB sheet)")
    parser.add_argument("--streamed-xlsx", action="store_true",
                        help="write the .xlsx with core.xlsx_stream (openpyxl takes ~10 minutes "
                        "for a million rows)")
    parser.add_argument("--postgres", metavar="URL",
                        help="a scratch PostgreSQL database (dropped and created again)")
    parser.add_argument("--reuse", action="store_true",
                        help="with --postgres: keep the province an earlier run built there "
                        "(its imported awards are deleted first) instead of building it again")
    parser.add_argument("--no-yardsticks", action="store_true",
                        help="skip the raw read and the raw executemany (a million rows take "
                        "PostgreSQL ten minutes); on PostgreSQL the raw COPY is still run")
    parser.add_argument("--no-copy", action="store_true",
                        help="with --no-yardsticks: skip the raw COPY too (end-to-end time and "
                        "peak memory only)")
    args = parser.parse_args()
    var_dir = Path(tempfile.mkdtemp(prefix="tdkt-bench-awards-"))
    try:
        if args.postgres and not args.reuse:
            fresh_database(args.postgres)
        setup_django(var_dir, task_backend="django_tasks.backends.dummy.DummyBackend",
                     database_url=args.postgres)
        from django.core.files import File
        from django.core.management import call_command
        from django.db import connection

        from accounts.models import User
        from awards.models import AwardRecord
        from imports.domain.engine import run_commit, run_validation
        from imports.domain.queue import create_job, request_commit
        from imports.enums import JobState

        if args.reuse and User.objects.filter(username="admin").exists():
            with connection.cursor() as cursor:  # nothing refers to them; no signal per row
                timed("delete earlier imported awards", lambda: cursor.execute(
                    "DELETE FROM awards_awardrecord WHERE source = 'import'"))
        else:
            call_command("migrate", verbosity=0)
            timed("seed province", lambda: call_command(
                "seed_demo", people=args.rows // 10 + 200, history=False, verbosity=0))
        admin = User.objects.get(username="admin")
        path = var_dir / ("awards.csv" if args.csv else "awards.xlsx")
        rows, _s = timed("write file", lambda: write_file(path, args.rows,
                                                        streamed=args.streamed_xlsx))
        print(f"file: {rows:,} rows, {path.stat().st_size / 2**20:.1f} MB")
        if not args.no_yardsticks:
            read, reader = raw_read(path), reader_read(path)
            print(f"raw read       {read[1][0]:8.1f} s ({read[1][1]:.1f} s CPU)   max RSS so "
                  f"far {max_rss_mb():7.1f} MB")
        with path.open("rb") as handle:
            job = create_job(admin, "awards", File(handle, name=path.name), language="vi")
        job, check_s = timed("validation", lambda: run_validation(job))
        if job.state != JobState.VALIDATED:
            print(f"validation ended {job.state}: {job.message} "
                  f"{list(job.errors.values_list('row_number', 'column', 'message')[:3])}")
            return 1
        job, commit_s = timed("commit", lambda: run_commit(request_commit(job, admin)))
        if job.state != JobState.COMMITTED:
            print(f"commit ended {job.state}: {job.message}")
            return 1
        assert AwardRecord.objects.filter(source="import").count() == rows
        peak = max_rss_mb()
        table = [("awards_awardrecord", "source = 'import'")]
        if args.no_yardsticks:
            print(f"end to end: {check_s[0] + commit_s[0]:.1f} s wall, "
                  f"{check_s[1] + commit_s[1]:.1f} s CPU for {rows:,} rows; peak RSS "
                  f"{peak:.1f} MB")
            # The yardstick of the commit that costs minutes, not ten.
            if args.postgres and not args.no_copy:
                copied = raw_insert(table, copy=True)
                print(f"raw COPY {copied[1][0]:.1f} s wall, {copied[1][1]:.1f} s CPU: commit = "
                      f"{copied[1][0] / commit_s[0]:.0%} wall, {copied[1][1] / commit_s[1]:.0%} "
                      "CPU of it")
            return 0
        insert = raw_insert(table)
        assert insert[0] == rows, insert
        copied = raw_insert(table, copy=True) if args.postgres else None
        print(ratio_table(rows, read, check_s, insert, commit_s, peak, reader, copied))
        return 0
    finally:
        shutil.rmtree(var_dir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
