"""Benchmark: reporting discipline over a province of many units and a year of requests.

    python bench/bench_reporting.py [UNITS] [REQUESTS]    # default 1000 units × 50 requests

A scratch SQLite database (fresh TDKT_VAR_DIR, deleted at the end): UNITS units under one
province, REQUESTS report requests of 2025 issued through `issue_request` (one filing per unit
each, i.e. UNITS × REQUESTS filings), then a random record — 70 % on time, 15 % late, 10 %
missing, 5 % not due — written in bulk. Timed:
1. `issue_request` for one request to every unit (targets through the closure, bulk filings,
   notifications);
2. the timeliness summary of every unit for the year (`year_summaries`: one GROUP BY);
3. criterion 2.2's points for every unit (`emulation.movements.domain.feeds.system_points`);
4. the evidence (every late or missing filing) and page 1 of the board's overdue list.
BENCH_UNITS / BENCH_REQUESTS (environment) change the defaults.
"""

import datetime
import os
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from scratch import max_rss_mb, setup_django  # noqa: E402 — bench/ is run as scripts

TODAY = datetime.date(2025, 12, 20)


def build(units: int, requests: int):
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from accounts.models import User
    from organisations.domain.tree import rebuild_tree_index
    from organisations.models import Unit
    from reports.domain import requests as domain
    from reports.models import ReportRequest

    actor = User.objects.create(username="bench", is_superuser=True)
    root = Unit.objects.create(code="ROOT", name="Tỉnh", level="province",
                               kind="peoples_committee", valid_from="2010-01-01")
    Unit.objects.bulk_create(Unit(code=f"B{i:05d}", name=f"Đơn vị {i}", parent=root,
                                  level="grassroots", kind="agency", valid_from="2010-01-01")
                             for i in range(units))
    rebuild_tree_index()
    timings = []
    for n in range(requests):
        req = domain.create_request(actor=actor, requester=root, roots=[root],
                                    title=f"Báo cáo số {n + 1}", kind="ad_hoc", year=2025,
                                    period=None, due_date=datetime.date(2099, 1, 1))
        started = time.perf_counter()
        domain.issue_request(req, actor=actor)
        timings.append(time.perf_counter() - started)
    # Spread the due dates over 2025 (issue refuses a past date; the bench moves them after).
    for n, req in enumerate(ReportRequest.objects.order_by("id")):
        due = datetime.date(2025, 1, 1) + datetime.timedelta(days=7 * n)
        ReportRequest.objects.filter(pk=req.pk).update(due_date=due)
        req.filings.update(due_date=due)
    print(f"issue_request to {units} units: median {1000 * sorted(timings)[len(timings) // 2]:.0f}"
          f" ms, max {1000 * max(timings):.0f} ms")
    return root, actor


def scatter_record() -> int:
    """70 % on time, 15 % late, 10 % missing (past due, nothing filed), 5 % not due."""
    from reports.models import ReportFiling

    rng = random.Random(3)
    ids = list(ReportFiling.objects.values_list("id", flat=True))
    rng.shuffle(ids)
    cut = [int(len(ids) * share) for share in (0.70, 0.85)]
    now = datetime.datetime(2025, 6, 1, tzinfo=datetime.UTC)
    for chunk, on_time in ((ids[:cut[0]], True), (ids[cut[0]:cut[1]], False)):
        for start in range(0, len(chunk), 5000):
            ReportFiling.objects.filter(id__in=chunk[start:start + 5000]).update(
                state="filed", on_time=on_time, first_filed_at=now, filed_at=now)
    rest = ids[cut[1]:]
    not_due = rest[: len(ids) // 20]
    for start in range(0, len(not_due), 5000):
        ReportFiling.objects.filter(id__in=not_due[start:start + 5000]).update(
            due_date=datetime.date(2025, 12, 31))
    return len(ids)


def timed(label, call):
    started = time.perf_counter()
    result = call()
    print(f"{label}: {1000 * (time.perf_counter() - started):.0f} ms")
    return result


def measure(root, actor) -> None:
    from emulation.movements.domain import feeds
    from emulation.movements.enums import CriterionFeed
    from organisations.models import Unit
    from reports.domain import timeliness
    from reports.domain.queries.reporting import overdue_filings

    unit_ids = list(Unit.objects.exclude(pk=root.pk).values_list("id", flat=True))
    summaries = timed(f"year_summaries for {len(unit_ids)} units",
                      lambda: timeliness.year_summaries(unit_ids, 2025, TODAY))
    totals = [sum(getattr(s, f) for s in summaries.values())
              for f in ("total", "on_time", "late", "missing", "not_due")]
    print("  filings {} = on time {} + late {} + missing {} + not due {}".format(*totals))

    class Fed:
        code, feed, max_points = "2.2", CriterionFeed.REPORTING_ON_TIME, 10

    points = timed("criterion 2.2 points for every unit (system_points)",
                   lambda: feeds.system_points([Fed()], unit_ids, 2025))
    values = sorted(points.values())
    print(f"  points: min {values[0]}, median {values[len(values) // 2]}, max {values[-1]}")
    evidence = timed("late or missing filings (the evidence), all units",
                     lambda: len(list(timeliness.late_or_missing(unit_ids, 2025, TODAY))))
    print(f"  {evidence} rows")
    page = timed("overdue list, page 1 (100 rows)",
                 lambda: list(overdue_filings(actor, TODAY)[:101]))
    print(f"  {len(page)} rows fetched")


def main() -> int:
    units = int(sys.argv[1]) if len(sys.argv) > 1 else int(os.environ.get("BENCH_UNITS", 1000))
    requests = (int(sys.argv[2]) if len(sys.argv) > 2
                else int(os.environ.get("BENCH_REQUESTS", 50)))
    var_dir = Path(tempfile.mkdtemp(prefix="tdkt-bench-"))
    try:
        setup_django(var_dir)
        started = time.perf_counter()
        root, actor = build(units, requests)
        print(f"built {scatter_record()} filings in {time.perf_counter() - started:.1f} s")
        measure(root, actor)
        print(f"peak RSS {max_rss_mb():.0f} MB")
    finally:
        shutil.rmtree(var_dir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
