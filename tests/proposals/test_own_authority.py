"""Every granting authority runs its own path (issue 13 point 4): a department (Sở) issues its
own Giấy khen and a commune its own base titles through the same intake → appraisal → council
→ decision screens as the province, with its own office, council, register and signer; another
department neither sees nor acts on any of it."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from accounts.enums import Role
from audit.models import AuditEntry
from awards.models import AwardRecord
from decisions.domain import issuing
from decisions.models import Decision, NumberSeries
from notifications.models import Notification
from organisations.enums import UnitKind, UnitLevel
from proposals.domain import council, workflow
from proposals.domain.checks import check_proposal
from proposals.enums import DocumentType, ProposalState, Vote
from proposals.models import CouncilMember, CouncilSession
from tests.decisions.helpers import draft_for
from tests.factories import UnitFactory, user_with_role
from tests.proposals.helpers import appraised, complete_dossier, draft, submitted

pytestmark = pytest.mark.django_db
TITLE_DOCS = (DocumentType.SUBMISSION_LETTER, DocumentType.ACHIEVEMENT_REPORT,
              DocumentType.REVIEW_MINUTES)


@pytest.fixture
def office_a(dept_a):
    """The department's own emulation office (standing body of its council)."""
    return user_with_role(Role.BOARD_STAFF, dept_a, username="office_a")


@pytest.fixture
def head_a(dept_a):
    return user_with_role(Role.APPROVER, dept_a, username="director_a")


@pytest.fixture
def office_b(dept_b):
    """The outsider: another department's office."""
    return user_with_role(Role.BOARD_STAFF, dept_b, username="office_b")


@pytest.fixture
def head_b(dept_b):
    return user_with_role(Role.APPROVER, dept_b, username="director_b")


@pytest.fixture
def commune(province):
    return UnitFactory(code="XA-YS", name="Ủy ban nhân dân xã Yên Sơn", parent=province,
                       level=UnitLevel.COMMUNE, kind=UnitKind.PEOPLES_COMMITTEE)


@pytest.fixture
def commune_school(commune):
    return UnitFactory(code="XA-YS-TH", name="Trường Tiểu học Yên Sơn", parent=commune,
                       level=UnitLevel.GRASSROOTS, kind=UnitKind.SCHOOL)


def _session(office, unit, members=1):
    return council.create_session(
        office, unit=unit, title="Phiên họp Hội đồng TĐKT", place="Tuyên Quang",
        held_at=timezone.make_aware(datetime.datetime(2026, 12, 1, 8, 0)),
        total_members=members)


# ------------------------------------------------------------------ intake and appraisal

def test_submission_to_the_department_notifies_its_own_office_not_the_province_board(
        officer_a, office_a, board_user, dept_a, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        submitted(officer_a, dept_a, dept_a)
    assert list(Notification.objects.filter(verb="proposal.submitted")
                .values_list("recipient__username", flat=True)) == ["office_a"]


def test_the_department_office_has_it_in_its_inbox_and_the_other_department_does_not(
        client_for, officer_a, office_a, office_b, dept_a):
    proposal = submitted(officer_a, dept_a, dept_a)
    own = client_for(office_a).get(reverse("proposals:inbox"))
    other = client_for(office_b).get(reverse("proposals:inbox"))
    detail = client_for(office_b).get(reverse("proposals:detail", args=[proposal.public_id]))
    assert ([p["code"] for p in own.context["page"].object_list],
            list(other.context["page"].object_list), detail.status_code) == (
        [proposal.code], [], 404)


def test_the_department_office_assigns_itself_and_appraises(client_for, officer_a, office_a,
                                                            dept_a):
    proposal = submitted(officer_a, dept_a, dept_a)
    client = client_for(office_a)
    assigned = client.post(reverse("proposals:assign", args=[proposal.public_id]),
                           {"appraisers": [office_a.pk]})
    nominee = proposal.nominees.get()
    opinion = client.post(reverse("proposals:opinion", args=[nominee.public_id]),
                          {"opinion": "agree"})
    finished = client.post(reverse("proposals:finish", args=[proposal.public_id]))
    proposal.refresh_from_db()
    assert ((assigned.status_code, opinion.status_code, finished.status_code),
            proposal.state) == ((302, 302, 302), ProposalState.APPRAISED)


def test_the_other_department_cannot_act_on_it(client_for, officer_a, office_b, dept_a):
    proposal = submitted(officer_a, dept_a, dept_a)
    before = AuditEntry.objects.count()
    response = client_for(office_b).post(reverse("proposals:assign", args=[proposal.public_id]),
                                         {"appraisers": [office_b.pk]})
    proposal.refresh_from_db()
    assert (response.status_code, proposal.state, AuditEntry.objects.count()) == (
        404, ProposalState.SUBMITTED, before)


def test_a_proposal_cannot_be_addressed_to_a_body_that_grants_nothing(officer_a, province):
    union = UnitFactory(code="HPN", name="Hội Liên hiệp Phụ nữ tỉnh", parent=province,
                        level=UnitLevel.PROVINCE, kind=UnitKind.MASS_ORGANISATION)
    member_unit = UnitFactory(code="HPN-1", parent=union)
    officer = user_with_role(Role.UNIT_OFFICER, member_unit)
    with pytest.raises(ValidationError) as error:
        draft(officer, member_unit, union, people=0)
    assert error.value.message_dict == {"recipient_unit": [
        "Hội Liên hiệp Phụ nữ tỉnh grants no title or form (granting-authority table): address "
        "the proposal to the competent authority."]}


def test_a_form_the_addressee_neither_grants_nor_forwards_is_refused_even_with_override(
        officer_a, board_user, school_a):
    proposal = draft(officer_a, school_a, school_a, award="bang_khen_tinh")
    complete_dossier(officer_a, proposal)
    with pytest.raises(ValidationError) as error:
        workflow.submit(board_user, proposal, override_reason="Hồ sơ giấy đủ.")
    proposal.refresh_from_db()
    assert (error.value.messages, proposal.state) == (
        ["Trường THPT Chuyên neither grants nor proposes upward “Bằng khen cấp bộ, ban, ngành, "
         f"tỉnh” on {timezone.localdate():%d/%m/%Y} (granted by: Chủ tịch UBND cấp tỉnh). "
         "Address the proposal to the competent authority."], ProposalState.DRAFT)


def test_a_provincial_form_addressed_to_the_department_is_forwarded_not_refused(officer_a,
                                                                               dept_a):
    proposal = draft(officer_a, dept_a, dept_a, award="bang_khen_tinh")
    finding = next(f for f in check_proposal(proposal).findings if f.code == "authority")
    assert (finding.blocking, finding.message) == (
        False, "Sở Giáo dục và Đào tạo does not grant “Bằng khen cấp bộ, ban, ngành, tỉnh”: it "
               "will be proposed upward after appraisal.")


def test_the_refusal_names_the_form_in_vietnamese(officer_a, dept_a, school_a):
    proposal = draft(officer_a, school_a, school_a, award="bang_khen_tinh")
    with translation.override("vi"), pytest.raises(ValidationError) as error:
        workflow.submit(officer_a, proposal)
    assert error.value.messages[0].startswith(
        "Trường THPT Chuyên không có thẩm quyền tặng hoặc trình lên “Bằng khen cấp bộ, ban, "
        "ngành, tỉnh”")


def test_a_provincial_form_addressed_to_the_province_raises_no_authority_finding(officer_a,
                                                                                dept_a,
                                                                                province):
    proposal = draft(officer_a, dept_a, province, award="bang_khen_tinh", level="province")
    assert [f.message for f in check_proposal(proposal).findings if f.code == "authority"] == []


# ------------------------------------------------------------------ the council

def test_the_department_holds_its_own_council(client_for, officer_a, office_a, board_user,
                                              dept_a, province):
    proposal = appraised(officer_a, office_a, dept_a, dept_a)
    client = client_for(office_a)
    form = client.get(reverse("proposals:session_create")).context["form"]
    created = client.post(reverse("proposals:session_create"), {
        "unit": dept_a.pk, "title": "Phiên họp Hội đồng TĐKT Sở", "place": "Tuyên Quang",
        "held_at": "2026-12-01T08:00", "total_members": 1, "ballot": "secret"})
    session = CouncilSession.objects.get()
    choices = list(client.get(reverse("proposals:session_agenda", args=[session.public_id]))
                   .context["form"].fields["proposal"].queryset)
    added = client.post(reverse("proposals:session_agenda", args=[session.public_id]),
                        {"proposal": proposal.pk})
    proposal.refresh_from_db()
    assert (list(form.fields["unit"].queryset), created.status_code,
            choices, added.status_code,
            proposal.state) == ([dept_a], 302, [proposal], 302, ProposalState.IN_COUNCIL)


def test_another_department_council_cannot_take_the_proposal(officer_a, office_a, office_b,
                                                             dept_a, dept_b):
    proposal = appraised(officer_a, office_a, dept_a, dept_a)
    session = _session(office_b, dept_b)
    with pytest.raises(ValidationError) as error:
        council.put_on_agenda(office_b, session, proposal)
    assert error.value.messages == [
        f"Proposal {proposal.code} is addressed to Sở Giáo dục và Đào tạo: it cannot go to the "
        "council of Sở Y tế."]


def test_the_department_council_cannot_take_a_proposal_to_the_province(
        officer_a, office_a, board_user, dept_a, province):
    proposal = draft(officer_a, dept_a, province, award="bang_khen_tinh", level="province")
    complete_dossier(officer_a, proposal)
    workflow.submit(board_user, proposal, override_reason="Hồ sơ giấy đủ.")
    workflow.assign_appraisers(board_user, proposal, [board_user])
    workflow.record_opinion(board_user, proposal.nominees.get(), opinion="agree")
    workflow.finish_appraisal(board_user, proposal)
    with pytest.raises(ValidationError) as error:
        council.put_on_agenda(office_a, _session(office_a, dept_a), proposal)
    assert error.value.messages == [
        f"Proposal {proposal.code} is addressed to Ủy ban nhân dân tỉnh Thử Nghiệm: it cannot go "
        "to the council of Sở Giáo dục và Đào tạo."]


def test_the_other_department_cannot_open_the_department_council(client_for, office_a, office_b,
                                                                 dept_a):
    session = _session(office_a, dept_a)
    response = client_for(office_b).post(reverse("proposals:session_open",
                                                 args=[session.public_id]))
    assert response.status_code == 404


# ------------------------------------------------------------------ the decision

def _voted(officer, office, unit, recipient, member_unit, **kwargs):
    proposal = appraised(officer, office, unit, recipient, **kwargs)
    session = _session(office, recipient)
    seat = council.seat_member(office, session, user=user_with_role(Role.COUNCIL_MEMBER,
                                                                    recipient),
                               unit=member_unit, role=CouncilMember.CHAIR)
    council.put_on_agenda(office, session, proposal)
    council.open_voting(office, session)
    for nominee in council.agenda_nominees(session):
        council.cast_vote(seat, nominee, Vote.AGREE)
    council.close_session(office, session)
    proposal.refresh_from_db()
    return proposal


def test_the_department_drafts_and_its_director_issues_in_its_own_register(
        client_for, officer_a, office_a, head_a, dept_a, school_a):
    proposal = _voted(officer_a, office_a, dept_a, dept_a, school_a)
    drafted = client_for(office_a).post(reverse("decisions:draft"), {
        "proposals": [proposal.pk], "issuer": dept_a.pk, "authority_title": "Giám đốc Sở",
        "symbol": "QĐ-SGDĐT", "place": "Tuyên Quang", "summary": "Về việc tặng Giấy khen",
        "legal_bases": "Căn cứ Luật Thi đua, khen thưởng số 06/2022/QH15;",
        "recipients": "- Như Điều 3;", "signer_title": "Giám đốc", "signer_name": "Ngô Đức"})
    decision = Decision.objects.get()
    issued = client_for(head_a).post(reverse("decisions:issue", args=[decision.public_id]),
                                     {"date": "2026-01-05"})
    decision.refresh_from_db()
    proposal.refresh_from_db()
    assert ((drafted.status_code, issued.status_code), decision.number_label, proposal.state,
            list(NumberSeries.objects.values_list("issuer__code", "year", "last_number"))) == (
        (302, 302), "01/QĐ-SGDĐT", ProposalState.DECIDED, [("SO-A", 2026, 1)])


def test_the_draft_page_proposes_the_addressed_authority_as_issuer(client_for, officer_a,
                                                                  office_a, dept_a, school_a):
    proposal = _voted(officer_a, office_a, dept_a, dept_a, school_a)
    client = client_for(office_a)
    page = client.get(reverse("decisions:draft"), {"proposal": str(proposal.public_id)})
    garbled = client.get(reverse("decisions:draft"), {"proposal": "not-a-uuid"})
    assert (page.context["form"].initial["issuer"], garbled.status_code) == (dept_a, 200)


def test_the_other_department_director_cannot_issue_it(client_for, officer_a, office_a, head_b,
                                                       dept_a, school_a):
    decision = draft_for(office_a, [_voted(officer_a, office_a, dept_a, dept_a, school_a)],
                         dept_a)
    response = client_for(head_b).post(reverse("decisions:issue", args=[decision.public_id]),
                                       {"date": "2026-01-05"})
    decision.refresh_from_db()
    assert (response.status_code, decision.state) == (404, "draft")


def test_only_the_addressed_authority_drafts_the_decision(officer_a, office_a, board_user,
                                                          dept_a, province):
    proposal = appraised(officer_a, office_a, dept_a, dept_a)
    with pytest.raises(ValidationError) as error:
        draft_for(board_user, [proposal], province)
    assert error.value.message_dict == {"issuer": [
        f"Proposal {proposal.code} is addressed to Sở Giáo dục và Đào tạo, not to Ủy ban nhân "
        "dân tỉnh Thử Nghiệm."]}


# ------------------------------------------------------------------ the commune, 1/7/2025

@pytest.fixture
def commune_staff(commune):
    return {"officer": user_with_role(Role.UNIT_OFFICER, commune, username="canbo_xa"),
            "office": user_with_role(Role.BOARD_STAFF, commune, username="vanhoa_xa"),
            "chairman": user_with_role(Role.APPROVER, commune, username="chutich_xa")}


def _commune_ldtt(staff, commune, commune_school):
    proposal = draft(staff["officer"], commune_school, commune, award="ldtt", level="commune")
    complete_dossier(staff["officer"], proposal, doc_types=TITLE_DOCS)
    workflow.submit(staff["officer"], proposal)
    workflow.assign_appraisers(staff["office"], proposal, [staff["office"]])
    for nominee in proposal.nominees.all():
        workflow.record_opinion(staff["office"], nominee, opinion="agree")
    workflow.finish_appraisal(staff["office"], proposal)
    return draft_for(staff["office"], [proposal], commune,
                     authority_title="Chủ tịch Ủy ban nhân dân xã Yên Sơn", symbol="QĐ-UBND",
                     summary="Về việc công nhận danh hiệu Lao động tiên tiến năm 2025")


def test_the_commune_chairman_issues_lao_dong_tien_tien_from_1_7_2025(commune_staff, commune,
                                                                       commune_school):
    decision = issuing.issue_decision(commune_staff["chairman"],
                                      _commune_ldtt(commune_staff, commune, commune_school),
                                      date=datetime.date(2025, 7, 1))
    record = AwardRecord.objects.get()
    assert (decision.number_label, record.award_type.code, record.decision_date,
            record.issuer) == ("01/QĐ-UBND", "ldtt", datetime.date(2025, 7, 1),
                               "Chủ tịch Ủy ban nhân dân xã Yên Sơn")


def test_the_commune_could_not_issue_it_on_30_6_2025_and_nothing_is_written(
        commune_staff, commune, commune_school):
    decision = _commune_ldtt(commune_staff, commune, commune_school)
    with pytest.raises(ValidationError) as error:
        issuing.issue_decision(commune_staff["chairman"], decision,
                               date=datetime.date(2025, 6, 30))
    decision.refresh_from_db()
    assert (error.value.messages, decision.state, NumberSeries.objects.count(),
            AwardRecord.objects.count()) == (
        ["Ủy ban nhân dân xã Yên Sơn does not grant “Lao động tiên tiến” on 30/06/2025 "
         "(granted by: Chủ tịch UBND cấp huyện, Giám đốc Sở, Giám đốc bệnh viện, Giám đốc "
         "doanh nghiệp, Hiệu trưởng, Thủ trưởng cơ quan cấp tỉnh, Thủ trưởng đơn vị)."],
        "draft", 0, 0)
