"""Benchmark: importing N people from one Excel file through the real import functions.

    python bench/bench_import_people.py [N]    # N rows (default 100000, or BENCH_IMPORT_ROWS)
    python bench/bench_import_people.py 20000 --tracemalloc

Works in a scratch SQLite database (a fresh TDKT_VAR_DIR, deleted at the end; DATABASE_URL is
ignored so no real database is touched). Creates a province, a few units and a system
administrator, writes an .xlsx of N people with valid, unique CCCDs (half the birth dates as
date cells, half as dd/mm/yyyy text, as real files mix them), then runs the same domain functions
the worker runs: `create_job` → `run_validation` → `request_commit` → `run_commit`.

Reports seconds for writing the file, checking and committing, rows per second, and peak memory:
`ru_maxrss` of the process after each phase and, with --tracemalloc, the peak of Python
allocations during checking and committing (tracing slows them, so it is off by default).
"""

import argparse
import datetime
import os
import shutil
import sys
import tempfile
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from import_speed import Clock, ratio_table, raw_insert, raw_read  # noqa: E402
from scratch import max_rss_mb, setup_django  # noqa: E402 — bench/ is run as scripts

PROVINCES = ["001", "008", "022", "026", "031"]
UNIT_CODES = ["BENCH-SO-GD", "BENCH-SO-YT", "BENCH-SO-TC", "BENCH-XA-1", "BENCH-XA-2"]


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("rows", nargs="?", type=int,
                        default=int(os.environ.get("BENCH_IMPORT_ROWS", 100_000)),
                        help="people in the file (default 100000)")
    parser.add_argument("--tracemalloc", action="store_true",
                        help="also report the tracemalloc peak of checking and committing")
    parser.add_argument("--keep", action="store_true",
                        help="keep the scratch directory (its path is printed)")
    return parser.parse_args()


def build_world():
    from accounts.enums import Role
    from accounts.models import RoleAssignment, User
    from organisations.domain.tree import rebuild_tree_index
    from organisations.enums import UnitKind, UnitLevel
    from organisations.models import Unit

    province = Unit.objects.create(code="BENCH-TINH", name="Tỉnh Đo Tốc Độ",
                                   level=UnitLevel.PROVINCE, kind=UnitKind.PEOPLES_COMMITTEE)
    for code in UNIT_CODES:
        Unit.objects.create(code=code, name=f"Đơn vị {code}", parent=province,
                            level=UnitLevel.PROVINCE, kind=UnitKind.DEPARTMENT)
    rebuild_tree_index()
    admin = User.objects.create_user("bench-admin", password="Bench-only-2025!")
    RoleAssignment.objects.create(user=admin, role=Role.SYSTEM_ADMIN)
    return admin


def person_values(n: int) -> list:
    """Row n: a valid CCCD unique by its 6-digit serial, gender and birth year matching it."""
    from organisations.domain.cccd import century_digit

    female = n % 2 == 1
    birth = datetime.date(1960 + n % 45, 1 + n % 12, 1 + n % 28)
    gender = "female" if female else "male"
    cccd = (f"{PROVINCES[n % len(PROVINCES)]}{century_digit(gender, birth.year)}"
            f"{birth.year % 100:02d}{n % 1_000_000:06d}")
    return [cccd, f"Nguyễn Văn Thử {n}", "Nữ" if female else "Nam",
            birth if n % 2 else birth.strftime("%d/%m/%Y"), "Kinh",
            UNIT_CODES[n % len(UNIT_CODES)], "Chuyên viên", "", "x" if n % 10 == 0 else "",
            "", "01/01/2020"]


def write_file(path: Path, rows: int) -> None:
    from openpyxl import Workbook

    from organisations.interfaces.importers import PersonImporter

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Dữ liệu")
    sheet.append([column.header for column in PersonImporter.columns])
    for n in range(rows):
        sheet.append(person_values(n))
    workbook.save(path)


def timed(label: str, trace: bool, work):
    """Run `work()`, print its time and memory; return (result, (wall, CPU seconds))."""
    if trace:
        tracemalloc.start()
    clock = Clock()
    result = work()
    seconds = clock.stop()
    traced = ""
    if trace:
        traced = f", tracemalloc peak {tracemalloc.get_traced_memory()[1] / 2**20:.1f} MB"
        tracemalloc.stop()
    print(f"{label:<14} {seconds[0]:8.1f} s ({seconds[1]:.1f} s CPU)   max RSS so far "
          f"{max_rss_mb():7.1f} MB{traced}", flush=True)
    return result, seconds


def run(args: argparse.Namespace, var_dir: Path) -> int:
    from django.core.files import File
    from django.core.management import call_command

    from imports.domain.engine import run_commit, run_validation
    from imports.domain.queue import create_job, request_commit
    from imports.enums import JobState
    from organisations.models import Employment, Person

    call_command("migrate", verbosity=0, interactive=False)
    admin = build_world()
    print(f"== Import of {args.rows:,} people (scratch SQLite in {var_dir}); "
          f"baseline max RSS {max_rss_mb():.1f} MB")

    path = var_dir / "people.xlsx"
    _none, write_s = timed("write file", False, lambda: write_file(path, args.rows))
    print(f"{'':<14} file {path.stat().st_size / 2**20:.1f} MB")
    read = raw_read(path)
    print(f"{'raw read':<14} {read[1][0]:8.1f} s ({read[1][1]:.1f} s CPU)   max RSS so far "
          f"{max_rss_mb():7.1f} MB")
    with path.open("rb") as handle:
        job = create_job(admin, "people", File(handle, name=path.name), language="vi")
    job, check_s = timed("validation", args.tracemalloc, lambda: run_validation(job))
    if job.state != JobState.VALIDATED:
        print(f"validation ended {job.state}: {job.error_count} errors, "
              f"first: {list(job.errors.values_list('row_number', 'column', 'message')[:3])}")
        return 1
    job = request_commit(job, admin)
    job, commit_s = timed("commit", args.tracemalloc, lambda: run_commit(job))
    if job.state != JobState.COMMITTED:
        print(f"commit ended {job.state}: {job.message}")
        return 1

    people, jobs = Person.objects.count(), Employment.objects.count()
    assert people == jobs == args.rows, (people, jobs)
    print()
    print(f"rows:                 {args.rows:,} (people {people:,}, employments {jobs:,})")
    print(f"write file:           {write_s[0]:.1f} s")
    print(f"validation:           {check_s[0]:.1f} s  ({args.rows / check_s[0]:,.0f} rows/s)")
    print(f"commit:               {commit_s[0]:.1f} s  ({args.rows / commit_s[0]:,.0f} rows/s)")
    print(f"validation + commit:  {check_s[0] + commit_s[0]:.1f} s  "
          f"({args.rows / (check_s[0] + commit_s[0]):,.0f} rows/s)")
    print(f"peak RSS:             {max_rss_mb():.1f} MB")
    peak = max_rss_mb()
    insert = raw_insert([("organisations_person", "cccd IS NOT NULL"),
                         ("organisations_employment", "1 = 1")])
    assert insert[0] == 2 * args.rows, insert
    print()
    print(ratio_table(args.rows, read, check_s, insert, commit_s, peak))
    return 0


def main() -> int:
    args = parse_args()
    if args.rows < 1 or args.rows > 1_000_000:
        raise SystemExit("rows must be between 1 and 1,000,000 (the CCCD serial has 6 digits)")
    var_dir = Path(tempfile.mkdtemp(prefix="tdkt-bench-import-"))
    try:
        setup_django(var_dir, task_backend="django_tasks.backends.dummy.DummyBackend")
        return run(args, var_dir)
    finally:
        if args.keep:
            print(f"scratch directory kept: {var_dir}")
        else:
            shutil.rmtree(var_dir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
