"""Benchmark: the statutory report forms and a background .xlsx export over a large ledger.

    python bench/bench_statutory.py [PEOPLE] [AWARDS]   # default 20000 1000000
                                                        # (BENCH_PEOPLE, BENCH_AWARDS;
                                                        # BENCH_PHASES=forms,export)

Scratch SQLite database (fresh TDKT_VAR_DIR, deleted at the end). Builds the demo province's
units and PEOPLE people, bulk-inserts AWARDS award records (decided 2016–2025, State-level,
provincial and unit-level titles and forms, individuals and collectives, every award kind, 1 %
revoked). Then two measured phases, each in its own process so that its peak memory
(getrusage ru_maxrss) is its own:

  export  the ledger as .xlsx through the background-export runner (openpyxl write-only,
          streamed into private storage, progress every 5,000 rows)
  forms   every report form (0601–0605 and the province's summaries) for the whole province
          over the ten emulation years
"""

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from scratch import max_rss_mb, setup_django  # noqa: E402 — bench/ is run as scripts

CODES = ("hc_lao_dong_3", "hc_lao_dong_2", "bang_khen_ttg", "cstd_toan_quoc", "bang_khen_tinh",
         "cstd_tinh", "ldtt", "cstd_co_so", "giay_khen", "tt_ldtt", "co_thi_dua_tinh")
KINDS = ("cong_trang", "cong_trang", "cong_trang", "chuyen_de", "dot_xuat", "nien_han",
         "qua_trinh_cong_hien", "doi_ngoai")
YEARS = range(2016, 2026)


def build_ledger(target: int, rng: random.Random) -> int:
    import datetime

    from awards.models import AwardRecord, AwardType
    from organisations.models import Collective, Person

    types = {t.code: t for t in AwardType.objects.filter(code__in=CODES)}
    collective_types = [types[c] for c in ("tt_ldtt", "co_thi_dua_tinh", "bang_khen_tinh")]
    people = list(Person.objects.filter(unit__isnull=False).values_list("id", "unit_id"))
    units = sorted({u for _p, u in people})
    collectives = [Collective.objects.create(name=f"Tập thể {u}", kind="unit", unit_id=u,
                                             member_count=10).id for u in units[:2000]]
    collective_unit = dict(Collective.objects.values_list("id", "unit_id"))
    # One live award per subject, award and year (the ledger's unique indexes): a subject's
    # k-th record takes the k-th (year, award) pair of a shuffled list, shifted per subject;
    # past every pair, a repeat is written revoked.
    person_pairs = [(y, types[c]) for y in YEARS for c in CODES[:9]]
    collective_pairs = [(y, t) for y in YEARS for t in collective_types]
    rng.shuffle(person_pairs)
    rng.shuffle(collective_pairs)
    total, batch, for_collectives = 0, [], 0
    while total + len(batch) < target:
        if rng.random() < 0.1:
            cid = collectives[for_collectives % len(collectives)]
            k, pairs, shift = for_collectives // len(collectives), collective_pairs, cid
            subject = {"collective_id": cid, "unit_id": collective_unit[cid]}
            for_collectives += 1
        else:
            n = total + len(batch)
            pid, unit_id = people[n % len(people)]
            k, pairs, shift = n // len(people), person_pairs, pid
            subject = {"person_id": pid, "unit_id": unit_id}
        year, award = pairs[(k + shift) % len(pairs)]
        date = datetime.date(year, rng.randint(1, 12), rng.randint(1, 28))
        batch.append(AwardRecord(
            **subject, award_type=award, year=year, decision_date=date, kind=rng.choice(KINDS),
            decision_number=f"{rng.randint(1, 3000)}/QĐ-UBND", issuer="UBND tỉnh",
            revoked=rng.random() < 0.01 or k >= len(pairs)))
        if len(batch) >= 50_000:
            total += len(AwardRecord.objects.bulk_create(batch, batch_size=5000))
            batch = []
    return total + len(AwardRecord.objects.bulk_create(batch, batch_size=5000))


def province_root():
    from organisations.models import Unit

    return (Unit.objects.filter(parent__isnull=True, valid_to__isnull=True)
            .order_by("path").first())


def phase_export() -> None:
    from accounts.models import User
    from reports.interfaces.export_jobs import request_export

    print(f"  process after Django setup: peak RSS {max_rss_mb():.0f} MB", flush=True)
    admin = User.objects.filter(is_superuser=True).first()
    started = time.perf_counter()
    # The bench's task backend is the immediate one: the job runs as the request commits.
    job = request_export(admin, "ledger", "xlsx", {}, "bench")
    job.refresh_from_db()
    seconds = time.perf_counter() - started
    size = (Path(os.environ["TDKT_VAR_DIR"]) / "private" / job.stored_name)
    size = size.stat().st_size if size.exists() else 0
    print(f"xlsx ledger export (background runner): {job.rows_done:,} rows in {seconds:.1f} s "
          f"({job.rows_done / seconds:,.0f} rows/s), state {job.state}, "
          f"{size / 2**20:,.1f} MB; peak RSS {max_rss_mb():.0f} MB", flush=True)


def phase_forms() -> None:
    from reports.domain.forms import FORMS, FormScope, Period, compute

    print(f"  process after Django setup: peak RSS {max_rss_mb():.0f} MB", flush=True)
    scope = FormScope(province_root(), Period.reporting_years(YEARS[0] + 1, YEARS[-1]))
    all_started = time.perf_counter()
    for code in FORMS:
        started = time.perf_counter()
        table = compute(code, scope)
        total = next((r.values[0] for r in table.rows if r.code == "01"), table.rows[-1].values[0])
        print(f"form {code:<11} {time.perf_counter() - started:7.2f} s  "
              f"{len(table.rows):3d} rows × {len(table.leaves):3d} columns, "
              f"first total {total:,}", flush=True)
    print(f"all forms: {time.perf_counter() - all_started:.1f} s; peak RSS {max_rss_mb():.0f} MB")


def setup(people: int, awards: int) -> None:
    from bench_reports import build_tree_and_people
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from awards.models import AwardRecord

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    build_tree_and_people(people)
    inserted = build_ledger(awards, random.Random(7))
    get_user_model().objects.create_superuser("bench", password="bench-only")
    print(f"setup: {people:,} people, {inserted:,} award records "
          f"({AwardRecord.objects.count():,} in the ledger), "
          f"{time.perf_counter() - started:.0f} s", flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("people", nargs="?", type=int,
                        default=int(os.environ.get("BENCH_PEOPLE", 20_000)))
    parser.add_argument("awards", nargs="?", type=int,
                        default=int(os.environ.get("BENCH_AWARDS", 1_000_000)))
    parser.add_argument("--phase", choices=["export", "forms"])
    parser.add_argument("--var-dir")
    args = parser.parse_args()
    if args.phase:  # a measured phase, in its own process, on the scratch database built below
        setup_django(Path(args.var_dir))
        from django.utils import translation

        translation.activate("vi")
        {"export": phase_export, "forms": phase_forms}[args.phase]()
        return 0
    scratch = Path(tempfile.mkdtemp(prefix="tdkt-bench-statutory-"))
    try:
        setup_django(scratch)
        setup(args.people, args.awards)
        for phase in os.environ.get("BENCH_PHASES", "forms,export").split(","):
            code = subprocess.run([sys.executable, __file__, "--phase", phase,
                                   "--var-dir", str(scratch)], env=os.environ).returncode
            if code:
                return code
        return 0
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
