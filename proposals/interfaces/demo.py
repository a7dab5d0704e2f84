"""Demo proposals in every state for the demo province (seed_demo stage "proposals"): the
persona accounts act through the same domain functions as the pages, so every screen — inbox,
appraisal, consultation, council — has something true. Proposals end voted by their
authority's council; the decisions stage (decisions/interfaces/demo.py) decides them, leaving
some drafted for the signer (issue 18.8: every persona's home page has something to do)."""

import datetime

from django.db.models import Exists, OuterRef
from django.utils import timezone

from accounts.models import User
from awards.models import AwardRecord, AwardType, TaskRating
from core.domain.calendar import work_calendar
from organisations.models import Person, Unit
from proposals.domain import consultation, council, findings, nominees, workflow
from proposals.domain import proposals as proposal_domain
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
    proposal = proposal_domain.create_proposal(
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


# Appraisal findings (issue 16): tracks of the Bằng khen tỉnh (Law 06/2022/QH15 Art. 74.1)
# only the appraisal can find met, each sourced to the document the board checked —
# (track, evidence number, its date, what it establishes, the appraiser's note).
FINDINGS = (
    ("a", "1568/QĐ-SGDĐT", datetime.date(2025, 8, 12),
     "Quyết định của Giám đốc Sở Giáo dục và Đào tạo công nhận điển hình tiên tiến trong phong "
     "trào thi đua “Đổi mới, sáng tạo trong dạy và học” năm học 2024–2025.",
     "Đã đối chiếu bản chính lưu tại Văn phòng Sở."),
    ("b", "27/BB-BTĐKT", datetime.date(2025, 10, 3),
     "Biên bản kiểm tra của Ban Thi đua – Khen thưởng tỉnh tại đơn vị: 02 giải pháp đổi mới "
     "phương pháp giảng dạy được áp dụng trong toàn ngành, có xác nhận của Sở Giáo dục và Đào "
     "tạo.", "Kiểm tra trực tiếp tại đơn vị ngày 03/10/2025."),
)
# Recorded, then withdrawn: the page's history of findings.
WITHDRAWN = ("c", "45/GCN-CĐN", datetime.date(2025, 5, 20),
             "Giấy chứng nhận của Công đoàn ngành Giáo dục về thành tích xuất sắc trong phong "
             "trào thi đua của tổ chức công đoàn.",
             "Giấy chứng nhận nộp kèm là bản chụp không có chứng thực; đơn vị bổ sung bản chính "
             "trước khi trình Hội đồng.")


def _record(board, nominee, finding):
    """Record `finding` (a row of FINDINGS) on the nominee, if its track is one the appraisal
    decides for this nominee's form and subject."""
    track, number, date, text, note = finding
    code = f"{nominee.award_type.code}.{track}"
    if code in {t.code for t in findings.tracks_to_appraise(nominee)}:
        return findings.record_finding(board, nominee, code=code, evidence_number=number,
                                       evidence_date=date, evidence_text=text, note=note)
    return None


def _findings(board, proposal) -> None:
    """While `proposal` is under appraisal: one finding of FINDINGS per nominee, in turn, and on
    the first nominee one recorded in error and withdrawn with its reason."""
    chosen = list(proposal.nominees.select_related("award_type").order_by("pk"))
    for nominee, finding in zip(chosen, FINDINGS, strict=False):
        _record(board, nominee, finding)
    mistaken = _record(board, chosen[0], WITHDRAWN[:4] + ("",)) if chosen else None
    if mistaken is not None:
        findings.withdraw_finding(board, mistaken, reason=WITHDRAWN[4])


PERSONAS = ["canbo_sgd", "banthidua", "hoidong", "chutich", "vanphong_sgd", "hoidong_sgd",
            "giamdoc_sgd", "canbo_yenson", "vanhoa_yenson", "chutich_yenson"]


def build_proposals() -> dict:
    """The department's proposals to the province (Bằng khen: the provincial board's path) and
    to itself (Giấy khen: the department's own office, council and director), and the
    commune's Lao động tiên tiến (its own office, council and chairman, Decree 129/2025).
    Returns the proposals voted by a council, awaiting their decision, by key: "department",
    "province", "commune" are to be issued; keys ending in "_draft" are to be drafted and left
    for the signer."""
    users = {u.username: u for u in User.objects.filter(username__in=PERSONAS)}
    if len(users) < len(PERSONAS):
        return {}
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
    _findings(board, consulted)
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
    _department_council(users, sgd, decided)
    provincial = _proposal(officer, sgd, province, bang_khen, people(2, bang_khen),
                           level="province")
    _submit(officer, board, provincial)
    _appraise(board, provincial)
    workflow.finish_appraisal(board, provincial)
    _council(users["banthidua"], province, "Phiên họp Hội đồng Thi đua – Khen thưởng tỉnh",
             users["hoidong"], province, provincial)
    voted = {"department": decided, "province": provincial}
    voted |= _commune_proposals(users)
    voted |= _pending_work(users, sgd, province, waiting)
    return voted




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


def _department_council(users, sgd, proposal) -> None:
    """Sở GD&ĐT's own council for its Giấy khen (a member from a school under it, so nobody
    votes on colleagues of the department's office)."""
    _council(users["vanphong_sgd"], sgd,
             "Phiên họp Hội đồng Thi đua – Khen thưởng Sở Giáo dục và Đào tạo",
             users["hoidong_sgd"], _council_school(sgd), proposal)


def _council_school(sgd) -> Unit:
    """The home unit of the department's council member: a school under it, so nobody votes
    on colleagues of the department's office."""
    return (Unit.objects.filter(parent=sgd, valid_to__isnull=True, level="grassroots")
            .order_by("code").first() or sgd)



def _commune_proposals(users) -> dict:
    """Xã Yên Sơn's primary school proposes Lao động tiên tiến for its staff to the commune,
    whose own council votes it: from 1/7/2025 the commune chairman grants it (Decree
    129/2025/NĐ-CP Art. 59). Two proposals: one to be issued, one left drafted for the
    chairman's signature."""
    commune = Unit.objects.get(code="TQ-X-YS-25")
    school = Unit.objects.filter(parent=commune, valid_to__isnull=True,
                                 kind="school").order_by("code").first()
    ldtt = AwardType.objects.get(code="ldtt")
    voted = {}
    for key in ("commune", "commune_draft"):
        if school is None or not _people(school, 1, award=ldtt):
            break
        proposal = _proposal(users["canbo_yenson"], school, commune, ldtt,
                             _people(school, 1, award=ldtt), level="commune", letter="TTr-TH",
                             title=f"Đề nghị công nhận danh hiệu Lao động tiên tiến năm {YEAR}")
        office = users["vanhoa_yenson"]
        _submit(users["canbo_yenson"], office, proposal)
        _appraise(office, proposal)
        workflow.finish_appraisal(office, proposal)
        _council(office, commune, "Phiên họp Hội đồng Thi đua – Khen thưởng xã Yên Sơn",
                 users["chutich_yenson"], commune, proposal)
        voted[key] = proposal
    return voted


def _pending_work(users, sgd, province, waiting) -> dict:
    """Work left for the signers and council members (issue 18.8: every persona's home page
    has something to do): the department's appraised proposal before its council with voting
    open; the province's council voting on one proposal, and another voted through for the
    chairman's decision; a department proposal voted through for its director's decision."""
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
    voted = {"department_draft": unsigned}
    for vote in (False, True):
        proposal = _proposal(users["canbo_sgd"], sgd, province, bang_khen,
                             _fresh(sgd, 2, bang_khen), level="province")
        _submit(users["canbo_sgd"], board, proposal)
        _appraise(board, proposal)
        workflow.finish_appraisal(board, proposal)
        _council(board, province, "Phiên họp Hội đồng Thi đua – Khen thưởng tỉnh (đợt 2)",
                 users["hoidong"], province, proposal, vote=vote)
        if vote:
            voted["province_draft"] = proposal
    return voted
