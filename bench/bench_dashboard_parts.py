"""The dashboard's CPU after a proposal step, in process (issue 14.2; not in CI).

    DATABASE_URL=postgresql://… python bench/bench_dashboard_parts.py [--n 40] [--rounds 3]
        [--user banthidua]

Under `make load` officers write several audit entries a second, so most dashboard views follow
a write: what matters is the page rebuilt after one, not the warm page `bench_cpu.py` measures.
Production settings (DEBUG off), the shared file cache in a scratch directory, a signed-in
session through Django's test client. Each round times --n warm views (nothing written) and --n
views each seeing a new newest audit entry, as after a proposal step: the newest-entry probe is
replaced by a counter (the newest entry outside the proposals app, where the code has that
probe, stays the database's). CPU time of this process (Python; PostgreSQL's is not included),
ms a request, and the queries of one such view.
"""

import argparse
import itertools
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=40)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--user", default="banthidua")
    args = parser.parse_args()
    for name, value in (("DJANGO_SETTINGS_MODULE", "tdkt.settings"), ("DJANGO_DEBUG", "0"),
                        ("DJANGO_SECRET_KEY", "bench-only-not-a-secret"),
                        ("DJANGO_SSL_REDIRECT", "0"),
                        ("TDKT_CACHE_DIR", tempfile.mkdtemp(prefix="dashboard-cache-"))):
        os.environ.setdefault(name, value)
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from accounts.models import User
    from reports.interfaces import figures

    settings.ALLOWED_HOSTS.append("testserver")
    # Session 10 probes two newest entries at once; session 9 (the base) one.
    probe = "latest_changes" if hasattr(figures, "latest_changes") else "latest_change"
    real, counter = getattr(figures, probe), itertools.count(10**15)
    after_a_step = ((lambda: (next(counter), real()[1])) if probe == "latest_changes"
                    else (lambda: next(counter)))
    client = Client()
    client.force_login(User.objects.get(username=args.user))

    def timed(mode: str) -> str:
        setattr(figures, probe, real if mode == "warm" else after_a_step)
        for _ in range(3):
            assert client.get("/reports/").status_code == 200
        started = time.process_time()
        for _ in range(args.n):
            client.get("/reports/")
        per = (time.process_time() - started) / args.n * 1000
        with CaptureQueriesContext(connection) as queries:
            client.get("/reports/")
        return f"{mode} {per:.1f} ms ({len(queries)} queries)"

    for _ in range(args.rounds):
        print(", ".join(timed(mode) for mode in ("warm", "after a proposal step")), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
