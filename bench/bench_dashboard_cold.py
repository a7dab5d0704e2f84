"""The dashboard's award figures computed cold, and what the ledger's write path costs (not in CI).

    BENCH_PAGES_HOME=/work/wt/bench-national-h2 python bench/bench_dashboard_cold.py
    BENCH_PAGES_HOME=/work/wt/bench-h2-province python bench/bench_dashboard_cold.py --insert 50000

Starts the kept cluster of `bench_pages.py` (its migrations applied first, as that script does)
and, in this process:

1. times `reports.interfaces.figures._award_figures` — what the first dashboard request after a
   change of the ledger computes (the cache is bypassed) — for the province's board
   (`banthidua`), --repeat times; the first is read with the database's buffers as the previous
   run left them, the rest warm;
2. with --insert N, times `core.bulk.insert_rows` of N live award records (COPY), alternating with
   the award totals' triggers (`awards.models.award_totals`) dropped inside the same transaction,
   every round rolled back, so the two are measured moments apart on the same busy machine.

Prints the load average before and after. Never run it on a data set another benchmark is using.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]
from bench_pages import HOME, STATE, KeptPostgres, ensure_province  # noqa: E402
from serve import site_env  # noqa: E402


def cold_figures(repeat: int) -> list[float]:
    from django.contrib.auth import get_user_model
    from django.test import RequestFactory

    from reports.interfaces.figures import _award_figures

    request = RequestFactory().get("/statistics/")
    request.user = get_user_model().objects.get(username="banthidua")
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        _award_figures(request, None)
        times.append(time.perf_counter() - started)
    return times


def insert_cost(count: int, rounds: int) -> dict[str, list[float]]:
    from django.db import connection, transaction

    from awards.models import AwardRecord, AwardType
    from core.bulk import insert_rows
    from organisations.models import Person

    award_type = AwardType.objects.get(code="giay_khen").pk
    people = list(Person.objects.filter(unit__isnull=False).order_by("pk")
                  .values_list("pk", "unit_id")[:count])
    fields = ("award_type_id", "person_id", "unit_id", "year", "decision_number",
              "decision_date", "issuer")
    rows = [(award_type, pk, unit, 1990, "1/QĐ-UBND", "1991-01-02", "UBND tỉnh")
            for pk, unit in people]
    times: dict[str, list[float]] = {"with totals trigger": [], "without": []}
    for _ in range(rounds):
        for label in times:
            with transaction.atomic():
                if label == "without":
                    with connection.cursor() as cursor:
                        for trigger in ("insert", "update", "delete"):
                            cursor.execute(f"DROP TRIGGER IF EXISTS tdkt_award_totals_{trigger}"
                                           " ON awards_awardrecord")
                started = time.perf_counter()
                insert_rows(AwardRecord, fields, rows)
                times[label].append(time.perf_counter() - started)
                transaction.set_rollback(True)
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--insert", type=int, default=0, help="records per insert round")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    if not STATE.exists():
        print(f"no kept data set in {HOME}", file=sys.stderr)
        return 1
    postgres = KeptPostgres(HOME / "pg", rebuild=False)
    env = site_env(HOME / "site", TDKT_LOGIN_MAX_FAILURES_PER_ADDRESS="100000")
    try:
        ensure_province(postgres, argparse.Namespace(people=0, provinces=1), env)
        import django

        django.setup()
        from awards.models import AwardRecord, AwardTotal

        print(f"{AwardTotal.objects.count():,} award totals for "
              f"{AwardRecord.objects.count():,} award records")
        before = os.getloadavg()[0]
        times = cold_figures(args.repeat)
        print("award figures (s): " + " ".join(f"{t:.3f}" for t in times)
              + f"; first {times[0]:.3f}, median of the rest "
              f"{statistics.median(times[1:] or times):.3f}")
        if args.insert:
            for label, spent in insert_cost(args.insert, args.rounds).items():
                print(f"insert_rows of {args.insert:,} records, {label}: "
                      + " ".join(f"{t:.2f}" for t in spent)
                      + f" (median {statistics.median(spent):.2f} s)")
        print(f"load average {before:.1f} before, {os.getloadavg()[0]:.1f} after; "
              f"{time.strftime('%Y-%m-%d %H:%M')}")
        return 0
    finally:
        postgres.stop()


if __name__ == "__main__":
    sys.exit(main())
