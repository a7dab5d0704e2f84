"""Benchmark: province-wide "who qualifies" for every individual award the engine covers.

    python bench/bench_eligibility.py [N]      # N people (default 100000), 10 award records each

Builds its own province in its own scratch SQLite database (a fresh TDKT_VAR_DIR, deleted at the
end; never the demo's database): the unit tree and the people stages of the demo builder only —
not `seed_demo`, whose proposals and decisions write ledger records that collided with this
benchmark's own (the one-live-award indexes refused the load) — then 7 annual ratings and 10
award records per person (1,000,000 records for 100,000 people), and measures in the same run:

    bare read      reading the same rows the engine needs (people, ratings, award records) from
                   the database, nothing else
    who qualifies  building the cases (awards.domain.queries.cases) and screening all 8 awards
                   for every person through one Screener, then loading the display fields of
                   everyone found (awards.domain.qualify), as the screen and export do

and prints both (the best of `--repeat` alternating runs), the ratio, the rows per second and
peak memory; also the read in the models' default order, the figure this benchmark used first.
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
from bench_reports import build_tree_and_people  # noqa: E402 — bench/ is run as scripts
from scratch import setup_django  # noqa: E402 — bench/ is run as scripts

YEARS = range(2019, 2026)




# Yearly task ratings follow a person's habit: each year keeps last year's rating with
# probability STAY, else draws afresh from RATING_SHARES.
RATING_SHARES = (("xuat_sac", 0.2), ("tot", 0.6), ("hoan_thanh", 0.15), ("khong_hoan_thanh", 0.05))
STAY = 0.7
EXTRA_FORMS = (("giay_khen", "cong_trang"), ("bang_khen_tinh", "cong_trang"),
               ("giay_khen", "dot_xuat"), ("bang_khen_tinh", "chuyen_de"))


def _draw(rng: random.Random) -> str:
    roll = rng.random()
    for rating, share in RATING_SHARES:
        roll -= share
        if roll < 0:
            return rating
    return RATING_SHARES[-1][0]


def person_history(rng: random.Random) -> tuple[list, list]:
    """One person's 7 ratings and 10 award records, as (year, rating) and
    (code, year, kind, revoked): a realistically varied ledger, not a few repeated patterns.

    Titles follow ratings the way units propose them: LĐTT for "good" or better (most years),
    CSTĐ cơ sở for "excellent" (often), a Giấy khen or Bằng khen now and then (some ad hoc or
    thematic, which never feed ladders), and 1 % of records later revoked."""
    ratings, records, rating = [], [], _draw(rng)
    for year in YEARS:
        rating = rating if rng.random() < STAY else _draw(rng)
        ratings.append((year, rating))
        if rating in ("xuat_sac", "tot") and rng.random() < 0.9:
            records.append(("ldtt", year, "cong_trang", rng.random() < 0.01))
        if rating == "xuat_sac" and rng.random() < 0.6:
            records.append(("cstd_co_so", year, "cong_trang", rng.random() < 0.01))
    held = {(code, year) for code, year, _kind, _revoked in records}
    while len(records) < 10:  # one live award per person, award and year: no repeated pair
        code, kind = rng.choice(EXTRA_FORMS)
        year = rng.choice(YEARS)
        if (code, year) not in held:
            held.add((code, year))
            records.append((code, year, kind, rng.random() < 0.01))
    return ratings, records[:10]


def build_history(rng: random.Random) -> int:
    """7 ratings and 10 award records per person, bulk-inserted; 1 % of people disciplined at
    some point, 0.5 % with a matter pending."""
    import datetime

    from awards.models import AwardRecord, AwardType, DisciplineRecord, PendingMatter, TaskRating
    from organisations.models import Person

    types = {t.code: t for t in AwardType.objects.filter(
        code__in=["ldtt", "cstd_co_so", "giay_khen", "bang_khen_tinh"])}
    records, ratings, facts, total = [], [], [], 0
    for pid, unit_id in Person.objects.values_list("id", "unit_id").iterator(chunk_size=10_000):
        person_ratings, person_records = person_history(rng)
        for year, rating in person_ratings:
            ratings.append(TaskRating(person_id=pid, unit_id=unit_id, year=year, rating=rating))
        for code, year, kind, revoked in person_records:
            records.append(AwardRecord(person_id=pid, unit_id=unit_id, year=year,
                                       award_type=types[code], kind=kind, revoked=revoked,
                                       decision_number=f"{year}/QĐ-{code}",
                                       decision_date=f"{year + 1}-01-20", issuer="UBND"))
        roll = rng.random()
        if roll < 0.01:
            start = datetime.date(rng.choice(YEARS), 3, 1)
            facts.append(DisciplineRecord(person_id=pid, level="khien_trach", start=start,
                                          end=start + datetime.timedelta(days=365)))
        elif roll < 0.015:
            facts.append(PendingMatter(person_id=pid, kind="complaint",
                                       opened_on=datetime.date(2025, 6, 1)))
        if len(records) >= 50_000:
            total += len(AwardRecord.objects.bulk_create(records, batch_size=5000))
            TaskRating.objects.bulk_create(ratings, batch_size=5000)
            records, ratings = [], []
    total += len(AwardRecord.objects.bulk_create(records, batch_size=5000))
    TaskRating.objects.bulk_create(ratings, batch_size=5000)
    DisciplineRecord.objects.bulk_create([f for f in facts if isinstance(f, DisciplineRecord)])
    PendingMatter.objects.bulk_create([f for f in facts if isinstance(f, PendingMatter)])
    return total


def bare_read(ordered: bool = False) -> int:
    """Merely reading the rows the list is made of: the people (the fields the cases need and
    those the list shows), their ratings and their award records — unordered, as the screening
    reads them, or (`ordered`) in the models' default order, as a plain queryset does (the
    figure this benchmark compared with before the screening stopped sorting)."""
    from awards.domain.queries.cases import CASE_FIELDS, SHOWN_FIELDS
    from awards.models import AwardRecord, TaskRating
    from organisations.models import Person

    ratings, records = TaskRating.objects.all(), AwardRecord.objects.all()
    if not ordered:
        ratings, records = ratings.order_by(), records.order_by()
    rows = sum(1 for _ in Person.objects.order_by("id").values_list(
        *CASE_FIELDS, *SHOWN_FIELDS).iterator(chunk_size=5000))
    rows += sum(1 for _ in ratings.values_list("person_id", "year", "rating").iterator(
        chunk_size=5000))
    rows += sum(1 for _ in records.values_list(
        "person_id", "award_type_id", "year", "kind", "revoked").iterator(chunk_size=5000))
    return rows


def who_qualifies() -> tuple[int, int]:
    """Who qualifies for which of the individual awards the engine covers, over everyone
    (awards.domain.qualify.qualifying_each, the page's "all titles" list): people as rows with
    the fields the list shows, histories in chunks, one Screener."""
    from awards.domain.parameters import CatalogueParameters
    from awards.domain.profile import INDIVIDUAL_AWARDS
    from awards.domain.qualify import qualifying_each
    from awards.eligibility.screening import Screener
    from organisations.models import Person

    screener = Screener(CatalogueParameters())
    people = eligible = 0
    for _person, verdicts in qualifying_each(Person.objects.all(), INDIVIDUAL_AWARDS, 2025,
                                             screener.params, screener=screener):
        people += 1
        eligible += len(verdicts)
    evaluations = Person.objects.count() * len(INDIVIDUAL_AWARDS)
    STATS.update(people=people, runs=screener.runs, nodes=screener.nodes)
    return evaluations, eligible


STATS: dict = {}


def timed(step):
    wall, cpu = time.perf_counter(), time.process_time()
    result = step()
    return time.perf_counter() - wall, time.process_time() - cpu, result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("people", nargs="?", type=int,
                        default=int(os.environ.get("BENCH_PEOPLE", 100_000)))
    parser.add_argument("--repeat", type=int, default=3, help="runs of each step (best kept)")
    args = parser.parse_args()
    scratch = Path(tempfile.mkdtemp(prefix="tdkt-bench-elig-"))
    try:
        setup_django(scratch)
        from django.core.management import call_command

        started = time.perf_counter()
        call_command("migrate", verbosity=0)
        build_tree_and_people(args.people)
        records = build_history(random.Random(7))
        print(f"setup: {args.people} people, {records:,} award records, "
              f"{time.perf_counter() - started:.0f} s")
        # As the serving process does after start-up (tdkt/wsgi.py), with the modules the
        # screening uses loaded.
        import awards.domain.qualify  # noqa: F401
        from core.runtime import settle_startup_heap

        settle_startup_heap()
        # Wall clock and this process's CPU time, alternating the two steps `--repeat` times and
        # keeping each one's best: on a shared machine single runs vary by a third.
        bare = full = (float("inf"), float("inf"))
        for _ in range(args.repeat):
            wall, cpu, rows = timed(bare_read)
            bare = (min(bare[0], wall), min(bare[1], cpu))
            wall, cpu, (evaluations, eligible) = timed(who_qualifies)
            full = (min(full[0], wall), min(full[1], cpu))
        ordered = timed(lambda: bare_read(ordered=True))
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"bare read of {rows:,} rows (unordered): {bare[0]:8.2f} s (CPU {bare[1]:.2f} s)")
        print(f"  the same rows in the models' order:   {ordered[0]:8.2f} s "
              f"(CPU {ordered[1]:.2f} s)")
        print(f"who qualifies, {evaluations:,} person × award: {full[0]:8.2f} s (CPU "
              f"{full[1]:.2f} s; {evaluations / full[0]:,.0f}/s; {eligible:,} eligible, "
              f"{STATS['people']:,} people)")
        print(f"  rules run for {STATS['runs']:,} cases; the others were answered from the "
              f"screener's tree ({STATS['nodes']:,} nodes)")
        print(f"ratio who-qualifies / bare read:      {full[0] / bare[0]:8.2f}× "
              f"(CPU {full[1] / bare[1]:.2f}×; against the ordered read "
              f"{full[0] / ordered[0]:.2f}×, CPU {full[1] / ordered[1]:.2f}×)")
        print(f"peak memory (whole process):          {peak:8.0f} MB")
        return 0
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
