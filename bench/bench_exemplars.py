"""Benchmark: exemplary models on the public portal and the remediation-task list.

    python bench/bench_exemplars.py [N]      # N exemplars (default 20000) and N/4 tasks

Builds a small demo province (1,000 people) in a scratch SQLite database (a
fresh TDKT_VAR_DIR, deleted at the end; DATABASE_URL is ignored), bulk-loads N exemplars (half
published) and N/4 remediation tasks (a third overdue), then times with the test client:

    portal list (anonymous)   page 1, page 20, a search without diacritics
    back-office list (board)  exemplars page 1, a search
    task list (board)         open tasks, overdue only; and overdue_tasks(board).count()

BENCH_EXEMPLARS and BENCH_RUNS (environment) change the defaults.
"""

import argparse
import datetime
import math
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from scratch import setup_django  # noqa: E402 — bench/ is run as scripts


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("exemplars", nargs="?", type=int,
                        default=int(os.environ.get("BENCH_EXEMPLARS", 20_000)))
    parser.add_argument("--runs", type=int, default=int(os.environ.get("BENCH_RUNS", 30)))
    parser.add_argument("--keep", action="store_true", help="keep the scratch directory")
    return parser.parse_args()


def p95(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]


def line(label: str, samples: list[float]) -> None:
    print(f"{label:<36} p50 {statistics.median(samples):8.2f} ms   p95 {p95(samples):8.2f} ms")


def load(n: int, rng: random.Random) -> None:
    """Bulk-load n exemplars and n/4 tasks, as an import would (no audit rows)."""
    from django.utils import timezone

    from core.text import fold_join
    from emulation.exemplars.domain.inspections import (
        conclude_visit,
        create_plan,
        record_findings,
        schedule_visit,
    )
    from emulation.exemplars.models import Exemplar, RemediationTask
    from organisations.models import Person, Unit

    people = list(Person.objects.filter(unit__isnull=False).select_related("unit")[:1000])
    now = timezone.now()
    rows = []
    for i in range(n):
        person = rng.choice(people)
        title = f"Gương người tốt việc tốt số {i} ở {person.unit.name}"
        rows.append(Exemplar(
            kind=rng.choice(["dien_hinh", "nguoi_tot", "mo_hinh"]), unit=person.unit,
            person=person, title=title, story="Câu chuyện " * 40, field="Giáo dục",
            discovered_year=2016 + i % 10, state="published" if i % 2 else "recognised",
            published_at=now if i % 2 else None,
            search_text=fold_join(person.full_name, title, "Giáo dục", person.unit.name)))
    Exemplar.objects.bulk_create(rows, batch_size=2000)
    province = Unit.objects.filter(parent__isnull=True, valid_to__isnull=True).first()
    today = timezone.localdate()
    plan = create_plan(actor=None, year=today.year, unit=province, title="Kế hoạch kiểm tra")
    units = list(Unit.objects.filter(valid_to__isnull=True, parent__isnull=False)[:40])
    visits = []
    for unit in units:
        visit = schedule_visit(plan, actor=None, inspected_unit=unit,
                               date=datetime.date(today.year, 1, 2), team="Đoàn")
        visit = record_findings(visit, actor=None, findings="x")
        visits.append(conclude_visit(visit, actor=None, conclusion="y"))
    RemediationTask.objects.bulk_create([RemediationTask(
        visit=(v := rng.choice(visits)), description=f"Nhiệm vụ {i}", owner_unit=v.inspected_unit,
        deadline=today + datetime.timedelta(days=rng.choice([-30, 30, 60])))
        for i in range(n // 4)], batch_size=5000)


def timed(client, label: str, url: str, runs: int) -> None:
    for _ in range(3):
        response = client.get(url, secure=True)  # production settings redirect to HTTPS
        if response.status_code != 200:
            raise SystemExit(f"GET {url} answered {response.status_code}")
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        client.get(url, secure=True)
        samples.append((time.perf_counter() - started) * 1000)
    line(label, samples)


def run(args) -> int:
    from django.core.management import call_command
    from django.test import Client

    from accounts.enums import Role
    from accounts.models import RoleAssignment
    from emulation.exemplars.domain.queries.records import overdue_tasks

    call_command("migrate", verbosity=0, interactive=False)
    call_command("seed_demo", people=1000, reset=True, verbosity=0)
    started = time.perf_counter()
    load(args.exemplars, random.Random(2025))
    print(f"== Exemplar benchmark: {args.exemplars:,} exemplars and {args.exemplars // 4:,} "
          f"tasks loaded in {time.perf_counter() - started:.1f} s, {args.runs} runs each, SQLite")
    public = Client()
    for label, url in [("portal list, page 1", "/cong-khai/dien-hinh/"),
                       ("portal list, page 20", "/cong-khai/dien-hinh/?page=20"),
                       ("portal search 'nguoi tot so 123'",
                        "/cong-khai/dien-hinh/?q=nguoi+tot+so+123")]:
        timed(public, label, url, args.runs)
    board = (RoleAssignment.objects.filter(role=Role.BOARD_STAFF, is_active=True)
             .select_related("user").order_by("pk").first().user)
    client = Client()
    client.force_login(board)
    for label, url in [("board exemplar list, page 1", "/emulation/exemplars/"),
                       ("board exemplar search", "/emulation/exemplars/?q=so+123"),
                       ("board task list", "/emulation/inspections/tasks/"),
                       ("board task list, overdue only",
                        "/emulation/inspections/tasks/?overdue=1")]:
        timed(client, label, url, args.runs)
    samples = []
    for _ in range(args.runs):
        started = time.perf_counter()
        overdue_tasks(board).count()
        samples.append((time.perf_counter() - started) * 1000)
    line("overdue_tasks(board).count()", samples)
    return 0


def main() -> int:
    args = parse_args()
    var_dir = Path(tempfile.mkdtemp(prefix="tdkt-bench-"))
    try:
        setup_django(var_dir)
        return run(args)
    finally:
        if args.keep:
            print(f"scratch directory kept: {var_dir}")
        else:
            shutil.rmtree(var_dir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
