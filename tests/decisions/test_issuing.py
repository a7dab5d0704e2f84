import datetime

import pytest
from django.core.exceptions import ValidationError

from awards.domain.ledger import record_award, set_rating
from awards.domain.queries.cases import case_for
from awards.eligibility.engine import evaluate
from awards.models import AwardRecord, AwardType
from decisions.domain import corrections, issuing
from decisions.enums import CertificateStatus, DecisionState
from decisions.models import Certificate
from proposals.domain import workflow
from proposals.enums import NomineeStatus, Opinion, ProposalState
from tests.decisions.helpers import DECIDED_ON, draft_for, issued
from tests.proposals.helpers import YEAR, appraised, draft


def test_issue_numbers_writes_the_ledger_and_certificates(officer_a, board_user,
                                                          approver_user, dept_a):
    decision = issued(officer_a, board_user, approver_user, dept_a, people=2)
    assert (decision.state, decision.number, decision.number_label) == (
        DecisionState.ISSUED, 1, "01/QĐ-SGDĐT")
    records = AwardRecord.objects.filter(decision_number="01/QĐ-SGDĐT")
    assert sorted(records.values_list("award_type__code", "year", "source")) == [
        ("giay_khen", YEAR, "decision"), ("giay_khen", YEAR, "decision")]
    assert Certificate.objects.filter(item__decision=decision, status="valid").count() == 2
    proposal = decision.proposals.get()
    assert proposal.state == ProposalState.DECIDED
    assert set(proposal.nominees.values_list("status", flat=True)) == {NomineeStatus.AWARDED}


def test_numbers_are_sequential_per_issuer_and_year(officer_a, board_user, approver_user,
                                                    dept_a):
    first = issued(officer_a, board_user, approver_user, dept_a)
    second = issued(officer_a, board_user, approver_user, dept_a)
    next_year = issued(officer_a, board_user, approver_user, dept_a,
                       on=datetime.date(2026, 1, 2))
    assert [first.number, second.number, next_year.number] == [1, 2, 3]


def test_money_is_coefficient_times_base_salary_on_the_decision_date(
        officer_a, board_user, approver_user, dept_a):
    decision = issued(officer_a, board_user, approver_user, dept_a)
    item = decision.items.get()
    # Giấy khen, individual: 0.3 × 2,340,000 = 702,000, rounded up to the next 10,000 VND
    # (Decree 152/2025 Art. 49; the rounding step is a dated rule a province may change).
    assert (str(item.coefficient), item.base_salary, item.money) == ("0.30", 2_340_000, 710_000)


def test_cannot_issue_twice(officer_a, board_user, approver_user, dept_a):
    decision = issued(officer_a, board_user, approver_user, dept_a)
    with pytest.raises(ValidationError):
        issuing.issue_decision(approver_user, decision, date=DECIDED_ON)


def test_future_date_refused(officer_a, board_user, approver_user, dept_a):
    proposal = appraised(officer_a, board_user, dept_a, dept_a)
    decision = draft_for(board_user, [proposal], dept_a)
    with pytest.raises(ValidationError):
        issuing.issue_decision(approver_user, decision, date=datetime.date(2099, 1, 1))


def test_revocation_changes_a_later_verdict(officer_a, board_user, approver_user, dept_a):
    """Bằng khen tỉnh needs 2 consecutive CSTĐ cơ sở (Law 2022 Art. 74.1.d): the 2025 title
    comes from a decision issued here; revoking it makes the person ineligible again."""
    proposal = draft(officer_a, dept_a, dept_a, award="cstd_co_so")
    person = proposal.nominees.get().person
    record_award(None, award_type=AwardType.objects.get(code="cstd_co_so"), year=YEAR - 1,
                 decision_number="12/QĐ-SGDĐT", decision_date=datetime.date(2024, 12, 20),
                 issuer="Sở GDĐT", person=person)
    set_rating(None, year=YEAR - 1, rating="xuat_sac", person=person)
    set_rating(None, year=YEAR, rating="xuat_sac", person=person)
    workflow.submit(board_user, proposal, override_reason="Hồ sơ giấy đã kiểm tra đủ")
    workflow.assign_appraisers(board_user, proposal, [board_user])
    workflow.record_opinion(board_user, proposal.nominees.get(), opinion=Opinion.AGREE)
    workflow.finish_appraisal(board_user, proposal)
    decision = issuing.issue_decision(approver_user, draft_for(board_user, [proposal], dept_a),
                                      date=DECIDED_ON)
    assert evaluate(case_for(person, "bang_khen_tinh", YEAR)).eligible is True

    item = decision.items.get()
    corrections.revoke_item(board_user, item, reason="Kê khai không trung thực",
                            decision_number="09/QĐ-SGDĐT", decision_date=DECIDED_ON,
                            decision_issuer="Giám đốc Sở Giáo dục và Đào tạo")

    record = AwardRecord.objects.get(pk=item.award_record_id)
    assert (record.revoked, record.revoked_reason, record.revoking_decision) == (
        True, "Kê khai không trung thực",
        "09/QĐ-SGDĐT dated 05/01/2026 by Giám đốc Sở Giáo dục và Đào tạo")
    certificate = item.certificates.get()
    assert (certificate.status, certificate.status_reason) == (
        CertificateStatus.REVOKED, "Kê khai không trung thực (revoked by decision 09/QĐ-SGDĐT "
                                   "dated 05/01/2026 by Giám đốc Sở Giáo dục và Đào tạo)")
    assert evaluate(case_for(person, "bang_khen_tinh", YEAR)).eligible is False


def test_correction_issues_an_amending_decision(officer_a, board_user, approver_user, dept_a):
    decision = issued(officer_a, board_user, approver_user, dept_a)
    item = decision.items.get()
    amending = corrections.request_correction(board_user, item, reason="Sai chính tả họ tên",
                                              recipient_name="Nguyễn Thị Đúng",
                                              recipient_detail="Giáo viên, Trường A")
    amending = issuing.issue_decision(approver_user, amending, date=DECIDED_ON)
    old = item.certificates.get()
    new = amending.items.get().certificates.get()
    assert (old.status, old.replaced_by, new.status) == (CertificateStatus.CORRECTED, new,
                                                         CertificateStatus.VALID)
    assert amending.amends == decision and amending.number == 2


def test_issue_confirms_the_initiative_claims_of_the_awarded(officer_a, board_user,
                                                             approver_user, dept_a):
    from emulation.initiatives.models import InitiativeUse
    from proposals.domain.initiatives import link_initiative
    from tests.factories import make_initiative
    from tests.proposals.helpers import complete_dossier

    proposal = draft(officer_a, dept_a, dept_a, people=2)
    first, second = proposal.nominees.order_by("sort_order")
    for nominee in (first, second):
        link_initiative(officer_a, nominee, make_initiative(
            dept_a, title=f"Giải pháp {nominee.pk}", authors=[(nominee.person, 100)],
            year=2025, scope="co_so"))
    complete_dossier(officer_a, proposal)
    workflow.submit(officer_a, proposal)
    workflow.assign_appraisers(board_user, proposal, [board_user])
    workflow.record_opinion(board_user, first, opinion=Opinion.AGREE)
    workflow.record_opinion(board_user, second, opinion=Opinion.DISAGREE, note="Chưa đủ")
    workflow.finish_appraisal(board_user, proposal)
    issuing.issue_decision(approver_user, draft_for(board_user, [proposal], dept_a),
                           date=DECIDED_ON)
    assert sorted(InitiativeUse.objects.values_list("claim_ref", "state")) == sorted([
        (f"nominee:{first.public_id}", "confirmed"),
        (f"nominee:{second.public_id}", "released")])
