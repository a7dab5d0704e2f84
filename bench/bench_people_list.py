"""Benchmark: the people list of a large province, as the emulation board sees it.

    python bench/bench_people_list.py [N]      # N people in the demo province (default 100000)

Builds the demo province in a scratch SQLite database (a fresh TDKT_VAR_DIR, deleted at the end;
DATABASE_URL is ignored so no real database is ever flushed), signs the board-staff persona in
and times, with Django's test client (in-process: no network, no browser):

    /healthz                 the trivial view every list page is compared with
    the people list          first page, page 50, a search without diacritics, a unit filter
    a person's detail page

Each request is warmed up, then timed RUNS times; the report gives the median and p95 in ms, the
SQL queries of one request (counted on a separate, untimed run) and median / median of /healthz.
BENCH_PEOPLE, BENCH_RUNS and BENCH_WARMUP (environment) change the defaults.
"""

import argparse
import math
import os
import shutil
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from scratch import setup_django  # noqa: E402 — bench/ is run as scripts


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("people", nargs="?", type=int,
                        default=int(os.environ.get("BENCH_PEOPLE", 100_000)),
                        help="people in the demo province (default 100000)")
    parser.add_argument("--runs", type=int, default=int(os.environ.get("BENCH_RUNS", 20)),
                        help="timed requests per URL (default 20)")
    parser.add_argument("--warmup", type=int, default=int(os.environ.get("BENCH_WARMUP", 3)),
                        help="untimed requests per URL first (default 3)")
    parser.add_argument("--keep", action="store_true",
                        help="keep the scratch directory (its path is printed)")
    return parser.parse_args()




@dataclass
class Result:
    label: str
    url: str
    median_ms: float
    p95_ms: float
    queries: int
    size_kb: float


def p95(samples: list[float]) -> float:
    """Nearest-rank 95th percentile."""
    ordered = sorted(samples)
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]


def measure(client, label: str, url: str, runs: int, warmup: int) -> Result:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(warmup):
        response = client.get(url)
        if response.status_code != 200:
            raise SystemExit(f"{label}: GET {url} answered {response.status_code}")
    with CaptureQueriesContext(connection) as captured:  # untimed: capturing costs time itself
        response = client.get(url)
    queries = len(captured)  # now: every request (request_started) empties the query log
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        client.get(url)
        samples.append((time.perf_counter() - started) * 1000)
    return Result(label, url, statistics.median(samples), p95(samples), queries,
                  len(response.content) / 1024)


def file_size(path: Path) -> int:
    return path.stat().st_size if path.exists() else 0


def main() -> int:
    args = parse_args()
    if args.people < 1 or args.runs < 1 or args.warmup < 0:
        raise SystemExit("people and --runs must be positive, --warmup non-negative")
    var_dir = Path(tempfile.mkdtemp(prefix="tdkt-bench-"))
    try:
        setup_django(var_dir)
        return run(args, var_dir)
    finally:
        if args.keep:
            print(f"scratch directory kept: {var_dir}")
        else:
            shutil.rmtree(var_dir, ignore_errors=True)


def run(args: argparse.Namespace, var_dir: Path) -> int:
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.db.models import Count
    from django.test import Client

    from accounts.enums import Role
    from accounts.models import RoleAssignment
    from organisations.domain.queries import people_for_user, units_for_user
    from organisations.models import Person, Unit

    print(f"== People list benchmark: {args.people:,} people, {args.runs} runs after "
          f"{args.warmup} warm-up, database {settings.DATABASES['default']['ENGINE']}")

    started = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    print(f"migrate: {time.perf_counter() - started:.1f} s")
    # Fail fast, before minutes of seeding, if the site does not even answer.
    smoke = Client().get("/healthz")
    if smoke.status_code != 200:
        raise SystemExit(f"GET /healthz answered {smoke.status_code} before seeding")

    started = time.perf_counter()
    call_command("seed_demo", people=args.people, reset=True, history=False, verbosity=1)
    print(f"seed_demo: {time.perf_counter() - started:.1f} s")

    # The board-staff persona (its scope is the province: every person of the demo).
    assignment = (RoleAssignment.objects.filter(role=Role.BOARD_STAFF, is_active=True)
                  .select_related("user", "unit").order_by("pk").first())
    if assignment is None:
        raise SystemExit("seed_demo created no board-staff account")
    board = assignment.user
    people = people_for_user(board)
    people_in_scope = people.count()
    deep_page = min(50, max(1, math.ceil(people_in_scope / 50)))
    # The current unit with the most people, and the person with the longest career.
    unit = (units_for_user(board).filter(valid_to__isnull=True)
            .annotate(n=Count("people")).order_by("-n", "code").first())
    person = people.annotate(jobs=Count("employments")).order_by("-jobs", "pk").first()
    if unit is None or person is None:
        raise SystemExit("the board-staff persona sees no unit or no person")

    print(f"signed in as {board.username!r} ({assignment.get_role_display()}, "
          f"scope {assignment.unit}): {people_in_scope:,} of {Person.objects.count():,} people, "
          f"{Unit.objects.count()} units")
    print(f"unit filter: {unit.code} ({unit.n:,} people); "
          f"detail: {person.full_name} ({person.jobs} employments)")

    client = Client()
    client.force_login(board)
    cases = [
        ("healthz", "/healthz"),
        ("people, page 1", "/organisations/people/"),
        (f"people, page {deep_page}", f"/organisations/people/?page={deep_page}"),
        ("search 'nguyen van'", "/organisations/people/?q=nguyen+van"),
        (f"unit filter {unit.code}", f"/organisations/people/?unit={unit.code}"),
        ("person detail", f"/organisations/people/{person.public_id}/"),
    ]
    results = [measure(client, label, url, args.runs, args.warmup) for label, url in cases]

    base = results[0].median_ms
    print()
    print(f"{'request':<28} {'median ms':>10} {'p95 ms':>9} {'queries':>8} {'KiB':>7} "
          f"{'× healthz':>10}")
    for r in results:
        print(f"{r.label:<28} {r.median_ms:>10.2f} {r.p95_ms:>9.2f} {r.queries:>8} "
              f"{r.size_kb:>7.1f} {r.median_ms / base:>10.1f}")

    connection.close()
    db_path = Path(settings.DATABASES["default"]["NAME"])
    db_bytes = file_size(db_path)
    wal_bytes = file_size(db_path.with_name(db_path.name + "-wal"))
    print(f"\nDB size: {db_bytes / 2**20:.1f} MiB ({db_path.name})"
          + (f" + {wal_bytes / 2**20:.1f} MiB write-ahead log" if wal_bytes else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
