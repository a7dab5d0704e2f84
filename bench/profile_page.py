"""Profile pages in process (issue 14): where a request's fixed Python cost goes.

    DATABASE_URL=postgresql://… python bench/profile_page.py [--user banthidua] [--n 20]
        [--sort tottime] [--top 30] [--callers PATTERN] /awards/ledger/ /organisations/people/ …

The floor pages (/bench/signed-in, /bench/layout: bench/floor_urls.py) with
DJANGO_SETTINGS_MODULE=floor_settings PYTHONPATH=bench.

Production settings (DEBUG off), a signed-in session through Django's test client with a real
session cookie (so session, auth and two-factor middleware run as in production); each path is
requested twice to warm the caches, then --n times timed and --n times under cProfile.
"""

import argparse
import cProfile
import os
import pstats
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--user", default="banthidua")
    parser.add_argument("--n", type=int, default=20)
    parser.add_argument("--sort", default="tottime")
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument("--no-profile", action="store_true")
    parser.add_argument("--callers", action="append", default=[], metavar="FUNCTION",
                        help="also print who calls the functions matching this (a pstats "
                             "pattern, e.g. 'functional.py:276'); repeatable")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tdkt.settings")
    os.environ.setdefault("DJANGO_DEBUG", "0")
    os.environ.setdefault("DJANGO_SECRET_KEY", "profile-only-not-a-secret")
    os.environ.setdefault("DJANGO_SSL_REDIRECT", "0")
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    settings.ALLOWED_HOSTS.append("testserver")
    from accounts.models import User

    client = Client()
    if args.user:
        client.force_login(User.objects.get(username=args.user))
    for path in args.paths:
        for _ in range(2):
            assert client.get(path).status_code == 200, path
        started = time.perf_counter()
        for _ in range(args.n):
            client.get(path)
        per = (time.perf_counter() - started) / args.n * 1000
        with CaptureQueriesContext(connection) as queries:
            client.get(path)
        sql_ms = sum(float(q["time"]) for q in queries.captured_queries) * 1000
        print(f"{path}: {per:.1f} ms a request, {len(queries)} queries ({sql_ms:.1f} ms)")
        if args.no_profile:
            continue
        profile = cProfile.Profile()
        profile.enable()
        for _ in range(args.n):
            client.get(path)
        profile.disable()
        stats = pstats.Stats(profile).sort_stats(args.sort)
        stats.print_stats(args.top)
        for pattern in args.callers:
            stats.print_callers(pattern)
    return 0


if __name__ == "__main__":
    sys.exit(main())
