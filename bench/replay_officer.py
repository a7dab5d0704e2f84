"""Replay the unit officer's daily path in process (issue 14, session 10 h5): CPU and queries
of each step of bench/load_test.py's officer flow.

    DATABASE_URL=postgresql://… python bench/replay_officer.py [--n 10] [--sql STEP]
        [--profile STEP] [--top 30]

The steps, as load_test's officer does them through the forms (after /healthz, the trivial
view every step is compared with): the create form and its POST,
the nominee form and its POST (one CCCD), three dossier uploads, the submit page and its POST.
Production settings (DEBUG off), canbo_sgd signed in through Django's test client with a real
session cookie (session, auth and two-factor middleware run as in production). One warm-up
round first (the layout caches roles; the first ORM compiles), then --n rounds: each step's
median CPU of this process (time.process_time: Python only, PostgreSQL is another process),
median wall time and its query count. --sql STEP prints the last round's queries of that step;
--profile STEP profiles that step over the rounds. Each round adds a submitted proposal to the
database it is pointed at: use a kept copy (BENCH_PAGES_HOME), never the lead's originals.
"""

import argparse
import cProfile
import os
import pstats
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

STEPS = ["healthz", "create form", "create proposal", "nominee form", "add nominee",
         "upload document", "submit form", "submit proposal"]


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10)
    parser.add_argument("--sql", choices=STEPS)
    parser.add_argument("--profile", choices=STEPS)
    parser.add_argument("--sort", default="cumtime")
    parser.add_argument("--top", type=int, default=40)
    return parser.parse_args()


def setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tdkt.settings")
    os.environ.setdefault("DJANGO_DEBUG", "0")
    os.environ.setdefault("DJANGO_SECRET_KEY", "profile-only-not-a-secret")
    os.environ.setdefault("DJANGO_SSL_REDIRECT", "0")
    os.environ.setdefault("TDKT_VAR_DIR", tempfile.mkdtemp(prefix="replay-officer-"))
    import django

    django.setup()
    from django.conf import settings

    settings.ALLOWED_HOSTS.append("testserver")


class Replay:
    """One officer's client; `step` runs a request and keeps its CPU, wall time and queries."""

    def __init__(self, args):
        from django.test import Client

        from accounts.models import User

        self.args = args
        self.client = Client()
        self.client.force_login(User.objects.get(username="canbo_sgd"))
        self.cpu: dict[str, list[float]] = {s: [] for s in STEPS}
        self.wall: dict[str, list[float]] = {s: [] for s in STEPS}
        self.queries: dict[str, list] = {s: [] for s in STEPS}
        # CPU time: the waits on PostgreSQL (another process) are not this process's cost.
        self.profile = cProfile.Profile(time.process_time)
        self.keep = False

    def step(self, name: str, method: str, path: str, data=None, expect=(200, 302)):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        send = getattr(self.client, method)
        profiling = self.keep and self.args.profile == name
        with CaptureQueriesContext(connection) as queries:
            cpu, wall = time.process_time(), time.perf_counter()
            if profiling:
                self.profile.enable()
            response = send(path, data) if data is not None else send(path)
            if profiling:
                self.profile.disable()
            cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
        assert response.status_code in expect, (name, response.status_code,
                                                response.content[:2000])
        if self.keep:
            self.cpu[name].append(cpu * 1000)
            self.wall[name].append(wall * 1000)
            self.queries[name] = list(queries.captured_queries)
        return response

    def round(self, data: dict, cccd: str) -> None:
        from django.core.files.uploadedfile import SimpleUploadedFile
        from load_test import DOSSIER, PDF

        self.step("healthz", "get", "/healthz")  # the floor every step is compared with
        self.step("create form", "get", "/proposals/new/")
        response = self.step("create proposal", "post", "/proposals/new/", {
            "unit": data["unit"], "recipient_unit": data["unit"],
            "title": "Đề nghị tặng Giấy khen", "authority_level": "unit", "track": "annual",
            "procedure": "normal", "year": 2025}, expect=(302,))
        detail = re.match(r"/proposals/[^/]+/", response["Location"]).group(0)
        self.step("nominee form", "get", f"{detail}nominees/add/")
        self.step("add nominee", "post", f"{detail}nominees/add/", {
            "subject_kind": "individual", "subject": cccd, "award_type": data["award"],
            "summary": "Hoàn thành xuất sắc nhiệm vụ năm 2025."}, expect=(302,))
        for doc_type in DOSSIER:
            self.step("upload document", "post", f"{detail}documents/add/", {
                "doc_type": doc_type, "title": doc_type,
                "file": SimpleUploadedFile(f"{doc_type}.pdf", PDF, "application/pdf")},
                expect=(302,))
        self.step("submit form", "get", f"{detail}submit/")
        response = self.step("submit proposal", "post", f"{detail}submit/",
                             {"override_reason": ""}, expect=(302,))
        assert response["Location"] == detail, ("not submitted", response["Location"])

    def report(self) -> None:
        print(f"{'step':<18} {'CPU ms':>8} {'wall ms':>8} {'queries':>8}")
        for name in STEPS:
            print(f"{name:<18} {statistics.median(self.cpu[name]):>8.1f} "
                  f"{statistics.median(self.wall[name]):>8.1f} {len(self.queries[name]):>8}")


def main() -> int:
    args = parse_args()
    setup()
    from load_test import users_data

    data = users_data()
    replay = Replay(args)
    replay.round(data, data["nominees"].pop())  # warm-up: roles cached, ORM compiled
    replay.keep = True
    for _ in range(args.n):
        replay.round(data, data["nominees"].pop())
    replay.report()
    if args.sql:
        for i, query in enumerate(replay.queries[args.sql], 1):
            print(f"{i:>3} {query['time']:>6} {query['sql'][:400]}")
    if args.profile:
        pstats.Stats(replay.profile).sort_stats(args.sort).print_stats(args.top)
    return 0


if __name__ == "__main__":
    sys.exit(main())
