"""The decision that awards a claim's nominee closes the claim (the explicit call in
decisions.domain.issuing)."""

from awards.models import AwardType
from claims.domain import proposing
from claims.enums import ClaimState
from claims.models import Claim
from decisions.domain import issuing
from proposals.domain import workflow
from proposals.enums import Opinion
from tests.claims.helpers import at_stage
from tests.decisions.helpers import DECIDED_ON, draft_for
from tests.factories import PersonFactory
from tests.proposals.helpers import complete_dossier


def decide(officer, board, approver, claim, unit):
    proposal = proposing.propose(officer, claim, award_type=AwardType.objects.get(
        code="giay_khen"), recipient_unit=unit)
    complete_dossier(officer, proposal)
    workflow.submit(board, proposal, override_reason="Hồ sơ kháng chiến")
    workflow.assign_appraisers(board, proposal, [board])
    for nominee in proposal.nominees.all():
        workflow.record_opinion(board, nominee, opinion=Opinion.AGREE)
    workflow.finish_appraisal(board, proposal)
    return issuing.issue_decision(approver, draft_for(board, [proposal], unit), date=DECIDED_ON)


def test_decision_closes_the_claim(officer_a, board_user, approver_user, dept_a):
    claim = at_stage(officer_a, dept_a, ClaimState.VERIFIED, person=PersonFactory(unit=dept_a))
    decision = decide(officer_a, board_user, approver_user, claim, dept_a)
    claim = Claim.objects.get(pk=claim.pk)
    assert (claim.state, claim.reason) == (ClaimState.DECIDED, decision.number_label)
    assert list(claim.steps.values_list("new", flat=True))[-2:] == ["proposed", "decided"]


def _proposed(officer, unit):
    claim = at_stage(officer, unit, ClaimState.VERIFIED, person=PersonFactory(unit=unit))
    proposal = proposing.propose(officer, claim, award_type=AwardType.objects.get(
        code="giay_khen"), recipient_unit=unit)
    return Claim.objects.get(pk=claim.pk), proposal


def test_rejected_proposal_sends_the_claim_back_to_verified(officer_a, board_user, dept_a):
    claim, proposal = _proposed(officer_a, dept_a)
    complete_dossier(officer_a, proposal)
    workflow.submit(board_user, proposal, override_reason="Hồ sơ kháng chiến")
    workflow.reject(board_user, proposal, reason="Chưa đủ căn cứ")
    claim.refresh_from_db()
    assert (claim.state, claim.reason) == (ClaimState.VERIFIED, "Chưa đủ căn cứ")


def test_dropped_nominee_sends_the_claim_back_to_verified(officer_a, dept_a):
    from proposals.domain.nominees import drop_nominee

    claim, proposal = _proposed(officer_a, dept_a)
    drop_nominee(officer_a, proposal.nominees.get(), reason="Nhầm người")
    claim.refresh_from_db()
    assert claim.state == ClaimState.VERIFIED


def test_nominee_left_out_of_the_decision_goes_back_to_verified(officer_a, board_user,
                                                               approver_user, dept_a):
    claim, proposal = _proposed(officer_a, dept_a)
    other = at_stage(officer_a, dept_a, ClaimState.VERIFIED, person=PersonFactory(unit=dept_a))
    proposing.propose(officer_a, other, award_type=AwardType.objects.get(code="giay_khen"),
                      proposal=proposal)
    complete_dossier(officer_a, proposal)
    workflow.submit(board_user, proposal, override_reason="Hồ sơ kháng chiến")
    workflow.assign_appraisers(board_user, proposal, [board_user])
    first, second = proposal.nominees.order_by("sort_order")
    workflow.record_opinion(board_user, first, opinion=Opinion.AGREE)
    workflow.record_opinion(board_user, second, opinion=Opinion.DISAGREE, note="Thiếu xác nhận")
    workflow.finish_appraisal(board_user, proposal)
    decision = issuing.issue_decision(approver_user, draft_for(board_user, [proposal], dept_a),
                                      date=DECIDED_ON)
    states = {c.pk: (c.state, c.reason) for c in Claim.objects.filter(pk__in=[claim.pk,
                                                                           other.pk])}
    assert states == {claim.pk: (ClaimState.DECIDED, decision.number_label),
                      other.pk: (ClaimState.VERIFIED, decision.number_label)}
