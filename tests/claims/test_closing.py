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
