"""The dossier upload step, GET and POST, in process (issue 14.2; not in CI).

    DATABASE_URL=postgresql://… python bench/bench_upload.py [--n 30] [--rounds 3]
        [--user canbo_sgd] [--profile get|post]

What `make load`'s officers do three times a cycle: the upload form of a draft proposal of
their unit, then a small PDF posted to it (`proposals/views/dossier.py` `upload`). Production
settings (DEBUG off), the file cache and the stored files in scratch directories, a signed-in
session through Django's test client. Everything runs inside one transaction rolled back at the
end, so the kept data set is left as it was. Prints the CPU time of this process (Python;
PostgreSQL's is not included) and the wall time, ms a request, and the queries of one request.
"""

import argparse
import cProfile
import os
import pstats
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
DOSSIER = ["to_trinh", "bao_cao_thanh_tich", "bien_ban_xet"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=30)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--user", default="canbo_sgd")
    parser.add_argument("--profile", choices=("get", "post"))
    parser.add_argument("--top", type=int, default=40)
    args = parser.parse_args()
    for name, value in (("DJANGO_SETTINGS_MODULE", "tdkt.settings"), ("DJANGO_DEBUG", "0"),
                        ("DJANGO_SECRET_KEY", "bench-only-not-a-secret"),
                        ("DJANGO_SSL_REDIRECT", "0"),
                        ("TDKT_CACHE_DIR", tempfile.mkdtemp(prefix="upload-cache-"))):
        os.environ.setdefault(name, value)
    import django

    django.setup()
    from django.conf import settings
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.db import connection, transaction
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from accounts.models import RoleAssignment, User

    settings.ALLOWED_HOSTS.append("testserver")
    settings.PRIVATE_MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="upload-media-"))
    officer = User.objects.get(username=args.user)
    unit = RoleAssignment.objects.filter(user=officer, is_active=True).first().unit
    client = Client()
    client.force_login(officer)

    with transaction.atomic():
        path = _draft(officer, unit)
        upload = f"{path}documents/add/"

        def get():
            return client.get(upload)

        def post(i=[0]):  # noqa: B006 a counter across calls
            i[0] += 1
            doc_type = DOSSIER[i[0] % 3]
            response = client.post(upload, {"doc_type": doc_type, "title": doc_type,
                                             "file": SimpleUploadedFile(f"{doc_type}.pdf", PDF)})
            assert response.status_code == 302, response.content[:2000]
            return response

        for step in (get, post):
            for _ in range(3):
                step()
        if args.profile:
            profile = cProfile.Profile()
            profile.enable()
            for _ in range(args.n):
                (get if args.profile == "get" else post)()
            profile.disable()
            pstats.Stats(profile).sort_stats("tottime").print_stats(args.top)
            pstats.Stats(profile).sort_stats("cumulative").print_stats(args.top)
        for _ in range(args.rounds):
            print(", ".join(_timed(name, step, args.n, connection, CaptureQueriesContext)
                            for name, step in (("GET", get), ("POST", post))), flush=True)
        transaction.set_rollback(True)
    return 0


def _draft(officer, unit) -> str:
    """A draft of the officer's unit with one nominee, as the load test's officer makes."""
    from awards.models import AwardType, TaskRating
    from organisations.domain.queries import people_for_user
    from proposals.domain import nominees
    from proposals.domain import proposals as proposal_domain

    proposal = proposal_domain.create_proposal(
        officer, unit=unit, title="Đề nghị tặng Giấy khen", recipient_unit=unit,
        authority_level="unit", track="annual", procedure="normal", year=2025)
    rated = TaskRating.objects.filter(year=2025, rating="tot").values("person_id")
    person = people_for_user(officer).filter(pk__in=rated, unit=unit).first()
    nominees.add_nominee(officer, proposal, award_type=AwardType.objects.get(code="giay_khen"),
                         summary="Hoàn thành xuất sắc nhiệm vụ năm 2025.", person=person)
    return f"/proposals/{proposal.public_id}/"


def _timed(name, step, n, connection, capture) -> str:
    cpu, wall = time.process_time(), time.perf_counter()
    for _ in range(n):
        step()
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    with capture(connection) as queries:
        step()
    return (f"{name} {cpu / n * 1000:.1f} ms CPU, {wall / n * 1000:.1f} ms wall, "
            f"{len(queries)} queries")


if __name__ == "__main__":
    sys.exit(main())
