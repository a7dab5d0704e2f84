"""Benchmark: the audit log's CSV export (`audit:log?export=csv`) over a large log.

    python bench/bench_audit_export.py [ROWS]   # default 1000000 (BENCH_AUDIT_ROWS)

Scratch SQLite database (fresh TDKT_VAR_DIR, deleted at the end). Builds the demo's old
province tree, a board-staff reader of one province, and bulk-inserts ROWS audit entries on
that province's units (a field change or two each, a reason on some). Then, each in a fresh
process so the figures are the export's own: the export through the view (permission, filter
form, the reader's scope), its body consumed chunk by chunk as a client would — rows/s and
peak RSS; then once more under tracemalloc — the peak of Python allocations, which is what
would grow if rows were kept in memory.
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

PROVINCE = "TQ-UB"
READER = "bench-board"
ACTIONS = ("organisations.person.update", "proposals.proposal.submit",
           "awards.record.create", "emulation.registration.approve", "accounts.sign_in")


def build(rows: int) -> None:
    from django.core.management import call_command
    from django.db import transaction

    from accounts.enums import Role
    from accounts.models import RoleAssignment, User
    from audit.models import AuditEntry
    from organisations.interfaces import demo as org_demo
    from organisations.models import Unit, UnitClosure

    call_command("migrate", verbosity=0)
    with transaction.atomic():
        org_demo.build_old_provinces(org_demo.Demo(actor=None, rng=random.Random(2025)))
    root = Unit.objects.get(code=PROVINCE)
    reader = User.objects.create(username=READER, full_name="Cán bộ Ban Thi đua")
    RoleAssignment.objects.create(user=reader, role=Role.BOARD_STAFF, unit=root)
    units = list(UnitClosure.objects.filter(ancestor=root).values_list("descendant_id",
                                                                       flat=True))
    rng, done, started = random.Random(7), 0, time.perf_counter()
    while done < rows:
        size = min(50_000, rows - done)
        AuditEntry.objects.bulk_create((_entry(done + n, rng, units) for n in range(size)),
                                       batch_size=5000)
        done += size
    print(f"setup: {len(units)} units in scope, {done:,} audit rows inserted "
          f"({time.perf_counter() - started:.0f} s)", flush=True)


def _entry(n: int, rng: random.Random, units: list[int]):
    from audit.models import AuditEntry

    changes = {"full_name": [f"Nguyễn Văn {n}", f"Nguyễn Văn Bình {n}"]}
    if n % 3 == 0:
        changes["state"] = ["draft", "submitted"]
    return AuditEntry(actor_label=f"canbo{n % 500}", action=ACTIONS[n % len(ACTIONS)],
                      object_type="organisations.person", object_id=str(n),
                      object_label=f"Hồ sơ số {n}", unit_id=rng.choice(units), changes=changes,
                      reason="Cập nhật theo quyết định" if n % 10 == 0 else "",
                      ip_address="10.0.0.1")


def _status_mb(key: str) -> float | None:
    """VmRSS / VmHWM of this process from /proc (Linux), in MB; None elsewhere."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith(key + ":"):
                    return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def _reset_peak() -> bool:
    """Reset the peak-RSS mark (VmHWM) so it measures the export alone (Linux ≥ 4.0). The
    getrusage figure cannot: a child's starts from the parent's size at fork."""
    try:
        with open("/proc/self/clear_refs", "w") as refs:
            refs.write("5")
        return True
    except OSError:
        return False


def measure(trace: bool) -> None:
    """One export through the view, in this (fresh) process."""
    import tracemalloc

    from django.test import RequestFactory
    from django.utils import translation

    from accounts.models import User
    from audit.views import log

    translation.activate("vi")
    request = RequestFactory().get("/audit/", {"export": "csv"})
    request.user = User.objects.get(username=READER)
    before = _status_mb("VmRSS") or max_rss_mb()
    reset = _reset_peak()
    if trace:
        tracemalloc.start()
    started = time.perf_counter()
    response = log(request)
    size = lines = 0
    for chunk in response.streaming_content:
        size += len(chunk)
        lines += chunk.count(b"\n") if isinstance(chunk, bytes) else chunk.count("\n")
    seconds = time.perf_counter() - started
    rows = lines - 1  # the header
    if trace:
        _current, peak = tracemalloc.get_traced_memory()
        print(f"under tracemalloc: {rows:,} rows in {seconds:.1f} s; peak Python allocations "
              f"{peak / 2**20:.1f} MB", flush=True)
        return
    peak = _status_mb("VmHWM") if reset else max_rss_mb()
    print(f"CSV export, {rows:,} rows: {seconds:.1f} s = {rows / seconds:,.0f} rows/s, "
          f"{size / 2**20:,.1f} MB written; peak RSS during the export {peak:.0f} MB "
          f"(+{peak - before:.0f} MB over the {before:.0f} MB before it)", flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("rows", nargs="?", type=int,
                        default=int(os.environ.get("BENCH_AUDIT_ROWS", 1_000_000)))
    parser.add_argument("--measure", choices=["rss", "trace"], help=argparse.SUPPRESS)
    parser.add_argument("--var-dir", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:  # the child: the database is built already
        setup_django(Path(args.var_dir))
        measure(trace=args.measure == "trace")
        return 0
    scratch = Path(tempfile.mkdtemp(prefix="tdkt-bench-audit-"))
    try:
        setup_django(scratch)
        build(args.rows)
        from django.db import connection

        connection.close()
        for mode in ("rss", "trace"):
            code = subprocess.run([sys.executable, __file__, "--measure", mode,
                                   "--var-dir", str(scratch)], cwd=ROOT).returncode
            if code:
                return code
        return 0
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
