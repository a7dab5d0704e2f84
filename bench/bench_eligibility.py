"""Benchmark: province-wide "who qualifies" for every individual award the engine covers.

    python bench/bench_eligibility.py [N]      # N people (default 100000), 10 award records each

Builds the demo province in a scratch SQLite database (fresh TDKT_VAR_DIR, deleted at the end),
adds 7 annual ratings and 10 award records per person (1,000,000 records for 100,000 people), then
measures in the same run:

    bare read      reading the same rows the engine needs (ratings + award records) from the
                   database, nothing else
    who qualifies  building the cases (awards.domain.queries.cases) and evaluating all 8 awards
                   for every person (awards.domain.qualify), as the screen and export do

and prints both, the ratio, evaluations per second and peak memory.
BENCH_PEOPLE (environment) changes the default size.
"""

import argparse
import os
import random
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from scratch import setup_django  # noqa: E402 — bench/ is run as scripts

YEARS = range(2019, 2026)




def build_history(rng: random.Random) -> int:
    """7 ratings and 10 award records per person, bulk-inserted."""
    from awards.models import AwardRecord, AwardType, TaskRating
    from organisations.models import Person

    types = {t.code: t for t in AwardType.objects.filter(
        code__in=["ldtt", "cstd_co_so", "bang_khen_tinh"])}
    records, ratings, total = [], [], 0
    for pid, unit_id in Person.objects.values_list("id", "unit_id").iterator(chunk_size=10_000):
        excellent = rng.random() < 0.3
        for year in YEARS:
            ratings.append(TaskRating(person_id=pid, unit_id=unit_id, year=year,
                                      rating="xuat_sac" if excellent else "tot"))
            records.append(AwardRecord(person_id=pid, unit_id=unit_id, year=year,
                                       award_type=types["ldtt"], decision_number=f"{year}/QĐ",
                                       decision_date=f"{year + 1}-01-20", issuer="UBND"))
        for year in (2023, 2024, 2025):
            code = "cstd_co_so" if excellent or year != 2023 else "bang_khen_tinh"
            records.append(AwardRecord(person_id=pid, unit_id=unit_id, year=year,
                                       award_type=types[code], decision_number=f"{year}/QĐ-CS",
                                       decision_date=f"{year + 1}-02-01", issuer="UBND"))
        if len(records) >= 50_000:
            total += len(AwardRecord.objects.bulk_create(records, batch_size=5000))
            TaskRating.objects.bulk_create(ratings, batch_size=5000)
            records, ratings = [], []
    total += len(AwardRecord.objects.bulk_create(records, batch_size=5000))
    TaskRating.objects.bulk_create(ratings, batch_size=5000)
    return total


def bare_read() -> int:
    from awards.models import AwardRecord, TaskRating

    rows = 0
    for _row in TaskRating.objects.values_list("person_id", "year", "rating").iterator(
            chunk_size=5000):
        rows += 1
    for _row in AwardRecord.objects.values_list("person_id", "award_type_id", "year", "kind",
                                                "revoked").iterator(chunk_size=5000):
        rows += 1
    return rows


def who_qualifies() -> tuple[int, int]:
    from awards.domain.parameters import CatalogueParameters
    from awards.domain.profile import INDIVIDUAL_AWARDS
    from awards.domain.queries.cases import CASE_FIELDS, cases_for_people
    from awards.eligibility.engine import screen
    from organisations.models import Person

    params = CatalogueParameters()
    evaluations = eligible = 0
    people = Person.objects.order_by("id").only(*CASE_FIELDS).iterator(chunk_size=5000)
    for _person, case in cases_for_people(people, INDIVIDUAL_AWARDS, 2025):
        evaluations += 1
        eligible += screen(case, params) is not None
    return evaluations, eligible


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("people", nargs="?", type=int,
                        default=int(os.environ.get("BENCH_PEOPLE", 100_000)))
    args = parser.parse_args()
    scratch = Path(tempfile.mkdtemp(prefix="tdkt-bench-elig-"))
    try:
        setup_django(scratch)
        from django.core.management import call_command

        started = time.perf_counter()
        call_command("migrate", verbosity=0)
        call_command("seed_demo", people=args.people, history=False, verbosity=0)
        records = build_history(random.Random(7))
        print(f"setup: {args.people} people, {records:,} award records, "
              f"{time.perf_counter() - started:.0f} s")
        started = time.perf_counter()
        rows = bare_read()
        bare = time.perf_counter() - started
        started = time.perf_counter()
        evaluations, eligible = who_qualifies()
        full = time.perf_counter() - started
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"bare read of {rows:,} rows:            {bare:8.2f} s")
        print(f"who qualifies, {evaluations:,} evaluations: {full:8.2f} s "
              f"({evaluations / full:,.0f} evaluations/s, {eligible:,} eligible)")
        print(f"ratio who-qualifies / bare read:      {full / bare:8.2f}×")
        print(f"peak memory (whole process):          {peak:8.0f} MB")
        return 0
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
