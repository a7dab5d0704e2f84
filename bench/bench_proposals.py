"""Benchmark: the appraisal inbox with 10,000 proposals, and a decision whose annex lists
1,000 people rendered as DOCX and PDF.

    python bench/bench_proposals.py [--proposals N] [--annex M]

Scratch SQLite database (see scratch.py). Rows are bulk-inserted (the workflow itself is
covered by the test suite); the inbox is timed through Django's test client as the board
staff persona, compared with /healthz; the decision is drafted, issued (numbering, ledger,
certificates) and rendered by the same functions the web app calls.
"""

import argparse
import datetime
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from scratch import max_rss_mb, setup_django  # noqa: E402


def timed(fn, runs=10):
    fn()
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples), sorted(samples)[int(0.95 * (len(samples) - 1))]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--proposals", type=int, default=10_000)
    parser.add_argument("--annex", type=int, default=1_000)
    args = parser.parse_args()
    var_dir = Path(tempfile.mkdtemp(prefix="tdkt-bench-proposals-"))
    try:
        setup_django(var_dir)
        run(args)
    finally:
        shutil.rmtree(var_dir, ignore_errors=True)


def run(args) -> None:
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from accounts.enums import Role
    from accounts.models import RoleAssignment, User
    from awards.models import AwardType
    from decisions.domain import drafting, issuing
    from decisions.interfaces.documents import decision_docx, decision_pdf
    from organisations.enums import UnitKind, UnitLevel
    from organisations.models import Person, Unit
    from proposals.enums import NomineeStatus, ProposalState
    from proposals.models import Nominee, Proposal

    call_command("migrate", verbosity=0)
    province = Unit.objects.create(code="TINH", name="Ủy ban nhân dân tỉnh Tuyên Quang",
                                   level=UnitLevel.PROVINCE, kind=UnitKind.PEOPLES_COMMITTEE)
    from organisations.domain.tree import rebuild_tree_index

    rebuild_tree_index()
    board = User.objects.create_user("board", password="x")
    RoleAssignment.objects.create(user=board, role=Role.BOARD_STAFF, unit=province)
    approver = User.objects.create_user("approver", password="x")
    RoleAssignment.objects.create(user=approver, role=Role.APPROVER, unit=province)
    giay_khen = AwardType.objects.get(code="bang_khen_tinh")

    started = time.perf_counter()
    states = [ProposalState.SUBMITTED, ProposalState.APPRAISING, ProposalState.APPRAISED]
    today = datetime.date.today()
    Proposal.objects.bulk_create([Proposal(
        code=f"DN2025-{i:06d}", title=f"Đề nghị khen thưởng số {i}", unit=province,
        recipient_unit=province, authority_level="province", year=2025,
        state=states[i % 3], due_on=today + datetime.timedelta(days=i % 40 - 20),
        created_by=board) for i in range(args.proposals)], batch_size=2000)
    print(f"inserted {args.proposals:,} proposals in {time.perf_counter() - started:.1f} s")

    client = Client()
    client.force_login(board)
    health = timed(lambda: client.get("/healthz", secure=True))
    inbox = timed(lambda: client.get("/proposals/inbox/", secure=True))
    page50 = timed(lambda: client.get("/proposals/inbox/?page=50", secure=True))
    with CaptureQueriesContext(connection) as ctx:
        client.get("/proposals/inbox/", secure=True)
    print(f"/healthz             median {health[0]:7.1f} ms  p95 {health[1]:7.1f} ms")
    print(f"inbox page 1         median {inbox[0]:7.1f} ms  p95 {inbox[1]:7.1f} ms  "
          f"({inbox[0] / health[0]:.1f}× healthz, {len(ctx.captured_queries)} queries)")
    print(f"inbox page 50        median {page50[0]:7.1f} ms  p95 {page50[1]:7.1f} ms")

    # A decision with an annex of `args.annex` people.
    proposal = Proposal.objects.create(
        code="DN2025-ANNEX", title="Đề nghị tặng Bằng khen", unit=province,
        recipient_unit=province, authority_level="province", year=2025,
        state=ProposalState.COUNCIL_DONE, created_by=board)
    people = Person.objects.bulk_create([Person(
        cccd=f"0081850{i:05d}", full_name=f"Nguyễn Văn Thử {i}", gender="male",
        birth_date=datetime.date(1985, 1, 1), unit=province, position="Chuyên viên")
        for i in range(args.annex)])
    Nominee.objects.bulk_create([Nominee(
        proposal=proposal, person=p, unit=province, award_type=giay_khen, summary="Xuất sắc",
        position="Chuyên viên", status=NomineeStatus.PASSED, sort_order=i)
        for i, p in enumerate(people)])
    start = time.perf_counter()
    decision = drafting.draft_decision(
        board, proposals=[proposal], issuer=province,
        authority_title="Chủ tịch Ủy ban nhân dân tỉnh Tuyên Quang", place="Tuyên Quang",
        summary="Về việc tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh",
        legal_bases="Căn cứ Luật Thi đua, khen thưởng số 06/2022/QH15;",
        signer_title="Chủ tịch", signer_name="Nguyễn Văn Ký")
    drafted = time.perf_counter() - start
    start = time.perf_counter()
    issuing.issue_decision(approver, decision, date=today)
    issued = time.perf_counter() - start
    start = time.perf_counter()
    docx = decision_docx(decision)
    docx_s = time.perf_counter() - start
    start = time.perf_counter()
    pdf = decision_pdf(decision)
    pdf_s = time.perf_counter() - start
    print(f"decision, {args.annex:,}-person annex: draft {drafted:.2f} s, issue (number, "
          f"ledger, certificates) {issued:.2f} s")
    print(f"  DOCX {docx_s:.2f} s, {len(docx) / 1024:.0f} KiB;  PDF {pdf_s:.2f} s, "
          f"{len(pdf) / 1024:.0f} KiB")
    print(f"peak RSS {max_rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
