"""Benchmark: fairness statistics, yearly summary and a streamed ledger export over a large
award ledger.

    python bench/bench_reports.py [PEOPLE] [AWARDS]  # default 100000 1000000
                                                     # (BENCH_PEOPLE, BENCH_AWARDS; BENCH_XLSX_ROWS
                                                     # caps the .xlsx export, default AWARDS)

Scratch SQLite database (fresh TDKT_VAR_DIR, deleted at the end). Builds the demo province with
PEOPLE people (the unit and people stages of `seed_demo`), bulk-inserts AWARDS award records
(10 years, four titles/forms, spread over everyone), then times the fairness table of the whole
province, the dashboard's yearly summary (by form and year, by granting level) and the CSV and
.xlsx ledger exports, consumed chunk by chunk as a client would, with peak memory.
"""

import argparse
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

CODES = ("ldtt", "cstd_co_so", "giay_khen", "bang_khen_tinh")
YEARS = range(2016, 2026)


def build_ledger(target: int, rng: random.Random) -> int:
    from awards.models import AwardRecord, AwardType
    from organisations.models import Person

    types = list(AwardType.objects.filter(code__in=CODES))
    people = list(Person.objects.filter(unit__isnull=False).values_list("id", "unit_id"))
    # One live award per person, award and year (the ledger's unique indexes): the k-th record
    # of a person takes the k-th (year, award) pair from a shuffled list, shifted per person;
    # past every pair, a repeat is written revoked.
    combos = [(year, award) for year in YEARS for award in types]
    rng.shuffle(combos)
    total, batch = 0, []
    while total + len(batch) < target:
        n = total + len(batch)
        pid, unit_id = people[n % len(people)]
        k = n // len(people)
        year, award = combos[(k + pid) % len(combos)]
        batch.append(AwardRecord(person_id=pid, unit_id=unit_id, year=year,
                                 award_type=award, decision_number=f"{year}/QĐ",
                                 decision_date=f"{year + 1}-01-20", issuer="UBND",
                                 revoked=rng.random() < 0.01 or k >= len(combos)))
        if len(batch) >= 50_000:
            total += len(AwardRecord.objects.bulk_create(batch, batch_size=5000))
            batch = []
    return total + len(AwardRecord.objects.bulk_create(batch, batch_size=5000))


def build_tree_and_people(people: int) -> None:
    """The people and unit stages of `seed_demo` (its later proposal stage needs the demo's
    award history, which this benchmark replaces with its own ledger)."""
    from django.db import transaction

    from organisations.interfaces import demo as org_demo

    demo = org_demo.Demo(actor=None, rng=random.Random(2025))
    for stage in (lambda: org_demo.build_old_provinces(demo),
                  lambda: org_demo.populate_people(demo, people),
                  lambda: org_demo.transfer_some_people(demo),
                  lambda: org_demo.reorganise_2025(demo),
                  lambda: org_demo.add_people_to_new_units(
                      demo, per_unit=max(2, people // 1000), serial_start=people + 1)):
        with transaction.atomic():
            stage()


def timed(label: str, work):
    started = time.perf_counter()
    result = work()
    print(f"{label:<34} {time.perf_counter() - started:8.2f} s   "
          f"peak RSS so far {max_rss_mb():7.1f} MB", flush=True)
    return result


def consume(response) -> int:
    return sum(len(chunk) for chunk in response.streaming_content)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("people", nargs="?", type=int,
                        default=int(os.environ.get("BENCH_PEOPLE", 100_000)))
    parser.add_argument("awards", nargs="?", type=int,
                        default=int(os.environ.get("BENCH_AWARDS", 1_000_000)))
    args = parser.parse_args()
    xlsx_rows = int(os.environ.get("BENCH_XLSX_ROWS", args.awards))
    scratch = Path(tempfile.mkdtemp(prefix="tdkt-bench-reports-"))
    try:
        setup_django(scratch)
        from django.core.management import call_command
        from django.utils import translation

        from awards.interfaces.exports import ledger_export
        from awards.models import AwardRecord
        from organisations.models import Unit
        from reports.domain import dashboard
        from reports.domain.fairness import Filters, fairness_table
        from reports.domain.scope import row_units

        translation.activate("vi")
        started = time.perf_counter()
        call_command("migrate", verbosity=0)
        build_tree_and_people(args.people)
        records = build_ledger(args.awards, random.Random(11))
        total = AwardRecord.objects.count()
        print(f"setup: {args.people:,} people, {records:,} award records inserted "
              f"({total:,} in the ledger), {time.perf_counter() - started:.0f} s", flush=True)

        root = (Unit.objects.filter(parent__isnull=True, valid_to__isnull=True)
                .order_by("path").first())
        children = row_units(root)
        table = timed(f"fairness, {len(children)} unit rows",
                      lambda: fairness_table(root, children, Filters(2016, 2025)))
        print(f"  total row: {table[-1].awards['total']:,} awards, "
              f"{table[-1].people['total']:,} people")
        every = AwardRecord.objects.all()
        today = datetime.date.today()
        timed("yearly summary (form × year, level)",
              lambda: (dashboard.awards_by_form_and_year(every, today.year),
                       dashboard.awards_by_level(every, today)))
        size = timed(f"CSV export, {total:,} rows", lambda: consume(ledger_export("csv", every)))
        print(f"  {size / 2**20:,.1f} MB written")
        capped = every.filter(id__in=AwardRecord.objects.order_by("id")
                              .values("id")[:xlsx_rows]) if xlsx_rows < total else every
        size = timed(f"xlsx export, {min(xlsx_rows, total):,} rows",
                     lambda: consume(ledger_export("xlsx", capped)))
        print(f"  {size / 2**20:,.1f} MB written; peak memory (whole process) "
              f"{max_rss_mb():.0f} MB")
        return 0
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
