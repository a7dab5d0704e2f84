"""Benchmark: the exchange bundle of a large decision.

    python bench/bench_bundle.py [PEOPLE] [FILES] [FILE_MB]   # defaults 1000, 40 and 2

Builds, in a scratch SQLite database, an issued decision with PEOPLE awardees over one proposal
whose dossier holds FILES stored files of FILE_MB MiB each (random bytes: incompressible, the
worst case), then exports the bundle as a system administrator (CCCDs included) and prints the
seconds, the ZIP's size and the process's peak RSS before and after. The dossier total (80 MiB by
default) far exceeds what the export may hold in memory: the peak should grow by the decision
PDF's rendering, not by the dossier. BENCH_PEOPLE, BENCH_FILES, BENCH_FILE_MB change the sizes.
"""

import argparse
import datetime
import os
import secrets
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from scratch import max_rss_mb, setup_django  # noqa: E402 — bench/ is run as scripts


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("people", nargs="?", type=int,
                        default=int(os.environ.get("BENCH_PEOPLE", 1000)))
    parser.add_argument("files", nargs="?", type=int,
                        default=int(os.environ.get("BENCH_FILES", 40)))
    parser.add_argument("file_mb", nargs="?", type=float,
                        default=float(os.environ.get("BENCH_FILE_MB", 2)))
    return parser.parse_args()


def build(args):
    """An issued decision, bulk-loaded (the domain's issuing path is benchmarked elsewhere)."""
    from accounts.enums import Role
    from accounts.models import RoleAssignment, User
    from awards.models import AwardType
    from core.uploads import store_private_bytes
    from decisions.enums import DecisionState
    from decisions.models import Decision, DecisionItem
    from organisations.domain.tree import rebuild_tree_index
    from organisations.enums import UnitKind, UnitLevel
    from organisations.models import Person, Unit
    from proposals.models import DossierDocument, Proposal

    admin = User.objects.create_user("bench-admin", password=secrets.token_hex(8))
    RoleAssignment.objects.create(user=admin, role=Role.SYSTEM_ADMIN)
    unit = Unit.objects.create(code="TINH", name="Ủy ban nhân dân tỉnh", level=UnitLevel.PROVINCE,
                               kind=UnitKind.PEOPLES_COMMITTEE)
    rebuild_tree_index()
    award = AwardType.objects.get(code="giay_khen")
    people = Person.objects.bulk_create(
        Person(cccd=f"0010850{n:05d}", full_name=f"Nguyễn Văn Thử {n}", gender="male",
               birth_date=datetime.date(1985, 1, 1), unit=unit) for n in range(args.people))
    proposal = Proposal.objects.create(
        code="DN-2026-0001", title="Đề nghị tặng Giấy khen", unit=unit, recipient_unit=unit,
        authority_level="province", track="annual", year=2025, state="decided",
        created_by=admin)
    size = int(args.file_mb * 1024 * 1024)
    DossierDocument.objects.bulk_create(
        DossierDocument(proposal=proposal, doc_type="khac", original_name=f"minh-chung-{n}.pdf",
                        path=store_private_bytes(os.urandom(size), "dossiers", "pdf"),
                        file_kind="pdf", size=size, sha256="", uploaded_by=admin)
        for n in range(args.files))
    decision = Decision.objects.create(
        issuer=unit, authority_title="Chủ tịch Ủy ban nhân dân tỉnh", place="Tuyên Quang",
        summary="Về việc tặng Giấy khen", legal_bases="Căn cứ Luật Thi đua, khen thưởng;",
        signer_title="Chủ tịch", signer_name="Nguyễn Văn Ký", created_by=admin, award_type=award,
        number=1, year=2026, date=datetime.date(2026, 1, 5), state=DecisionState.ISSUED)
    decision.proposals.add(proposal)
    DecisionItem.objects.bulk_create(
        DecisionItem(decision=decision, award_type=award, person=p, unit=unit, year=2025,
                     kind="cong_trang", recipient_name=p.full_name,
                     recipient_detail="Chuyên viên, Văn phòng", ordinal=n, money=1_490_000)
        for n, p in enumerate(people, 1))
    return admin, decision


def run(args) -> int:
    from decisions.interfaces.bundle import export_bundle

    admin, decision = build(args)
    print(f"decision with {args.people} awardees, dossier {args.files} × {args.file_mb:g} MiB; "
          f"peak RSS before export: {max_rss_mb():.0f} MB", flush=True)
    started = time.perf_counter()
    out, _name, manifest = export_bundle(admin, decision, channel="bench")
    seconds = time.perf_counter() - started
    out.seek(0, os.SEEK_END)
    print(f"bundle: {seconds:.2f} s, {out.tell() / 2**20:.1f} MiB, {len(manifest['files'])} "
          f"files, {sum(1 for a in manifest['awardees'] if a['cccd'])} CCCDs; "
          f"peak RSS after: {max_rss_mb():.0f} MB")
    out.close()
    return 0


def main() -> int:
    args = parse_args()
    var_dir = Path(tempfile.mkdtemp(prefix="tdkt-bench-bundle-"))
    try:
        setup_django(var_dir)
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        return run(args)
    finally:
        shutil.rmtree(var_dir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
