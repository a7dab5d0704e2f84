"""The dashboard's CPU after a proposal step, in process (issue 14.2; not in CI).

    DATABASE_URL=postgresql://… python bench/bench_dashboard_parts.py [--n 40] [--rounds 3]
        [--user banthidua]

Under `make load` officers write several audit entries a second, so most dashboard views follow
a write: what matters is the page rebuilt after one, not the warm page `bench_cpu.py` measures.
Production settings (DEBUG off), the shared file cache in a scratch directory, a signed-in
session through Django's test client. Each round times --n warm views (nothing written) and --n
views each after a new version of the audit log, as after a proposal step (the version such
an entry bumps, `audit.models.entry.AUDIT_PROPOSAL_FIGURES`; the one outside the proposals app
stays) that changed no figure (a nominee added), --n after one that did (a proposal moved back
to draft, as creating or submitting one changes the counts), and --n views each after a dossier
upload's audit entry. Each round's writes are rolled back at its end.
CPU time of this process (Python) / of its PostgreSQL backend (read from /proc: a local
cluster; in clock ticks, so use a large --n), ms a request, and the queries of one such view.
"""

import argparse
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
    from django.db import connection, transaction
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from accounts.models import User
    from audit.domain.record import record
    from audit.models import entry
    from core.caching import bump_version

    # The version a proposal step's entry bumps (before session 11: the whole log's).
    proposal_figures = getattr(entry, "AUDIT_PROPOSAL_FIGURES", entry.AUDIT)

    def uploaded():
        """What a dossier upload's entry does to the versions, its row rolled back."""
        with transaction.atomic():
            record(None, "proposals.document.attach", None, label="bench",
                   object_type="proposals.dossierdocument")
            transaction.set_rollback(True)

    from proposals.models import Proposal

    # Proposals moved one by one back to draft (rolled back after the round): every step
    # changes the counts, as creating or submitting a proposal does.
    movable = iter(Proposal.objects.exclude(state="draft").order_by("pk")
                   .values_list("pk", flat=True)[:10 * args.n * args.rounds])

    def written(mode: str) -> None:
        if mode == "after a proposal step":
            bump_version(proposal_figures)
        elif mode == "after a figure changed":
            Proposal.objects.filter(pk=next(movable)).update(state="draft")
            bump_version(proposal_figures)
        elif mode == "after an upload":
            uploaded()

    settings.ALLOWED_HOSTS.append("testserver")
    client = Client()
    client.force_login(User.objects.get(username=args.user))

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        backend = cursor.fetchone()[0]

    def database_cpu() -> float:
        """CPU seconds of this connection's PostgreSQL backend (/proc: a local cluster)."""
        try:
            fields = Path(f"/proc/{backend}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            return float("nan")
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def timed(mode: str) -> str:
        for _ in range(3):
            assert client.get("/reports/").status_code == 200
        spent = in_database = 0.0
        for _ in range(args.n):
            written(mode)
            started, database_started = time.process_time(), database_cpu()
            client.get("/reports/")
            spent += time.process_time() - started
            in_database += database_cpu() - database_started
        per, database_per = spent / args.n * 1000, in_database / args.n * 1000
        written(mode)
        with CaptureQueriesContext(connection) as queries:
            client.get("/reports/")
        return f"{mode} {per:.1f} / {database_per:.1f} ms ({len(queries)} queries)"

    for _ in range(args.rounds):
        with transaction.atomic():  # the client's views share this connection: they see it
            print(", ".join(timed(mode) for mode in ("warm", "after a proposal step",
                                                     "after a figure changed",
                                                     "after an upload")), flush=True)
            transaction.set_rollback(True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
