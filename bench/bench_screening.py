""""Who qualifies" for a whole scope as a background run, against the kept PostgreSQL data set of
bench_pages (issue 14.6; not in CI):

    BENCH_PAGES_HOME=/work/wt/bench-national python bench/bench_screening.py \
        [--scopes 10k,100k,1m] [--workers 1,2] [--award ldtt] [--year 2025]

For each scope (≈10,000 people: a board user over the district nearest that size; 100,000: the
province board `banthidua`; 1,000,000: the system administrator, every province) and each
worker count, starts that many `manage.py db_worker` processes (django-tasks' database
queue, as production runs them), asks for a run through `request_screening` (the page's domain
function), waits for it to end and prints: people, chunks, people found, seconds from the
request to the end and from the plan to the end (the run's started → finished), people per
second of the run. Time that grows at most
linearly with people shows as a steady people/second down the table.
"""

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]
from bench_pages import HOME, STATE, KeptPostgres, migrate_kept  # noqa: E402
from serve import site_env  # noqa: E402

SIZES = {"10k": 10_000, "100k": 100_000, "1m": 1_000_000}


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scopes", default="10k,100k")
    parser.add_argument("--workers", default="1,2")
    parser.add_argument("--award", default="ldtt")
    parser.add_argument("--year", type=int, default=2025)
    parser.add_argument("--timeout", type=float, default=3600)
    parser.add_argument("--warm-up", type=float, default=10,
                        help="seconds the workers get to start before the request")
    return parser.parse_args()


def requester(scope: str):
    """The user whose scope is about SIZES[scope] people."""
    from accounts.domain.users import create_user, grant_role
    from accounts.enums import Role
    from accounts.models import User

    if scope == "1m":
        return User.objects.get(username="admin")
    if scope == "100k":
        return User.objects.get(username="banthidua")
    name = f"bench_{scope}"
    user = User.objects.filter(username=name).first()
    if user is None:
        user = create_user(None, username=name, password=os.urandom(12).hex())
        grant_role(None, user, role=Role.BOARD_STAFF, unit=unit_of_about(SIZES[scope]))
    return user


def unit_of_about(people: int):
    """The unit of the first province whose subtree holds the number of people nearest `people`."""
    from django.db import connection

    from organisations.models import Unit

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.ancestor_id, count(*) FROM organisations_unitclosure c "
            "JOIN organisations_person p ON p.unit_id = c.descendant_id "
            "JOIN organisations_unit u ON u.id = c.ancestor_id "
            "WHERE u.code !~ '^T[0-9]{2}[.]' GROUP BY c.ancestor_id "
            "ORDER BY abs(count(*) - %s) LIMIT 1", [people])
        unit_id, _count = cursor.fetchone()
    return Unit.objects.get(pk=unit_id)


def workers(count: int, env: dict) -> list[subprocess.Popen]:
    return [subprocess.Popen(
        [sys.executable, "manage.py", "db_worker", "--interval", "0.1", "--no-startup-delay",
         "--worker-id", f"bench-screening-{i}"], cwd=ROOT, env=env,
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE) for i in range(count)]


def stop(processes: list[subprocess.Popen]) -> None:
    for process in processes:
        process.terminate()
    for process in processes:
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()


def measure(user, args, count: int, env: dict) -> str:
    from awards.domain.screening_runs import request_screening
    from awards.models import ScreeningRun

    processes = workers(count, env)
    time.sleep(args.warm_up)  # the workers' Django start-up is not the screening's time
    try:
        began = time.perf_counter()
        run = request_screening(user, args.award, args.year)
        while True:
            time.sleep(0.5)
            run = ScreeningRun.objects.get(pk=run.pk)
            if run.state in ("done", "failed") or time.perf_counter() - began > args.timeout:
                break
        wall = time.perf_counter() - began
    finally:
        stop(processes)
    screened = run.seconds or 0
    return (f"{user.username:<12} {count:>7} {run.people_total:>9,} {run.chunks_total:>6} "
            f"{run.qualified:>9,} {wall:>9.1f} {screened:>9.1f} "
            f"{run.people_total / screened if screened else 0:>9,.0f}  {run.state}")


def main() -> int:
    args = parse_args()
    state = json.loads(STATE.read_text())
    postgres = KeptPostgres(HOME / "pg", rebuild=False)
    env = site_env(HOME / "site")
    url = postgres.start(state["password"])
    os.environ.clear()
    os.environ.update({**env, "DATABASE_URL": url})
    try:
        migrate_kept()
        import django

        django.setup()
        load = os.getloadavg()[0]
        lines = [f"{'requester':<12} {'workers':>7} {'people':>9} {'chunks':>6} {'qualify':>9} "
                 f"{'wall s':>9} {'run s':>9} {'people/s':>9}  state"]
        print(lines[0], flush=True)
        for scope in args.scopes.split(","):
            user = requester(scope)
            for count in [int(n) for n in args.workers.split(",")]:
                lines.append(measure(user, args, count, dict(os.environ)))
                print(lines[-1], flush=True)
        header = (f"== who qualifies ({args.award}, {args.year}) as a background run; "
                  f"{state['people']:,} people in the database; {os.cpu_count()} CPUs, load "
                  f"average {load:.1f} before, {os.getloadavg()[0]:.1f} after; "
                  f"{time.strftime('%Y-%m-%d %H:%M')} ==")
        print(header)
        (HOME / f"screening-{time.strftime('%Y%m%d-%H%M%S')}.txt").write_text(
            "\n".join([header, *lines]) + "\n")
        return 0
    finally:
        postgres.stop()


if __name__ == "__main__":
    sys.exit(main())
