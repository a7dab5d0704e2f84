"""The officer's steps on a claim, the checklist, the ledger check and the road to a
decision."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from audit.models import AuditEntry
from awards.domain.ledger import record_award
from awards.models import AwardType
from claims.domain import proposing, steps, verification
from claims.enums import CheckResult, ClaimKind, ClaimState
from claims.models import Claim
from proposals.enums import Track
from proposals.models import DossierDocument
from tests.claims.helpers import at_stage, confirm_all, register, with_evidence
from tests.factories import PersonFactory


def test_register_writes_code_history_and_audit(officer_a, dept_a):
    claim = register(officer_a, dept_a)
    assert (claim.state, claim.code[:7], claim.steps.count()) == ("registered", "HS2026-", 1)
    entry = AuditEntry.objects.get(action="claims.claim.register")
    assert (entry.object_label, entry.unit_id) == (claim.code, dept_a.pk)


def test_deceased_claimant_needs_a_relative(officer_a, dept_a):
    with pytest.raises(ValidationError) as refused:
        register(officer_a, dept_a, claimant_deceased=True)
    assert list(refused.value.message_dict) == ["applicant_relation"]


def test_relative_must_be_named(officer_a, dept_a):
    with pytest.raises(ValidationError) as refused:
        register(officer_a, dept_a, applicant_relation="child", applicant_name="")
    assert list(refused.value.message_dict) == ["applicant_name"]


def test_evidence_file_is_stored_privately(officer_a, dept_a, settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    claim = register(officer_a, dept_a)
    with_evidence(officer_a, claim, files=True)
    item = claim.evidence.first()
    assert (item.file_kind, item.path.startswith("claims/"), (tmp_path / item.path).exists()) \
        == ("pdf", True, True)


def test_verify_needs_evidence_first(officer_a, dept_a):
    claim = register(officer_a, dept_a)
    with pytest.raises(ValidationError):
        steps.start_verifying(officer_a, claim)


def test_missing_check_sends_the_claim_back_with_the_list(officer_a, dept_a):
    claim = at_stage(officer_a, dept_a, ClaimState.VERIFYING)
    steps.record_check(officer_a, claim, item="identity", result=CheckResult.CONFIRMED,
                       source="CCCD")
    steps.record_check(officer_a, claim, item="party_record", result=CheckResult.MISSING,
                       source="Đảng ủy xã")
    steps.request_evidence(officer_a, claim)
    claim.refresh_from_db()
    assert claim.state == ClaimState.WAITING_EVIDENCE
    assert claim.reason == ("Military service / work record; Party membership record; "
                            "Witness statements (two people who served alongside); Commune "
                            "People's Committee confirmation; No earlier award in the ledger "
                            "for the same service")


def test_complete_checks_move_on(officer_a, dept_a):
    claim = at_stage(officer_a, dept_a, ClaimState.VERIFYING)
    confirm_all(officer_a, claim)
    steps.mark_verified(officer_a, claim)
    assert Claim.objects.get(pk=claim.pk).state == ClaimState.VERIFIED


def test_incomplete_checks_cannot_be_verified(officer_a, dept_a):
    claim = at_stage(officer_a, dept_a, ClaimState.VERIFYING)
    with pytest.raises(ValidationError):
        steps.mark_verified(officer_a, claim)
    assert Claim.objects.get(pk=claim.pk).state == ClaimState.VERIFYING


def test_ledger_award_for_the_same_service_blocks_confirmation(officer_a, dept_a):
    person = PersonFactory(unit=dept_a)
    record_award(None, award_type=AwardType.objects.get(code="ba_me_vnah"), year=1997,
                 decision_number="12/KT-CTN", decision_date=datetime.date(1997, 12, 1),
                 issuer="Chủ tịch nước", person=person)
    claim = at_stage(officer_a, dept_a, ClaimState.VERIFYING, kind=ClaimKind.HEROIC_MOTHER,
                     person=person)
    with pytest.raises(ValidationError) as refused:
        steps.record_check(officer_a, claim, item="ledger", result=CheckResult.CONFIRMED,
                           source="Sổ khen thưởng")
    assert refused.value.message_dict == {"result": [
        "The ledger already holds Bà mẹ Việt Nam anh hùng (decision 12/KT-CTN) for this "
        "service."]}


def test_heroic_mother_below_criteria_cannot_be_verified(officer_a, dept_a):
    claim = register(officer_a, dept_a, kind=ClaimKind.HEROIC_MOTHER)
    with_evidence(officer_a, claim)
    steps.add_family_member(officer_a, claim, full_name="Lê Văn Một", relation="child",
                            status="martyr")
    steps.start_verifying(officer_a, claim)
    confirm_all(officer_a, claim)
    with pytest.raises(ValidationError) as refused:
        steps.mark_verified(officer_a, claim)
    assert refused.value.messages == [
        "The family's recorded martyrs do not meet Pháp lệnh Bà mẹ Việt Nam anh hùng (sửa đổi "
        "bởi Pháp lệnh 05/2012/UBTVQH13), Điều 2."]


def test_witness_statements_are_counted(officer_a, dept_a):
    claim = register(officer_a, dept_a)
    steps.add_evidence(officer_a, claim, kind="witness", title="Lời khai",
                       dated=datetime.date(2026, 1, 5))
    assert verification.witness_shortfall(claim) == 1


def test_verified_claim_becomes_a_nominee_with_its_evidence(officer_a, dept_a, province,
                                                             settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    person = PersonFactory(unit=dept_a)
    claim = register(officer_a, dept_a, person=person)
    with_evidence(officer_a, claim, files=True)
    steps.start_verifying(officer_a, claim)
    confirm_all(officer_a, claim)
    steps.mark_verified(officer_a, claim)
    proposal = proposing.propose(officer_a, claim, award_type=AwardType.objects.get(
        code="bang_khen_tinh"), recipient_unit=province)
    claim.refresh_from_db()
    nominee = proposal.nominees.get()
    assert (proposal.track, claim.state, claim.nominee_id, nominee.person_id) == (
        Track.RESISTANCE, ClaimState.PROPOSED, nominee.pk, person.pk)
    assert DossierDocument.objects.filter(nominee=nominee).count() == 8


def test_propose_needs_a_person_record(officer_a, dept_a, province):
    claim = at_stage(officer_a, dept_a, ClaimState.VERIFIED)
    with pytest.raises(ValidationError) as refused:
        proposing.propose(officer_a, claim, award_type=AwardType.objects.get(
            code="bang_khen_tinh"), recipient_unit=province)
    assert list(refused.value.message_dict) == ["person"]


def test_evidence_refused_after_verification(officer_a, dept_a):
    claim = at_stage(officer_a, dept_a, ClaimState.VERIFIED)
    with pytest.raises(ValidationError):
        steps.add_evidence(officer_a, claim, kind="other", title="Muộn",
                           dated=datetime.date(2026, 1, 1))


def test_step_notifies_the_communes_other_officers(officer_a, dept_a,
                                                    django_capture_on_commit_callbacks):
    from notifications.models import Notification
    from tests.factories import user_with_role

    colleague = user_with_role("unit_officer", dept_a, username="colleague")
    claim = register(officer_a, dept_a)
    with_evidence(officer_a, claim)
    with django_capture_on_commit_callbacks(execute=True):
        steps.start_verifying(officer_a, claim)
    assert list(Notification.objects.values_list("recipient__username", "title")) == [
        (colleague.username, claim.code)]


def test_posthumous_nominee_names_the_next_of_kin(officer_a, dept_a, province):
    person = PersonFactory(unit=dept_a, gender="female", deceased=True, death_year=1980)
    claim = at_stage(officer_a, dept_a, ClaimState.VERIFIED, kind=ClaimKind.HEROIC_MOTHER,
                     person=person)
    proposal = proposing.propose(officer_a, claim, award_type=AwardType.objects.get(
        code="ba_me_vnah"), recipient_unit=province)
    nominee = proposal.nominees.get()
    assert nominee.summary.endswith("Posthumous; received by Lê Văn Con (Child).")
    assert nominee.received_by == "Lê Văn Con (child)"
    assert proposal.authority_level == "president"
