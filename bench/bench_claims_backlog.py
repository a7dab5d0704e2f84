"""Benchmark: the wartime backlog dashboard (`claims:dashboard`) at 50,000 claims.

    python bench/bench_claims_backlog.py [CLAIMS]   # default 50000 (BENCH_CLAIMS)

Scratch SQLite database (fresh TDKT_VAR_DIR, deleted at the end). Builds the demo's old
province tree, a board-staff reader of one province and a commune officer, and bulk-inserts
CLAIMS claims spread over the communes, each with its stage history (as the demo stage does).
Then times, through the views: the dashboard as the board (every commune, the monthly trend),
as the commune officer (one commune), the list's first page, and the dashboard's XLSX export;
with the number of SQL queries each takes.
"""

import argparse
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

PROVINCE = "TQ-UB"


def build(count: int) -> tuple:
    from django.core.management import call_command
    from django.db import transaction
    from django.utils import timezone

    from accounts.enums import Role
    from accounts.models import RoleAssignment, User
    from claims.interfaces import demo as claims_demo
    from claims.models import Claim
    from organisations.interfaces import demo as org_demo
    from organisations.models import Unit, UnitClosure

    call_command("migrate", verbosity=0)
    with transaction.atomic():
        org_demo.build_old_provinces(org_demo.Demo(actor=None, rng=random.Random(2025)))
    root = Unit.objects.get(code=PROVINCE)
    covered = UnitClosure.objects.filter(ancestor=root).values("descendant_id")
    communes = list(Unit.objects.filter(level="commune", id__in=covered))
    board = User.objects.create(username="bench-board", full_name="Ban Thi đua")
    RoleAssignment.objects.create(user=board, role=Role.BOARD_STAFF, unit=root)
    officer = User.objects.create(username="bench-officer", full_name="Cán bộ xã")
    RoleAssignment.objects.create(user=officer, role=Role.UNIT_OFFICER, unit=communes[0])
    rng, now, started = random.Random(19), timezone.now(), time.perf_counter()
    weights = claims_demo.WEIGHTS
    done = 0
    while done < count:
        size = min(10_000, count - done)
        states = rng.choices(list(weights), weights=list(weights.values()), k=size)
        built = [claims_demo._claim(rng, rng.choice(communes), s, now, board) for s in states]
        with transaction.atomic():
            claims = Claim.objects.bulk_create([c for c, _m in built], batch_size=2000)
            claims_demo._history(claims, [m for _c, m in built], board)
        done += size
    print(f"setup: {len(communes)} communes, {done:,} claims with history "
          f"({time.perf_counter() - started:.0f} s)", flush=True)
    return board, officer


def timed(label: str, user, view, params: dict, runs: int = 5) -> None:
    from django.db import connection
    from django.test import RequestFactory
    from django.test.utils import CaptureQueriesContext

    times = []
    for _run in range(runs):
        request = RequestFactory().get("/", params)
        request.user = user
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = view(request)
            if hasattr(response, "streaming_content"):
                for _chunk in response.streaming_content:
                    pass
            elif hasattr(response, "render"):
                response.render()
            times.append(time.perf_counter() - started)
    print(f"{label}: median {statistics.median(times) * 1000:.0f} ms over {runs} runs, "
          f"{len(queries)} queries", flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("claims", nargs="?", type=int,
                        default=int(os.environ.get("BENCH_CLAIMS", 50_000)))
    args = parser.parse_args()
    var_dir = Path(tempfile.mkdtemp(prefix="tdkt-bench-claims-"))
    try:
        setup_django(var_dir)
        from django.utils import translation

        from claims.views import backlog, claims

        translation.activate("vi")
        board, officer = build(args.claims)
        timed("dashboard, board (whole province)", board, backlog.dashboard, {})
        timed("dashboard, commune officer", officer, backlog.dashboard, {})
        timed("claim list page 1, board", board, claims.claim_list, {})
        timed("dashboard export xlsx, board", board, backlog.dashboard, {"export": "xlsx"},
              runs=3)
    finally:
        shutil.rmtree(var_dir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
