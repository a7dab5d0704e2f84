"""The council's minutes (biên bản họp, Decree 30/2020 Appx III Mẫu 1.9) with each nominee's
ballot result on all members (legal-reference §0.3)."""

import datetime

from django.utils import timezone

from documents.domain.model import AnnexTable, Letterhead, Minutes
from documents.interfaces.docx_documents import minutes_docx as render_docx
from documents.interfaces.pdf import minutes_pdf as render_pdf
from organisations.domain.naming import locality
from proposals.domain.council import tally
from proposals.enums import BallotKind
from proposals.models import CouncilMember, CouncilSession


def _percent(share) -> str:
    return f"{float(share) * 100:.1f}%".replace(".", ",")


# A seat without a recorded name: a blank the secretary fills in by hand, never a login name.
BLANK_NAME = "……………………"
ROLE_IN_COUNCIL = {CouncilMember.CHAIR: "Chủ tịch Hội đồng",
                   CouncilMember.SECRETARY: "Thư ký Hội đồng",
                   CouncilMember.MEMBER: "Ủy viên Hội đồng"}


def _name(member: CouncilMember) -> str:
    """The member's full name: the account's full name, else its first and last names."""
    user = member.user
    return (user.full_name or user.get_full_name()).strip() or BLANK_NAME


def _described(member: CouncilMember) -> str:
    """`Nguyễn Văn An, Giám đốc Sở Nội vụ – Ủy viên Hội đồng`; without a recorded position the
    member's home unit stands in for it."""
    post = member.position or member.unit.name
    return f"{_name(member)}, {post} – {ROLE_IN_COUNCIL[member.role]}"


def _ended(session: CouncilSession) -> datetime.datetime:
    """When the meeting ended: as entered on closing; for sessions closed before that was
    asked, the closing time, but never before the start (the minutes would contradict
    themselves)."""
    end = session.ended_at or session.closed_at or session.held_at
    return timezone.localtime(max(end, session.held_at)).replace(tzinfo=None)


def build(session: CouncilSession) -> Minutes:
    members = list(session.members.select_related("user", "unit"))
    chair = next((m for m in members if m.role == CouncilMember.CHAIR), None)
    secretary = next((m for m in members if m.role == CouncilMember.SECRETARY), None)
    rows = tally(session)
    ballot = AnnexTable(
        f"Kết quả {'bỏ phiếu kín' if session.ballot == BallotKind.SECRET else 'biểu quyết'} "
        f"(tính trên tổng số {session.total_members} thành viên Hội đồng, trừ thành viên "
        "không tham gia biểu quyết vì cùng đơn vị):",
        ("STT", "Tập thể / cá nhân", "Hình thức", "Đồng ý", "Không đồng ý", "Không ý kiến",
         "Tỷ lệ đồng ý", "Kết quả"),
        tuple((str(i), r["nominee"].subject_name, r["nominee"].award_for_decision.name,
               str(r["votes"]["agree"]), str(r["votes"]["disagree"]),
               str(r["votes"]["abstain"]), _percent(r["share"]),
               "Đạt" if r["passed"] else "Không đạt") for i, r in enumerate(rows, 1)),
        widths=(0.4, 1.8, 1.5, 0.6, 0.7, 0.7, 0.7, 0.7),
        align=("center", "left", "left", "center", "center", "center", "center", "center"))
    local = timezone.localtime(session.held_at)
    proposals = ", ".join(p.code for p in session.proposals.all())
    return Minutes(
        letterhead=Letterhead(parent_body=session.unit.name.upper(),
                              issuing_body="HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG", number=None,
                              symbol="BB-HĐTĐKT", place=locality(session.unit),
                              date=local.date(), year=local.year),
        meeting_name=session.title, started_at=local.replace(tzinfo=None), place=session.place,
        chair=_described(chair) if chair else "",
        secretary=_described(secretary) if secretary else "",
        attendees=tuple(_described(m) for m in members if m.present),
        absent=tuple(f"{_described(m)} (biểu quyết bằng văn bản)" for m in members
                     if not m.present),
        paragraphs=tuple(p for p in (
            f"Hội đồng xem xét các hồ sơ: {proposals}." if proposals else "",
            session.minutes_note) if p),
        ballot_table=ballot,
        ended_at=_ended(session),
        signatures=(_name(secretary) if secretary else "", _name(chair) if chair else ""))


def minutes_docx(session: CouncilSession) -> bytes:
    return render_docx(build(session))


def minutes_pdf(session: CouncilSession) -> bytes:
    return render_pdf(build(session))
