"""Benchmark: the background ledger export (issue 14 point 5), end to end through the database.

    python bench/bench_export_job.py --postgres postgresql://u:p@host:port/x_bench
                                     [--formats csv,xlsx]

Runs `reports.interfaces.export_jobs.run` — the task's work: the requester's scoped ledger
query, every row fetched from PostgreSQL in chunks, the CCCD rule, progress updates, the file
written into private storage — as the province's administrator (the whole ledger), once per
format, each in its own forked process so that each reports its own peak memory. The database
is used as it is and only read (an export job row is added per run): point it at a database a
benchmark left behind, e.g. `bench_import_awards.py 1000000 --postgres …` (its 1,000,000
imported awards plus the demo's). Prints seconds, rows/s, the file's size and peak memory per
format, the CSV being the yardstick of the same run, with the load average before and after.
"""

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from import_speed import Clock  # noqa: E402 — bench/ is run as scripts
from scratch import max_rss_mb, setup_django  # noqa: E402


def export_once(file_format: str) -> str:
    """Queue and run one ledger export job; its figures as one line."""
    from django.conf import settings
    from django.utils import translation

    from accounts.models import User
    from reports.enums import ExportKind
    from reports.interfaces.export_jobs import request_export, run

    admin = User.objects.get(username="admin")
    with translation.override("vi"):
        job = request_export(admin, ExportKind.LEDGER, file_format, {}, "bench")
    clock = Clock()
    job = run(job)
    wall, cpu = clock.stop()
    assert job.state == "done", (job.state, job.error)
    size = (Path(settings.PRIVATE_MEDIA_ROOT) / job.stored_name).stat().st_size
    return (f"{file_format:<5} {job.rows_total:>10,} {wall:8.1f} {job.rows_total / wall:10,.0f} "
            f"{cpu:8.1f} {size / 2**20:8.1f} {max_rss_mb():8.0f}")


def in_child(work) -> str:
    """`work()` in a forked process (its own peak memory); returns what it printed."""
    from django.db import connections

    connections.close_all()  # the child opens its own
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read)
        try:
            line = work()
        except BaseException as error:  # noqa: BLE001 — reported by the parent
            line = f"failed: {error!r}"
        os.write(write, line.encode())
        os._exit(0)
    os.close(write)
    with os.fdopen(read) as pipe:
        line = pipe.read()
    os.waitpid(pid, 0)
    return line


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postgres", metavar="URL", required=True)
    parser.add_argument("--formats", default="csv,xlsx")
    args = parser.parse_args()
    var_dir = Path(tempfile.mkdtemp(prefix="tdkt-bench-export-"))
    try:
        setup_django(var_dir, task_backend="django_tasks.backends.dummy.DummyBackend",
                     database_url=args.postgres)
        from awards.models import AwardRecord

        print(f"{AwardRecord.objects.count():,} award records; load average "
              f"{os.getloadavg()[0]:.1f} before; {time.strftime('%Y-%m-%d %H:%M')}")
        print("format      rows   wall s     rows/s    CPU s       MB  peak MB")
        for file_format in args.formats.split(","):
            print(in_child(lambda file_format=file_format: export_once(file_format)), flush=True)
        print(f"load average {os.getloadavg()[0]:.1f} after; CPU s include the PostgreSQL "
              "server process")
        return 0
    finally:
        shutil.rmtree(var_dir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
