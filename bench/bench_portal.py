"""Benchmark: the public portal's published decisions over a large ledger.

    python bench/bench_portal.py [AWARDS] [DECISIONS]   # default 1000000 3000
                                                       # (BENCH_AWARDS, BENCH_DECISIONS,
                                                       #  BENCH_PEOPLE default 10000, BENCH_RUNS)

Scratch SQLite database (fresh TDKT_VAR_DIR, deleted at the end). Builds the demo province's
units and PEOPLE people, then bulk-inserts DECISIONS issued decisions sharing AWARDS awardees
(one ledger record and one decision item each, folded search text as the models write it), and
times anonymous requests through the test client (p50/p95 over RUNS): the decisions list (page
1, a deep page, filters), searches without diacritics (a common name, a rare one, a decision
number), a decision's detail page, the Atom feed — and, as the floor of the same run, a trivial
portal page (the verification form: no query).
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
from bench_reports import build_tree_and_people  # noqa: E402 — bench/ is run as scripts
from scratch import setup_django  # noqa: E402

CODES = ("giay_khen", "bang_khen_tinh", "cstd_co_so", "ldtt")
BATCH = 20_000


def p95(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]


def build_decisions(awards: int, count: int, rng: random.Random) -> None:
    """`count` issued decisions, then `awards` items (with their ledger records) spread evenly."""
    from django.utils import timezone

    from accounts.models import User
    from awards.models import AwardRecord, AwardType
    from decisions.models import (
        Decision,
        DecisionItem,
        decision_search_text,
        item_search_text,
    )
    from organisations.models import Person, Unit

    user = User.objects.create(username="bench")
    issuers = list(Unit.objects.filter(valid_to__isnull=True).order_by("path")[:40])
    types = list(AwardType.objects.filter(code__in=CODES))
    decisions = []
    for i in range(count):
        issuer, award = issuers[i % len(issuers)], types[i % len(types)]
        date = datetime.date(2016, 1, 10) + datetime.timedelta(days=i * 3650 // count)
        number = i // len(issuers) + 1
        summary = f"Về việc tặng {award.name} năm {date.year - 1}"
        decisions.append(Decision(
            issuer=issuer, authority_title=f"Thủ trưởng {issuer.name}", symbol="QĐ-UBND",
            number=number, year=date.year, date=date, place="Tuyên Quang", summary=summary,
            award_type=award, legal_bases="Luật Thi đua, khen thưởng", signer_title="Chủ tịch",
            signer_name="Nguyễn Văn Ký", state="issued",
            issued_at=timezone.make_aware(datetime.datetime.combine(date, datetime.time(9))),
            issued_by=user, created_by=user, search_text=decision_search_text(
                number, "QĐ-UBND", summary, issuer.name, f"Thủ trưởng {issuer.name}")))
    decisions = Decision.objects.bulk_create(decisions, batch_size=2000)
    people = list(Person.objects.filter(unit__isnull=False).select_related("unit")
                  .only("pk", "full_name", "position", "unit__name", "unit_id"))
    done, held = 0, set()
    while done < awards:
        # Awardee n goes to decision n mod count as its (n div count + 1)-th row; a person
        # drawn who already holds that decision's award for its year is drawn again (one live
        # award per person, award and year; `held` keeps one small int per awardee).
        rows = []
        for n in range(done, min(awards, done + BATCH)):
            decision = decisions[n % count]
            person = people[rng.randrange(len(people))]
            while (key := hash((person.pk, decision.award_type_id, decision.year))) in held:
                person = people[rng.randrange(len(people))]
            held.add(key)
            rows.append((decision, person, n // count + 1))
        records = AwardRecord.objects.bulk_create([AwardRecord(
            person_id=p.pk, unit_id=p.unit_id, year=d.year - 1, award_type=d.award_type,
            decision_number=f"{d.number:02d}/{d.symbol}", decision_date=d.date, issuer="UBND",
            revoked=rng.random() < 0.005) for d, p, _o in rows], batch_size=5000)
        DecisionItem.objects.bulk_create([DecisionItem(
            decision=d, award_type=d.award_type, person_id=p.pk, unit_id=p.unit_id,
            year=d.year - 1, kind="thuong_xuyen", recipient_name=p.full_name,
            recipient_detail=f"{p.position}, {p.unit.name}" if p.position else p.unit.name,
            ordinal=o, award_record=r, search_text=item_search_text(
                p.full_name, p.position, p.unit.name, d.award_type.name))
            for (d, p, o), r in zip(rows, records, strict=True)], batch_size=5000)
        done += len(rows)
        if done % 200_000 == 0:
            print(f"  {done:,} awardees loaded", flush=True)


def timed(client, label: str, url: str, runs: int) -> tuple[float, float]:
    for _ in range(2):
        response = client.get(url, secure=True)  # production settings redirect to HTTPS
        if response.status_code != 200:
            raise SystemExit(f"GET {url} answered {response.status_code}")
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        client.get(url, secure=True)
        samples.append((time.perf_counter() - started) * 1000)
    p50, high = statistics.median(samples), p95(samples)
    print(f"{label:<44} p50 {p50:8.1f} ms   p95 {high:8.1f} ms", flush=True)
    return p50, high


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("awards", nargs="?", type=int,
                        default=int(os.environ.get("BENCH_AWARDS", 1_000_000)))
    parser.add_argument("decisions", nargs="?", type=int,
                        default=int(os.environ.get("BENCH_DECISIONS", 3000)))
    parser.add_argument("--people", type=int, default=int(os.environ.get("BENCH_PEOPLE",
                                                                         10_000)))
    parser.add_argument("--runs", type=int, default=int(os.environ.get("BENCH_RUNS", 20)))
    args = parser.parse_args()
    scratch = Path(tempfile.mkdtemp(prefix="tdkt-bench-portal-"))
    try:
        setup_django(scratch)
        from django.core.management import call_command
        from django.db import connection, transaction
        from django.test import Client
        from django.urls import reverse

        from decisions.models import Decision, DecisionItem

        started = time.perf_counter()
        call_command("migrate", verbosity=0)
        build_tree_and_people(args.people)
        with connection.cursor() as cursor:
            # Loading only: a scratch database need not survive a crash, and a large page
            # cache keeps the items' eleven indexes from turning every batch into random IO.
            cursor.execute("PRAGMA synchronous=OFF")
            cursor.execute("PRAGMA cache_size=-400000")
        with transaction.atomic():
            build_decisions(args.awards, args.decisions, random.Random(7))
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.execute("ANALYZE")
        print(f"setup: {args.people:,} people, {Decision.objects.count():,} decisions, "
              f"{DecisionItem.objects.count():,} awardees/award records, "
              f"{time.perf_counter() - started:.0f} s; {args.runs} runs each, SQLite", flush=True)
        decision = Decision.objects.order_by("-date").first()
        rare = DecisionItem.objects.order_by("-pk").values_list("recipient_name", flat=True)[0]
        client = Client()
        lst = reverse("portal:decision_list")
        floor, _high = timed(client, "trivial page (verification form)",
                             reverse("portal:verify"), args.runs)
        cases = [("decisions list, page 1", lst),
                 ("decisions list, page 100", f"{lst}?page=100"),
                 ("decisions list, year + form filter", f"{lst}?year=2020&form=giay_khen"),
                 ("search 'nguyen van' (common)", f"{lst}?q=nguyen+van"),
                 (f"search '{rare}' (one person)", f"{lst}?q={rare.replace(' ', '+')}"),
                 ("search decision number '15/qd-ubnd'", f"{lst}?q=15%2Fqd-ubnd"),
                 (f"detail, {decision.items.count()} awardees, page 1",
                  reverse("portal:decision_detail", args=[decision.public_id])),
                 ("Atom feed (50 newest)", reverse("portal:decision_feed"))]
        for label, url in cases:
            p50, _high = timed(client, label, url, args.runs)
            print(f"{'':<44} = {p50 / floor:5.1f} × the trivial page")
        return 0
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
