"""Appraisal findings (issue 16): a track only the appraisal can find met is recorded with its
evidence, feeds the case's `achievements`, and is withdrawn with a reason, never deleted."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from accounts.enums import Role
from accounts.models import RoleAssignment
from audit.models import AuditEntry
from awards.domain.queries.cases import case_for
from awards.eligibility.screening import Screener, fact_fields
from proposals.domain import findings, workflow
from proposals.domain.checks import case_of, check_proposal
from proposals.enums import FindingState, ProposalState
from proposals.models import AppraisalFinding, Proposal
from tests.factories import user_with_role
from tests.proposals.helpers import complete_dossier, draft

TRACK = "bang_khen_tinh.b"
CITATION = "Luật TĐKT 2022, Điều 74 khoản 1 điểm b"
EVIDENCE = {"evidence_number": "125/QĐ-BGDĐT", "evidence_date": datetime.date(2025, 10, 2)}


def under_appraisal(officer, board, unit, recipient, people=1):
    """A Bằng khen tỉnh proposal of people rated only "good" (no record-judged track met),
    submitted with the board's override and under appraisal."""
    proposal = draft(officer, unit, recipient, award="bang_khen_tinh", level="province",
                     people=people)
    complete_dossier(officer, proposal)
    workflow.submit(board, proposal, override_reason="Xét theo thành tích đột xuất.")
    workflow.assign_appraisers(board, proposal, [board])
    proposal.refresh_from_db()
    return proposal


@pytest.fixture
def proposal(officer_a, board_user, dept_a, province):
    return under_appraisal(officer_a, board_user, dept_a, province)


@pytest.fixture
def nominee(proposal):
    return proposal.nominees.get()


def test_the_tracks_to_appraise_are_those_records_cannot_judge_with_their_point(nominee):
    assert [(t.code, t.citation) for t in findings.tracks_to_appraise(nominee)] == [
        ("bang_khen_tinh.a", "Luật TĐKT 2022, Điều 74 khoản 1 điểm a"),
        (TRACK, CITATION),
        ("bang_khen_tinh.c", "Luật TĐKT 2022, Điều 74 khoản 1 điểm c"),
        ("bang_khen_tinh.dd", "Luật TĐKT 2022, Điều 74 khoản 1 điểm đ"),
        ("bang_khen_tinh.entrepreneur", "Luật TĐKT 2022, Điều 74 khoản 3")]


def test_without_a_finding_the_nominee_is_blocked_by_the_appraisal_tracks(proposal, nominee):
    result = check_proposal(proposal)
    assert (result.verdicts[nominee.pk]["eligible"],
            [f.code for f in result.errors if f.code == f"ineligible:{TRACK}"]) == (
        False, [f"ineligible:{TRACK}"])


def test_a_recorded_finding_turns_the_verdict_eligible_by_appraisal(board_user, proposal,
                                                                    nominee):
    finding = findings.record_finding(board_user, nominee, code=TRACK, note="Đột xuất",
                                      **EVIDENCE)
    nominee.refresh_from_db()
    met = [r for r in nominee.verdict["reasons"] if r["rule"] == TRACK]
    assert (finding.state, finding.citation, nominee.eligible, met) == (
        FindingState.RECORDED, CITATION, True,
        [{"rule": TRACK, "ok": True, "citation": CITATION,
          "message": "Recorded as met by the appraisal of the achievement report."}])
    assert check_proposal(proposal).verdicts[nominee.pk]["eligible"] is True


def test_recording_is_audited_with_the_track_its_citation_and_the_evidence(board_user,
                                                                          nominee):
    findings.record_finding(board_user, nominee, code=TRACK, note="Đột xuất", **EVIDENCE)
    entry = AuditEntry.objects.get(action="proposals.finding.record")
    assert (entry.changes, entry.reason, entry.unit_id) == (
        {"code": [None, TRACK], "citation": [None, CITATION],
         "evidence": [None, "125/QĐ-BGDĐT; 02/10/2025"]}, "Đột xuất", nominee.proposal.unit_id)


def test_the_case_carries_only_recorded_findings_of_the_requested_form(board_user, nominee):
    kept = findings.record_finding(board_user, nominee, code=TRACK, **EVIDENCE)
    findings.record_finding(board_user, nominee, code="bang_khen_tinh.c",
                            evidence_text="Giải nhất toàn quốc")
    findings.withdraw_finding(board_user, kept, reason="Nhầm văn bản")
    AppraisalFinding.objects.create(nominee=nominee, code="bang_khen_ttg.a", citation="x",
                                    evidence_text="y", recorded_by=board_user)
    assert case_of(nominee).achievements == frozenset({"bang_khen_tinh.c"})


def test_withdrawing_keeps_the_finding_as_history_and_the_verdict_follows(board_user, nominee):
    finding = findings.record_finding(board_user, nominee, code=TRACK, **EVIDENCE)
    findings.withdraw_finding(board_user, finding, reason="Văn bản không công nhận thành tích")
    finding.refresh_from_db()
    nominee.refresh_from_db()
    entry = AuditEntry.objects.get(action="proposals.finding.withdraw")
    assert (finding.state, finding.withdrawn_by, finding.withdrawn_reason, nominee.eligible,
            AppraisalFinding.objects.count(), entry.changes, entry.reason) == (
        FindingState.WITHDRAWN, board_user, "Văn bản không công nhận thành tích", False, 1,
        {"state": ["recorded", "withdrawn"]}, "Văn bản không công nhận thành tích")


def test_a_withdrawn_track_may_be_recorded_again(board_user, nominee):
    first = findings.record_finding(board_user, nominee, code=TRACK, **EVIDENCE)
    findings.withdraw_finding(board_user, first, reason="Nhầm số văn bản")
    findings.record_finding(board_user, nominee, code=TRACK, evidence_number="126/QĐ-BGDĐT",
                            evidence_date=datetime.date(2025, 10, 3))
    assert list(nominee.findings.order_by("id").values_list("state", flat=True)) == [
        "withdrawn", "recorded"]


def test_withdrawing_needs_a_reason(board_user, nominee):
    finding = findings.record_finding(board_user, nominee, code=TRACK, **EVIDENCE)
    with pytest.raises(ValidationError) as error:
        findings.withdraw_finding(board_user, finding, reason="  ")
    assert error.value.message_dict == {"reason": ["Give a reason."]}


def test_withdrawing_twice_says_it_was_already_withdrawn(board_user, nominee):
    finding = findings.record_finding(board_user, nominee, code=TRACK, **EVIDENCE)
    findings.withdraw_finding(board_user, finding, reason="Nhầm")
    with pytest.raises(ValidationError) as error:
        findings.withdraw_finding(board_user, finding, reason="Nhầm")
    assert error.value.messages == ["This finding was already withdrawn."]


def test_the_same_track_twice_says_someone_else_recorded_it(board_user, nominee):
    findings.record_finding(board_user, nominee, code=TRACK, **EVIDENCE)
    with pytest.raises(ValidationError) as error:
        findings.record_finding(board_user, nominee, code=TRACK, evidence_text="Khác")
    assert error.value.message_dict == {"code": [
        f"Someone else has already recorded {CITATION} as met for {nominee.subject_name}."]}


@pytest.mark.parametrize(("evidence", "errors"), [
    ({}, {"evidence_text": ["Give the evidence: the number and date of the document that "
                            "recognises the achievement, or a description of it."]}),
    ({"evidence_number": "125/QĐ-BGDĐT"},
     {"evidence_date": ["Give the date of document 125/QĐ-BGDĐT."]}),
    ({"evidence_date": datetime.date(2025, 10, 2)},
     {"evidence_number": ["Give the number of the document dated 02/10/2025."]}),
])
def test_evidence_is_required(board_user, nominee, evidence, errors):
    with pytest.raises(ValidationError) as error:
        findings.record_finding(board_user, nominee, code=TRACK, **evidence)
    assert (error.value.message_dict, AppraisalFinding.objects.count()) == (errors, 0)


@pytest.mark.parametrize("code", ["bang_khen_tinh.d", "bang_khen_tinh.collective_a",
                                  "bang_khen_ttg.a", "bang_khen_tinh.nonsense"])
def test_only_a_track_the_appraisal_decides_for_this_subject_is_accepted(board_user, nominee,
                                                                         code):
    with pytest.raises(ValidationError) as error:
        findings.record_finding(board_user, nominee, code=code, **EVIDENCE)
    assert error.value.message_dict == {"code": [
        f"“{code}” is not a track of {nominee.award_type.name} that the appraisal decides "
        f"for {nominee.subject_name}."]}


@pytest.mark.parametrize("state", [s for s in ProposalState if s != ProposalState.APPRAISING])
def test_findings_are_recorded_only_under_appraisal(board_user, proposal, nominee, state):
    Proposal.objects.filter(pk=proposal.pk).update(state=state)  # on purpose, for the test
    nominee.refresh_from_db()
    with pytest.raises(ValidationError) as error:
        findings.record_finding(board_user, nominee, code=TRACK, **EVIDENCE)
    assert error.value.messages == [
        f"Findings are recorded while the proposal is under appraisal (proposal "
        f"{proposal.code} is “{state.label}”)."]


def test_withdrawing_is_refused_once_the_appraisal_is_over(board_user, proposal, nominee):
    finding = findings.record_finding(board_user, nominee, code=TRACK, **EVIDENCE)
    Proposal.objects.filter(pk=proposal.pk).update(state=ProposalState.APPRAISED)
    with pytest.raises(ValidationError):
        findings.withdraw_finding(board_user, finding, reason="Muộn")
    finding.refresh_from_db()
    assert finding.state == FindingState.RECORDED


@pytest.mark.parametrize("who", ["officer_a", "outsider", "council_user", "approver_user"])
def test_only_the_appraising_board_may_record(request, nominee, who):
    actor = request.getfixturevalue(who)
    with pytest.raises(PermissionDenied):
        findings.record_finding(actor, nominee, code=TRACK, **EVIDENCE)
    assert AppraisalFinding.objects.count() == 0


def test_board_staff_of_another_authority_may_not_record(officer_a, dept_a, dept_b, province):
    other_board = user_with_role(Role.BOARD_STAFF, dept_b, username="board_b")
    board = user_with_role(Role.BOARD_STAFF, province, username="board_p")
    nominee = under_appraisal(officer_a, board, dept_a, province).nominees.get()
    with pytest.raises(PermissionDenied):
        findings.record_finding(other_board, nominee, code=TRACK, **EVIDENCE)


def test_board_staff_working_in_the_nominees_unit_may_not_record(nominee, dept_a, province):
    conflicted = user_with_role(Role.BOARD_STAFF, province, username="board_conflicted")
    RoleAssignment.objects.create(user=conflicted, role=Role.UNIT_OFFICER, unit=dept_a)
    with pytest.raises(PermissionDenied) as error:
        findings.record_finding(conflicted, nominee, code=TRACK, **EVIDENCE)
    assert str(error.value) == (f"You work in the unit of {nominee.subject_name} and cannot "
                                "appraise this nominee.")


def test_achievements_key_the_screening_cache_so_a_finding_changes_the_answer(board_user,
                                                                             nominee):
    """The Screener's key is every Case field but NOT_FACTS: `achievements` is one, so a case
    with a finding is never answered from the path of the same history without it."""
    plain = case_for(nominee.person, "bang_khen_tinh", nominee.proposal.year)
    findings.record_finding(board_user, nominee, code=TRACK, **EVIDENCE)
    screener = Screener()
    assert ("achievements" in fact_fields(),
            screener.screen(plain) is None,
            screener.screen(case_of(nominee)) is not None,
            screener.screen(plain) is None) == (True, True, True, True)
