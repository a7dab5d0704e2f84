"""Demo proposals in every state for the demo province (seed_demo stage "proposals"): the
persona accounts act through the same domain functions as the pages, so every screen — inbox,
appraisal, consultation, council, decision, certificate verification — has something true."""

import datetime

from django.utils import timezone

from accounts.models import User
from awards.models import AwardType, TaskRating
from core.domain.calendar import work_calendar
from decisions.domain import corrections, drafting, issuing
from organisations.models import Person, Unit
from proposals.domain import consultation, council, nominees, workflow
from proposals.domain.dossier import attach_generated
from proposals.enums import DocumentType, Opinion, Vote
from proposals.interfaces.reports import achievement_report
from proposals.models import CouncilMember

YEAR = 2025
SUMMARY = ("Hoàn thành xuất sắc nhiệm vụ năm học 2024–2025; có giải pháp đổi mới phương pháp "
           "giảng dạy được áp dụng hiệu quả tại đơn vị.")


def _people(unit: Unit, count: int, skip: int = 0) -> list[Person]:
    """People of the unit rated at least "good" in YEAR (eligible for a Giấy khen); without
    rating history (`seed_demo --no-history`) any people of the unit, and the board overrides
    the failed checks at submission."""
    rated = TaskRating.objects.filter(year=YEAR, rating__in=["tot", "xuat_sac"],
                                      person__unit=unit).values("person_id")
    people = Person.objects.filter(pk__in=rated)
    if people.count() < skip + count:
        people = Person.objects.filter(unit=unit)
    return list(people.order_by("full_name")[skip:skip + count])


def _proposal(officer, unit, recipient, award, people, *, level="unit", title=None):
    proposal = nominees.create_proposal(
        officer, unit=unit, recipient_unit=recipient, authority_level=level, year=YEAR,
        title=title or f"Đề nghị tặng {award.name} năm {YEAR}", track="annual",
        letter_number=f"{len(people) + 10}/TTr-SGDĐT")
    for person in people:
        nominees.add_nominee(officer, proposal, award_type=award, summary=SUMMARY,
                             person=person)
    first = proposal.nominees.first()
    if first is not None:
        report = achievement_report(first)
        for doc_type in (DocumentType.SUBMISSION_LETTER, DocumentType.ACHIEVEMENT_REPORT,
                         DocumentType.COUNCIL_MINUTES, DocumentType.REVIEW_MINUTES,
                         DocumentType.BALLOT_RESULT):
            attach_generated(officer, proposal, doc_type=doc_type, content=report,
                             name=f"{doc_type}.docx")
    return proposal


def _submit(officer, board, proposal):
    try:
        workflow.submit(officer, proposal)
    except workflow.SubmissionBlocked:
        workflow.submit(board, proposal, override_reason="Hồ sơ giấy đã được Ban kiểm tra đủ "
                                                         "(dữ liệu mẫu).")


def _appraise(board, proposal):
    workflow.assign_appraisers(board, proposal, [board])
    for nominee in proposal.nominees.all():
        workflow.record_opinion(board, nominee, opinion=Opinion.AGREE)


def build_proposals() -> int:
    users = {u.username: u for u in User.objects.filter(
        username__in=["canbo_sgd", "banthidua", "hoidong", "chutich"])}
    if len(users) < 4:
        return 0
    officer, board = users["canbo_sgd"], users["banthidua"]
    sgd, province = Unit.objects.get(code="TQ-SGD-25"), Unit.objects.get(code="TQ")
    giay_khen = AwardType.objects.get(code="giay_khen")
    bang_khen = AwardType.objects.get(code="bang_khen_tinh")
    pool = iter(range(0, 60, 3))

    def people(n):
        return _people(sgd, n, skip=next(pool))

    _proposal(officer, sgd, sgd, giay_khen, people(3))  # draft
    _submit(officer, board, _proposal(officer, sgd, province, bang_khen, people(2),
                                      level="province"))  # submitted
    returned = _proposal(officer, sgd, sgd, giay_khen, people(2))
    _submit(officer, board, returned)
    workflow.return_for_supplement(board, returned, reason="Biên bản họp Hội đồng cơ sở chưa có "
                                                           "chữ ký của Chủ tịch Hội đồng.")
    consulted = _proposal(officer, sgd, province, bang_khen, people(2), level="province")
    _submit(officer, board, consulted)
    _appraise(board, consulted)
    # Started on the latest working day up to today: the window is open whenever the demo is
    # built (a weekend build would otherwise show no open consultation until Monday).
    calendar, start = work_calendar(), timezone.localdate()
    while not calendar.is_working_day(start):
        start -= datetime.timedelta(days=1)
    consultation.open_consultation(board, consulted, starts_on=start, working_days=10,
                                   notice="Lấy ý kiến nhân dân về các cá nhân đề nghị tặng Bằng "
                                          "khen của Chủ tịch UBND tỉnh.")
    waiting = _proposal(officer, sgd, sgd, giay_khen, people(2))
    _submit(officer, board, waiting)
    _appraise(board, waiting)
    workflow.finish_appraisal(board, waiting)  # appraised, awaiting the council
    decided = _proposal(officer, sgd, sgd, giay_khen, people(4))
    _submit(officer, board, decided)
    _appraise(board, decided)
    workflow.finish_appraisal(board, decided)
    _council_and_decision(users, province, sgd, decided)
    return 6


def _council_and_decision(users, province, sgd, proposal) -> None:
    board = users["banthidua"]
    session = council.create_session(
        board, unit=province, title="Phiên họp Hội đồng Thi đua – Khen thưởng tỉnh",
        held_at=timezone.now() - datetime.timedelta(days=3), place="Tuyên Quang",
        total_members=1)
    seat = council.seat_member(board, session, user=users["hoidong"], unit=province,
                               role=CouncilMember.CHAIR)
    council.put_on_agenda(board, session, proposal)
    council.open_voting(board, session)
    for nominee in council.agenda_nominees(session):
        council.cast_vote(seat, nominee, Vote.AGREE)
    council.close_session(board, session)
    decision = drafting.draft_decision(
        board, proposals=[proposal], issuer=sgd,
        authority_title="Giám đốc Sở Giáo dục và Đào tạo tỉnh Tuyên Quang", symbol="QĐ-SGDĐT",
        place="Tuyên Quang", summary="Về việc tặng Giấy khen năm học 2024–2025",
        legal_bases="Căn cứ Luật Thi đua, khen thưởng số 06/2022/QH15;\nCăn cứ Nghị định số "
                    "152/2025/NĐ-CP ngày 14 tháng 6 năm 2025 của Chính phủ;",
        achievement="đã có thành tích xuất sắc trong năm học 2024–2025",
        money_source="Tiền thưởng thực hiện theo quy định hiện hành, từ Quỹ thi đua, khen "
                     "thưởng của Sở.", recipients="- Như Điều 3;\n- Lưu: VT, TĐKT.",
        signer_title="Giám đốc", signer_name="Trần Văn Sơn")
    decision = issuing.issue_decision(users["chutich"], decision, date=timezone.localdate())
    _correct_and_revoke(users, decision)


def _correct_and_revoke(users, decision) -> None:
    """One awardee's unit name corrected by an amending decision, another's award revoked: the
    portal and the verification page show both statuses."""
    items = list(decision.items.order_by("ordinal"))
    if len(items) < 3:
        return
    amending = corrections.request_correction(
        users["banthidua"], items[1], reason="Ghi sai tên đơn vị công tác.",
        recipient_name=items[1].recipient_name,
        recipient_detail=f"{items[1].recipient_detail} (đã đính chính)")
    issuing.issue_decision(users["chutich"], amending, date=timezone.localdate())
    corrections.revoke_item(users["banthidua"], items[2], reason="Kê khai thành tích không "
                            "trung thực.", decision_number="12/QĐ-SGDĐT",
                            decision_date=timezone.localdate(),
                            decision_issuer=decision.authority_title)
