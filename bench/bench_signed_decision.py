"""Benchmark: issuing a decision with 1,000 awardees as the document desk does — the register's
number, ledger, certificates, the PDF rendered and kept for signing — then the signer's
signature (a throw-away CA, as in the tests), the upload's verification with pyHanko, the
organisation's signature and the official copy's download.

    python bench/bench_signed_decision.py [--annex N]

Scratch SQLite database (see scratch.py); awardees bulk-inserted; every step through the same
functions the page and the API call (decisions.interfaces.official.issue_with_pdf,
decisions.domain.signing.accept_signed_copy). Not part of the test suite.
"""

import argparse
import datetime
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from scratch import max_rss_mb, setup_django  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--annex", type=int, default=1_000)
    args = parser.parse_args()
    var_dir = Path(tempfile.mkdtemp(prefix="tdkt-bench-signed-"))
    try:
        setup_django(var_dir)
        run(args, var_dir)
    finally:
        shutil.rmtree(var_dir, ignore_errors=True)


def _cpu_and_wall(fn):
    wall, cpu = time.perf_counter(), time.process_time()
    result = fn()
    return result, time.perf_counter() - wall, time.process_time() - cpu


def _setup(annex: int):
    from accounts.enums import Role
    from accounts.models import RoleAssignment, User
    from awards.models import AwardType
    from decisions.domain import drafting
    from organisations.domain.tree import rebuild_tree_index
    from organisations.enums import UnitKind, UnitLevel
    from organisations.models import Person, Unit
    from proposals.enums import NomineeStatus, ProposalState
    from proposals.models import Nominee, Proposal

    province = Unit.objects.create(code="TINH", name="Ủy ban nhân dân tỉnh Tuyên Quang",
                                   level=UnitLevel.PROVINCE, kind=UnitKind.PEOPLES_COMMITTEE)
    rebuild_tree_index()
    board = User.objects.create_user("board", password="x")
    RoleAssignment.objects.create(user=board, role=Role.BOARD_STAFF, unit=province)
    desk = User.objects.create_user("vanthu", password="x")
    RoleAssignment.objects.create(user=desk, role=Role.DOCUMENT_DESK, unit=province)
    signer = User.objects.create_user("chutich", password="x")
    RoleAssignment.objects.create(user=signer, role=Role.APPROVER, unit=province)
    award = AwardType.objects.get(code="bang_khen_tinh")
    proposal = Proposal.objects.create(
        code="DN2025-ANNEX", title="Đề nghị tặng Bằng khen", unit=province,
        recipient_unit=province, authority_level="province", year=2025,
        state=ProposalState.COUNCIL_DONE, created_by=board)
    people = Person.objects.bulk_create([Person(
        cccd=f"0081850{i:05d}", full_name=f"Nguyễn Văn Thử {i}", gender="male",
        birth_date=datetime.date(1985, 1, 1), unit=province, position="Chuyên viên")
        for i in range(annex)])
    Nominee.objects.bulk_create([Nominee(
        proposal=proposal, person=p, unit=province, award_type=award, summary="Xuất sắc",
        position="Chuyên viên", status=NomineeStatus.PASSED, sort_order=i)
        for i, p in enumerate(people)])
    decision = drafting.draft_decision(
        board, proposals=[proposal], issuer=province,
        authority_title="Chủ tịch Ủy ban nhân dân tỉnh Tuyên Quang", place="Tuyên Quang",
        summary="Về việc tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh",
        legal_bases="Căn cứ Luật Thi đua, khen thưởng số 06/2022/QH15;",
        signer_title="Chủ tịch", signer_name="Nguyễn Văn Ký")
    return desk, signer, decision


def run(args, var_dir: Path) -> None:
    from django.conf import settings
    from django.core.management import call_command

    from decisions.domain.signing import accept_signed_copy
    from decisions.interfaces.documents import decision_pdf
    from decisions.interfaces.official import issue_with_pdf, official_pdf
    from decisions.models import DecisionPdf
    from tests.decisions.pki import make_ca, make_signer, sign, write_anchor, write_pkcs12

    call_command("migrate", verbosity=0)
    desk, signer_user, decision = _setup(args.annex)
    ca = make_ca()
    settings.TDKT_SIGNING_TRUST_ANCHORS = [write_anchor(var_dir, ca)]
    settings.TDKT_ORGANISATION_PKCS12 = write_pkcs12(
        var_dir, make_signer(ca, "Ủy ban nhân dân tỉnh Tuyên Quang"), ca, "bench")
    settings.TDKT_ORGANISATION_PKCS12_PASSWORD = "bench"

    issued, wall, cpu = _cpu_and_wall(lambda: issue_with_pdf(
        desk, decision, date=datetime.date.today(), number=1034))
    kept = bytes(DecisionPdf.objects.get(decision=issued).generated)
    _rendered, render_wall, render_cpu = _cpu_and_wall(lambda: decision_pdf(issued))
    print(f"issue {issued.number_label}, {args.annex:,} awardees (register number, ledger, "
          f"certificates, PDF rendered and kept): {wall:.2f} s wall, {cpu:.2f} s CPU; "
          f"PDF {len(kept) / 1024:.0f} KiB")
    print(f"  of which rendering the PDF (rendered again alone): {render_wall:.2f} s wall, "
          f"{render_cpu:.2f} s CPU in this process (parts render in worker processes)")
    signed, wall, cpu = _cpu_and_wall(lambda: sign(kept, make_signer(ca), ca))
    print(f"signer's signature (off-line in reality; here pyHanko): {wall:.2f} s")
    _copy, wall, cpu = _cpu_and_wall(lambda: accept_signed_copy(signer_user, issued, signed))
    official = official_pdf(issued)
    print(f"upload: verify (prefix, integrity, coverage, changes, trust) + organisation "
          f"signature: {wall:.2f} s wall, {cpu:.2f} s CPU; official copy "
          f"{len(official) / 1024:.0f} KiB")
    _pdf, wall, _cpu = _cpu_and_wall(lambda: official_pdf(issued))
    print(f"official copy read for a download: {wall * 1000:.1f} ms")
    print(f"peak RSS {max_rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
