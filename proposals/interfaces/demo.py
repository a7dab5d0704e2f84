"""Demo proposals in every state for the demo province (seed_demo stage "proposals"): the
persona accounts act through the same domain functions as the pages, so every screen — inbox,
appraisal, consultation, council, decision, certificate verification — has something true."""

import datetime

from django.db.models import Exists, OuterRef
from django.utils import timezone

from accounts.models import User
from awards.models import AwardRecord, AwardType, TaskRating
from core.domain.calendar import work_calendar
from decisions.domain import corrections, drafting, issuing
from organisations.models import Person, Unit
from proposals.domain import consultation, council, nominees, workflow
from proposals.domain.dossier import attach_generated
from proposals.enums import DocumentType, Opinion, Vote
from proposals.interfaces.reports import achievement_report
from proposals.models import CouncilMember, Nominee

YEAR = 2025
SUMMARY = ("Hoàn thành xuất sắc nhiệm vụ năm học 2024–2025; có giải pháp đổi mới phương pháp "
           "giảng dạy được áp dụng hiệu quả tại đơn vị.")


def _people(unit: Unit, count: int, skip: int = 0, award=None) -> list[Person]:
    """People of the unit rated at least "good" in YEAR (eligible for a Giấy khen); without
    rating history (`seed_demo --no-history`) any people of the unit, and the board overrides
    the failed checks at submission. Those the history already gave `award` for YEAR are left
    out: a decision would give it twice."""
    rated = TaskRating.objects.filter(year=YEAR, rating__in=["tot", "xuat_sac"],
                                      person__unit=unit).values("person_id")
    held = (AwardRecord.objects.filter(award_type=award, year=YEAR).values("person_id")
            if award is not None else AwardRecord.objects.none().values("person_id"))
    people = Person.objects.filter(pk__in=rated).exclude(pk__in=held)
    if people.count() < skip + count:
        people = Person.objects.filter(unit=unit).exclude(pk__in=held)
    return list(people.order_by("full_name")[skip:skip + count])


def _fresh(unit: Unit, count: int, award) -> list[Person]:
    """People of the unit on no proposal of YEAR yet (and not holding `award` for it), rated
    people first."""
    nominated = Nominee.objects.filter(proposal__year=YEAR, person__isnull=False).values(
        "person_id")
    held = AwardRecord.objects.filter(award_type=award, year=YEAR).values("person_id")
    rated = TaskRating.objects.filter(year=YEAR, rating__in=["tot", "xuat_sac"]).values(
        "person_id")
    people = (Person.objects.filter(unit=unit).exclude(pk__in=nominated).exclude(pk__in=held)
              .annotate(good=Exists(rated.filter(person_id=OuterRef("pk")))))
    return list(people.order_by("-good", "full_name")[:count])


def _proposal(officer, unit, recipient, award, people, *, level="unit", title=None,
              letter="TTr-SGDĐT"):
    proposal = nominees.create_proposal(
        officer, unit=unit, recipient_unit=recipient, authority_level=level, year=YEAR,
        title=title or f"Đề nghị tặng {award.name} năm {YEAR}", track="annual",
        letter_number=f"{len(people) + 10}/{letter}")
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


PERSONAS = ["canbo_sgd", "banthidua", "hoidong", "chutich", "vanphong_sgd", "hoidong_sgd",
            "giamdoc_sgd", "canbo_yenson", "vanhoa_yenson", "chutich_yenson"]


def build_proposals() -> int:
    """The department's proposals to the province (Bằng khen: the provincial board's path) and
    to itself (Giấy khen: the department's own office, council and director), and the
    commune's Lao động tiên tiến (its own office, council and chairman, Decree 129/2025)."""
    users = {u.username: u for u in User.objects.filter(username__in=PERSONAS)}
    if len(users) < len(PERSONAS):
        return 0
    officer, board, office = users["canbo_sgd"], users["banthidua"], users["vanphong_sgd"]
    sgd, province = Unit.objects.get(code="TQ-SGD-25"), Unit.objects.get(code="TQ")
    giay_khen = AwardType.objects.get(code="giay_khen")
    bang_khen = AwardType.objects.get(code="bang_khen_tinh")
    pool = iter(range(0, 60, 3))

    def people(n, award=None):
        return _people(sgd, n, skip=next(pool), award=award)

    _proposal(officer, sgd, sgd, giay_khen, people(3))  # draft
    _submit(officer, board, _proposal(officer, sgd, province, bang_khen, people(2),
                                      level="province"))  # submitted
    returned = _proposal(officer, sgd, sgd, giay_khen, people(2))
    _submit(officer, office, returned)
    workflow.return_for_supplement(office, returned, reason="Biên bản họp Hội đồng cơ sở chưa "
                                                            "có chữ ký của Chủ tịch Hội đồng.")
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
    _submit(officer, office, waiting)
    _appraise(office, waiting)
    workflow.finish_appraisal(office, waiting)  # appraised, awaiting the department's council
    decided = _proposal(officer, sgd, sgd, giay_khen, people(4, giay_khen))
    _submit(officer, office, decided)
    _appraise(office, decided)
    workflow.finish_appraisal(office, decided)
    _department_council_and_decision(users, sgd, decided)
    provincial = _proposal(officer, sgd, province, bang_khen, people(2, bang_khen),
                           level="province")
    _submit(officer, board, provincial)
    _appraise(board, provincial)
    workflow.finish_appraisal(board, provincial)
    _provincial_council_and_decision(users, province, provincial)
    _commune_decision(users)
    _pending_work(users, sgd, province, waiting)
    return 13


def _provincial_council_and_decision(users, province, proposal) -> None:
    """The provincial path: the board, the provincial council, the chairman's Bằng khen."""
    _council(users["banthidua"], province, "Phiên họp Hội đồng Thi đua – Khen thưởng tỉnh",
             users["hoidong"], province, proposal)
    decision = _province_draft(users, province, proposal)
    issuing.issue_decision(users["chutich"], decision, date=timezone.localdate())


def _province_draft(users, province, proposal):
    return drafting.draft_decision(
        users["banthidua"], proposals=[proposal], issuer=province,
        authority_title="Chủ tịch Ủy ban nhân dân tỉnh Tuyên Quang", symbol="QĐ-UBND",
        place="Tuyên Quang", summary="Về việc tặng Bằng khen của Chủ tịch UBND tỉnh",
        legal_bases="Căn cứ Luật Thi đua, khen thưởng số 06/2022/QH15;\nCăn cứ Nghị định số "
                    "152/2025/NĐ-CP ngày 14 tháng 6 năm 2025 của Chính phủ;",
        achievement="đã có thành tích xuất sắc trong năm học 2024–2025",
        money_source="Tiền thưởng từ Quỹ thi đua, khen thưởng của tỉnh.",
        recipients="- Như Điều 3;\n- Lưu: VT, TĐKT.", signer_prefix="KT. CHỦ TỊCH",
        signer_title="Phó Chủ tịch", signer_name="Trần Văn Sơn")


def _council(office, unit, title, member, home, proposal, *, vote=True) -> None:
    """The authority's own council: one seat (a small demo), the proposal voted through — or,
    with `vote=False`, voting left open for the member to cast."""
    session = council.create_session(
        office, unit=unit, title=title, held_at=timezone.now() - datetime.timedelta(days=3),
        place="Tuyên Quang", total_members=1)
    seat = council.seat_member(office, session, user=member, unit=home,
                               role=CouncilMember.CHAIR)
    council.put_on_agenda(office, session, proposal)
    council.open_voting(office, session)
    if not vote:
        return
    for nominee in council.agenda_nominees(session):
        council.cast_vote(seat, nominee, Vote.AGREE)
    council.close_session(office, session)


def _department_council_and_decision(users, sgd, proposal) -> None:
    """Sở GD&ĐT decides its own Giấy khen: its council (a member from a school under it, so
    nobody votes on colleagues of the department's office), its register, its director."""
    office = users["vanphong_sgd"]
    _council(office, sgd, "Phiên họp Hội đồng Thi đua – Khen thưởng Sở Giáo dục và Đào tạo",
             users["hoidong_sgd"], _council_school(sgd), proposal)
    decision = _department_draft(users, sgd, proposal)
    decision = issuing.issue_decision(users["giamdoc_sgd"], decision, date=timezone.localdate())
    _correct_and_revoke(users, decision)


def _council_school(sgd) -> Unit:
    """The home unit of the department's council member: a school under it, so nobody votes
    on colleagues of the department's office."""
    return (Unit.objects.filter(parent=sgd, valid_to__isnull=True, level="grassroots")
            .order_by("code").first() or sgd)


def _department_draft(users, sgd, proposal):
    return drafting.draft_decision(
        users["vanphong_sgd"], proposals=[proposal], issuer=sgd,
        authority_title="Giám đốc Sở Giáo dục và Đào tạo tỉnh Tuyên Quang", symbol="QĐ-SGDĐT",
        place="Tuyên Quang", summary="Về việc tặng Giấy khen năm học 2024–2025",
        legal_bases="Căn cứ Luật Thi đua, khen thưởng số 06/2022/QH15;\nCăn cứ Nghị định số "
                    "152/2025/NĐ-CP ngày 14 tháng 6 năm 2025 của Chính phủ;",
        achievement="đã có thành tích xuất sắc trong năm học 2024–2025",
        money_source="Tiền thưởng thực hiện theo quy định hiện hành, từ Quỹ thi đua, khen "
                     "thưởng của Sở.", recipients="- Như Điều 3;\n- Lưu: VT, VP.",
        signer_title="Giám đốc", signer_name="Ngô Đức Thành")


def _commune_decision(users) -> None:
    """Xã Yên Sơn recognises Lao động tiên tiến of its primary school's staff: from 1/7/2025
    the commune chairman grants it (Decree 129/2025/NĐ-CP Art. 59). One decision issued; a
    second voted through and drafted, waiting for the chairman's signature."""
    commune = Unit.objects.get(code="TQ-X-YS-25")
    school = Unit.objects.filter(parent=commune, valid_to__isnull=True,
                                 kind="school").order_by("code").first()
    ldtt = AwardType.objects.get(code="ldtt")
    for issue in (True, False):
        if school is None or not _people(school, 1, award=ldtt):
            return
        proposal = _proposal(users["canbo_yenson"], school, commune, ldtt,
                             _people(school, 1, award=ldtt), level="commune", letter="TTr-TH",
                             title=f"Đề nghị công nhận danh hiệu Lao động tiên tiến năm {YEAR}")
        office = users["vanhoa_yenson"]
        _submit(users["canbo_yenson"], office, proposal)
        _appraise(office, proposal)
        workflow.finish_appraisal(office, proposal)
        _council(office, commune, "Phiên họp Hội đồng Thi đua – Khen thưởng xã Yên Sơn",
                 users["chutich_yenson"], commune, proposal)
        decision = _commune_draft(users, commune, proposal)
        if issue:
            issuing.issue_decision(users["chutich_yenson"], decision, date=timezone.localdate())


def _commune_draft(users, commune, proposal):
    return drafting.draft_decision(
        users["vanhoa_yenson"], proposals=[proposal], issuer=commune,
        authority_title="Chủ tịch Ủy ban nhân dân xã Yên Sơn", symbol="QĐ-UBND",
        place="Yên Sơn", summary=f"Về việc công nhận danh hiệu Lao động tiên tiến năm {YEAR}",
        legal_bases="Căn cứ Luật Thi đua, khen thưởng số 06/2022/QH15;\nCăn cứ Nghị định số "
                    "129/2025/NĐ-CP ngày 11 tháng 6 năm 2025 của Chính phủ;",
        achievement=f"đã hoàn thành tốt nhiệm vụ năm {YEAR}",
        money_source="Tiền thưởng từ Quỹ thi đua, khen thưởng của xã.",
        recipients="- Như Điều 3;\n- Lưu: VT.", signer_title="Chủ tịch",
        signer_name="Ma Văn Hùng")


def _pending_work(users, sgd, province, waiting) -> None:
    """Work left for the signers and council members (issue 18.8: every persona's home page
    has something to do): the department's appraised proposal before its council with voting
    open; the province's council voting on one proposal, and another voted through with its
    decision drafted for the chairman; a department decision drafted for its director."""
    giay_khen = AwardType.objects.get(code="giay_khen")
    bang_khen = AwardType.objects.get(code="bang_khen_tinh")
    office, board = users["vanphong_sgd"], users["banthidua"]
    _council(office, sgd, "Phiên họp Hội đồng Thi đua – Khen thưởng Sở Giáo dục và Đào tạo "
             "(đợt 2)", users["hoidong_sgd"], _council_school(sgd), waiting, vote=False)
    unsigned = _proposal(users["canbo_sgd"], sgd, sgd, giay_khen, _fresh(sgd, 2, giay_khen))
    _submit(users["canbo_sgd"], office, unsigned)
    _appraise(office, unsigned)
    workflow.finish_appraisal(office, unsigned)
    _council(office, sgd, "Phiên họp Hội đồng Thi đua – Khen thưởng Sở Giáo dục và Đào tạo "
             "(đợt 3)", users["hoidong_sgd"], _council_school(sgd), unsigned)
    _department_draft(users, sgd, unsigned)
    for vote in (False, True):
        proposal = _proposal(users["canbo_sgd"], sgd, province, bang_khen,
                             _fresh(sgd, 2, bang_khen), level="province")
        _submit(users["canbo_sgd"], board, proposal)
        _appraise(board, proposal)
        workflow.finish_appraisal(board, proposal)
        _council(board, province, "Phiên họp Hội đồng Thi đua – Khen thưởng tỉnh (đợt 2)",
                 users["hoidong"], province, proposal, vote=vote)
        if vote:
            _province_draft(users, province, proposal)


def _correct_and_revoke(users, decision) -> None:
    """One awardee's unit name corrected by an amending decision, another's award revoked: the
    portal and the verification page show both statuses."""
    items = list(decision.items.order_by("ordinal"))
    if len(items) < 3:
        return
    amending = corrections.request_correction(
        users["vanphong_sgd"], items[1], reason="Ghi sai tên đơn vị công tác.",
        recipient_name=items[1].recipient_name,
        recipient_detail=f"{items[1].recipient_detail} (đã đính chính)")
    issuing.issue_decision(users["giamdoc_sgd"], amending, date=timezone.localdate())
    corrections.revoke_item(users["vanphong_sgd"], items[2], reason="Kê khai thành tích không "
                            "trung thực.", decision_number="12/QĐ-SGDĐT",
                            decision_date=timezone.localdate(),
                            decision_issuer=decision.authority_title)
