import pytest
from django.core.exceptions import ValidationError

from audit.models import AuditEntry
from awards.models import AwardType
from proposals.domain import nominees, workflow
from proposals.domain import proposals as proposal_domain
from proposals.domain.states import TRANSITIONS, StaleState, set_proposal_state
from proposals.enums import NomineeStatus, Opinion, ProposalState
from proposals.models import Proposal
from tests.factories import PersonFactory, user_with_role
from tests.proposals.helpers import (
    appraised,
    complete_dossier,
    draft,
    eligible_person,
    submitted,
)

ALL_STATES = list(ProposalState)


def _force(proposal, state):
    """Put a proposal in `state` for a transition test (bypassing the workflow on purpose)."""
    Proposal.objects.filter(pk=proposal.pk).update(state=state)
    proposal.refresh_from_db()


@pytest.mark.parametrize("old", ALL_STATES)
@pytest.mark.parametrize("new", ALL_STATES)
def test_set_state_allows_exactly_the_table(old, new, officer_a, dept_a):
    proposal = draft(officer_a, dept_a, dept_a, people=0)
    _force(proposal, old)
    reason = "Lý do kiểm thử"
    if new in TRANSITIONS[old]:
        set_proposal_state(proposal, new, actor=officer_a, reason=reason)
        proposal.refresh_from_db()
        assert proposal.state == new
        entry = AuditEntry.objects.get(action=f"proposals.proposal.{new}")
        assert entry.changes == {"state": [old, new]}
    else:
        with pytest.raises(ValidationError):
            set_proposal_state(proposal, new, actor=officer_a, reason=reason)
        proposal.refresh_from_db()
        assert proposal.state == old


def test_set_state_refuses_a_stale_expected_state(officer_a, dept_a):
    proposal = draft(officer_a, dept_a, dept_a, people=0)
    with pytest.raises(StaleState):
        set_proposal_state(proposal, ProposalState.WITHDRAWN, actor=officer_a, reason="x",
                           expected=ProposalState.SUBMITTED)


def test_return_needs_a_reason(officer_a, board_user, dept_a):
    proposal = submitted(officer_a, dept_a, dept_a)
    with pytest.raises(ValidationError) as error:
        workflow.return_for_supplement(board_user, proposal, reason="  ")
    assert error.value.message_dict == {"reason": ["Give a reason."]}


def test_submit_stores_verdicts_and_sets_a_working_day_deadline(officer_a, dept_a):
    proposal = submitted(officer_a, dept_a, dept_a, people=2)
    assert proposal.state == ProposalState.SUBMITTED
    assert proposal.due_on is not None and proposal.submitted_at is not None
    assert [n.eligible for n in proposal.nominees.all()] == [True, True]
    assert proposal.nominees.first().verdict["award"] == "giay_khen"


def test_submit_is_blocked_by_an_ineligible_nominee_and_missing_documents(officer_a, dept_a):
    proposal = draft(officer_a, dept_a, dept_a, people=0)
    nominees.add_nominee(officer_a, proposal, award_type=AwardType.objects.get(code="giay_khen"),
                         summary="…", person=PersonFactory(unit=dept_a))  # no rating
    with pytest.raises(workflow.SubmissionBlocked) as blocked:
        workflow.submit(officer_a, proposal)
    codes = sorted(f.code for f in blocked.value.result.errors)
    assert codes == ["document:bao_cao_thanh_tich", "document:bien_ban_xet", "document:to_trinh",
                     "ineligible:giay_khen.rating"]
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.DRAFT


def test_only_board_staff_may_override_failed_checks(officer_a, board_user, dept_a):
    proposal = draft(officer_a, dept_a, dept_a)
    with pytest.raises(ValidationError) as refused:
        workflow.submit(officer_a, proposal, override_reason="Hồ sơ bổ sung sau")
    assert refused.value.messages == ["Only the board staff of the receiving authority may "
                                      "override failed checks."]
    workflow.submit(board_user, proposal, override_reason="Hồ sơ giấy đã nhận đủ")
    proposal.refresh_from_db()
    assert (proposal.state, proposal.override_reason) == (ProposalState.SUBMITTED,
                                                          "Hồ sơ giấy đã nhận đủ")


def test_political_task_needs_the_approved_plan(officer_a, dept_a):
    proposal = draft(officer_a, dept_a, dept_a, track="political_task",
                     procedure="simplified")
    complete_dossier(officer_a, proposal, ("to_trinh", "bao_cao_tom_tat"))
    with pytest.raises(workflow.SubmissionBlocked) as blocked:
        workflow.submit(officer_a, proposal)
    assert [f.code for f in blocked.value.result.errors] == ["document:plan"]


def test_simplified_procedure_refused_for_an_annual_track(officer_a, dept_a):
    with pytest.raises(ValidationError) as error:
        draft(officer_a, dept_a, dept_a, procedure="simplified")
    assert list(error.value.message_dict) == ["procedure"]


def test_fairness_warning_when_leaders_dominate(officer_a, dept_a):
    proposal = draft(officer_a, dept_a, dept_a, people=0)
    giay_khen = AwardType.objects.get(code="giay_khen")
    for leader in (True, True, False):
        nominees.add_nominee(officer_a, proposal, award_type=giay_khen, summary="…",
                             person=eligible_person(dept_a, is_leader=leader))
    complete_dossier(officer_a, proposal)
    result = workflow.submit(officer_a, proposal)
    messages = [f.message for f in result.warnings if f.code.startswith("fairness")]
    assert messages == [
        "Individuals: 3; leaders 2 (67%), non-leaders 1, direct workers 0 (0%).",
        "Non-leaders are only 33% of the individuals proposed (expected at least 50%)."]


def test_warning_when_already_proposed_elsewhere(officer_a, dept_a):
    first = draft(officer_a, dept_a, dept_a)
    person = first.nominees.get().person
    complete_dossier(officer_a, first)
    workflow.submit(officer_a, first)
    second = draft(officer_a, dept_a, dept_a, people=0)
    nominees.add_nominee(officer_a, second, award_type=AwardType.objects.get(code="giay_khen"),
                         summary="…", person=person)
    complete_dossier(officer_a, second)
    result = workflow.submit(officer_a, second)
    assert [f.message for f in result.warnings if f.code == "proposed_twice"] == [
        f"{person.full_name} is also proposed for Giấy khen in proposal {first.code}."]


def test_nominee_twice_in_one_proposal_refused(officer_a, dept_a):
    proposal = draft(officer_a, dept_a, dept_a)
    nominee = proposal.nominees.get()
    with pytest.raises(ValidationError):
        nominees.add_nominee(officer_a, proposal, award_type=nominee.award_type, summary="…",
                             person=nominee.person)


def test_recipient_must_be_the_unit_or_above(officer_a, dept_a, dept_b):
    with pytest.raises(ValidationError) as error:
        draft(officer_a, dept_a, dept_b, people=0)
    assert list(error.value.message_dict) == ["recipient_unit"]


def test_no_editing_after_submission(officer_a, dept_a):
    proposal = submitted(officer_a, dept_a, dept_a)
    with pytest.raises(ValidationError):
        proposal_domain.update_proposal(officer_a, proposal, title="Đổi tên")


def test_appraiser_from_a_nominee_unit_is_refused(officer_a, board_user, dept_a):
    proposal = submitted(officer_a, dept_a, dept_a)
    insider = user_with_role("board_staff", dept_a)
    from accounts.models import RoleAssignment

    RoleAssignment.objects.create(user=insider, role="unit_officer", unit=dept_a)
    with pytest.raises(ValidationError) as error:
        workflow.assign_appraisers(board_user, proposal, [insider])
    assert list(error.value.message_dict) == ["appraisers"]


def test_full_appraisal_with_a_change_of_form(officer_a, board_user, dept_a):
    proposal = submitted(officer_a, dept_a, dept_a, people=2)
    workflow.assign_appraisers(board_user, proposal, [board_user])
    first, second = proposal.nominees.all()
    bang_khen = AwardType.objects.get(code="bang_khen_tinh")
    workflow.record_opinion(board_user, first, opinion=Opinion.CHANGE_FORM,
                            note="Thành tích tiêu biểu", final_award_type=bang_khen)
    workflow.record_opinion(board_user, second, opinion=Opinion.DISAGREE, note="Chưa đủ")
    workflow.finish_appraisal(board_user, proposal)
    proposal.refresh_from_db()
    first.refresh_from_db()
    second.refresh_from_db()
    assert proposal.state == ProposalState.APPRAISED
    assert (first.status, first.award_for_decision) == (NomineeStatus.AGREED, bang_khen)
    assert second.status == NomineeStatus.REFUSED


def test_disagree_needs_a_reason(officer_a, board_user, dept_a):
    proposal = submitted(officer_a, dept_a, dept_a)
    workflow.assign_appraisers(board_user, proposal, [board_user])
    with pytest.raises(ValidationError):
        workflow.record_opinion(board_user, proposal.nominees.get(), opinion=Opinion.DISAGREE)


def test_return_and_resubmit_keeps_history(officer_a, board_user, dept_a):
    proposal = submitted(officer_a, dept_a, dept_a)
    workflow.return_for_supplement(board_user, proposal, reason="Thiếu biên bản có chữ ký")
    proposal_domain.update_proposal(officer_a, proposal, letter_number="15/TTr-SGD")
    workflow.submit(officer_a, proposal)
    proposal.refresh_from_db()
    actions = list(AuditEntry.objects.filter(object_id=str(proposal.public_id))
                   .order_by("id").values_list("action", flat=True))
    assert actions == ["proposals.proposal.create", "proposals.proposal.submitted",
                       "proposals.proposal.returned", "proposals.proposal.update",
                       "proposals.proposal.submitted"]


def test_reject_marks_nominees_not_awarded(officer_a, board_user, dept_a):
    proposal = appraised(officer_a, board_user, dept_a, dept_a)
    workflow.reject(board_user, proposal, reason="Không đủ tiêu chuẩn")
    assert list(proposal.nominees.values_list("status", flat=True)) == [
        NomineeStatus.NOT_AWARDED]


def test_withdraw_draft(officer_a, dept_a):
    proposal = draft(officer_a, dept_a, dept_a)
    workflow.withdraw(officer_a, proposal, reason="Đơn vị rút")
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.WITHDRAWN


def test_forward_names_the_authority(officer_a, board_user, dept_a):
    proposal = appraised(officer_a, board_user, dept_a, dept_a)
    workflow.forward(board_user, proposal, to="Thủ tướng Chính phủ")
    proposal.refresh_from_db()
    assert (proposal.state, proposal.forwarded_to) == (ProposalState.FORWARDED,
                                                       "Thủ tướng Chính phủ")


def test_quota_warning_counts_the_units_open_proposals(officer_a, dept_a):
    from proposals.models import ProcedureParameter

    ProcedureParameter.objects.create(key="quota.giay_khen", value=2, citation="Quy chế tỉnh")
    first = draft(officer_a, dept_a, dept_a, people=2)
    complete_dossier(officer_a, first)
    assert [f.code for f in workflow.submit(officer_a, first).warnings] == ["fairness"]
    second = draft(officer_a, dept_a, dept_a, people=1)
    complete_dossier(officer_a, second)
    quota = [f.message for f in workflow.submit(officer_a, second).warnings
             if f.code == "quota"]
    assert quota == [f"giay_khen: 3 proposed by {dept_a.name} for 2025, above the quota of 2."]


def test_higher_decision_on_a_forwarded_proposal_writes_the_ledger(officer_a, board_user,
                                                                   dept_a):
    import datetime

    from awards.models import AwardRecord

    proposal = appraised(officer_a, board_user, dept_a, dept_a, people=2)
    workflow.forward(board_user, proposal, to="Thủ tướng Chính phủ")
    first, second = proposal.nominees.order_by("sort_order")
    workflow.record_higher_decision(board_user, proposal, awarded=[first],
                                    number="1234/QĐ-TTg", date=datetime.date(2026, 3, 2),
                                    issuer="Thủ tướng Chính phủ")
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.DECIDED
    assert list(AwardRecord.objects.filter(decision_number="1234/QĐ-TTg")
                .values_list("person", "issuer")) == [(first.person_id, "Thủ tướng Chính phủ")]
    second.refresh_from_db()
    assert second.status == NomineeStatus.NOT_AWARDED


def test_higher_decision_needs_a_forwarded_proposal(officer_a, board_user, dept_a):
    import datetime

    proposal = appraised(officer_a, board_user, dept_a, dept_a)
    with pytest.raises(ValidationError):
        workflow.record_higher_decision(board_user, proposal, awarded=[], number="1/QĐ-TTg",
                                        date=datetime.date(2026, 3, 2), issuer="TTg")


def test_resubmission_judges_the_nominees_own_initiative_as_unused(officer_a, board_user,
                                                                     dept_a):
    """Submission reserves the initiative for this nominee; returned and resubmitted, the same
    claim is judged again and its own reservation must not count as an earlier use."""
    from proposals.domain.initiatives import link_initiative
    from tests.factories import make_initiative

    proposal = draft(officer_a, dept_a, dept_a, award="cstd_co_so")
    nominee = proposal.nominees.get()
    link_initiative(officer_a, nominee, make_initiative(dept_a, authors=[(nominee.person, 100)],
                                                        year=2025, scope="co_so"))
    complete_dossier(officer_a, proposal, ("to_trinh", "bao_cao_thanh_tich",
                                           "bien_ban_binh_xet", "ket_qua_bo_phieu",
                                           "chung_nhan_sang_kien"))
    workflow.submit(officer_a, proposal)
    nominee.refresh_from_db()
    assert nominee.eligible is True
    workflow.return_for_supplement(board_user, proposal, reason="Bổ sung biên bản")
    workflow.submit(officer_a, proposal)
    nominee.refresh_from_db()
    assert nominee.eligible is True
