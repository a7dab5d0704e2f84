"""Revocation and correction only by the granting authority's staff (or its successor's), by
the revoking decision (Law 06/2022/QH15 Art. 93), audited old → new."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from accounts.enums import Role
from audit.models import AuditEntry
from awards.domain import ledger
from awards.domain.authority import NotGrantingAuthority, current_authorities, may_amend
from awards.models import AwardType
from decisions.domain import corrections, issuing
from organisations.domain import tree
from tests.decisions.helpers import DECIDED_ON, issued
from tests.factories import PersonFactory, UnitFactory, user_with_role

D = datetime.date
DECISION = {"decision_number": "12/QĐ-UBND", "decision_date": D(2026, 3, 1),
            "decision_issuer": "Chủ tịch UBND tỉnh", "reason": "Kê khai không trung thực"}


def granted(by, unit, code="ldtt", year=2024):
    return ledger.record_award(None, award_type=AwardType.objects.get(code=code), year=year,
                               decision_number="5/QĐ-UBND", decision_date=D(year + 1, 1, 20),
                               issuer="Chủ tịch UBND tỉnh", issuer_unit=by,
                               person=PersonFactory(unit=unit))


def test_department_officer_may_not_revoke_a_provincial_award(province, dept_a, officer_a):
    entry = granted(province, dept_a)
    with pytest.raises(NotGrantingAuthority) as refused:
        ledger.revoke_award(officer_a, entry, **DECISION)
    assert str(refused.value) == (
        "Only the staff of the authority that granted this award (Ủy ban nhân dân tỉnh Thử "
        "Nghiệm), or of its successor, may revoke or correct it, with the revoking or "
        "correcting decision.")
    entry.refresh_from_db()
    assert entry.revoked is False
    assert not AuditEntry.objects.filter(action="awards.record.revoke").exists()


def test_department_board_staff_may_not_revoke_a_provincial_award(province, dept_a):
    department_staff = user_with_role(Role.BOARD_STAFF, dept_a)
    assert may_amend(department_staff, granted(province, dept_a)) is False


@pytest.mark.parametrize("persona", ["board_user", "approver_user", "admin_user"])
def test_granting_authority_staff_revoke_with_the_decision(request, province, dept_a, persona):
    entry = granted(province, dept_a)
    actor = request.getfixturevalue(persona)
    ledger.revoke_award(actor, entry, **DECISION)
    entry.refresh_from_db()
    assert (entry.revoked, entry.revoked_on, entry.revoking_decision_number,
            entry.revoking_decision_date, entry.revoking_issuer, entry.revoked_reason) == (
        True, D(2026, 3, 1), "12/QĐ-UBND", D(2026, 3, 1), "Chủ tịch UBND tỉnh",
        "Kê khai không trung thực")
    audit = AuditEntry.objects.get(action="awards.record.revoke")
    assert (audit.actor, audit.reason, audit.changes) == (actor, "Kê khai không trung thực", {
        "revoked": [False, True], "revoked_on": [None, "2026-03-01"],
        "revoked_reason": ["", "Kê khai không trung thực"],
        "revoking_decision_number": ["", "12/QĐ-UBND"],
        "revoking_decision_date": [None, "2026-03-01"],
        "revoking_issuer": ["", "Chủ tịch UBND tỉnh"]})


def test_successor_of_a_merged_authority_revokes_its_awards(province, dept_a, dept_b):
    """Department A granted the award, then merged with B into a new department: the new
    department's staff act for A; A's name no longer does (it has ended)."""
    entry = granted(dept_a, dept_a)
    merged = tree.merge_units(None, [dept_a, dept_b], effective_date=D(2025, 7, 1), new_unit={
        "code": "SO-MOI", "name": "Sở Giáo dục và Y tế", "level": "province",
        "kind": "department", "parent": province})
    assert current_authorities(entry.issuer_unit) == [merged]
    ledger.revoke_award(user_with_role(Role.BOARD_STAFF, merged), entry, **DECISION)
    entry.refresh_from_db()
    assert entry.revoked is True


def test_successor_chain_is_followed_through_several_reorganisations(province, dept_a, dept_b):
    entry = granted(dept_a, dept_a)
    first = tree.merge_units(None, [dept_a], into=dept_b, effective_date=D(2025, 1, 1))
    other = UnitFactory(code="SO-C", parent=province, level="province", kind="department")
    second = tree.merge_units(None, [first, other], effective_date=D(2025, 7, 1), new_unit={
        "code": "SO-3", "name": "Sở thứ ba", "level": "province", "kind": "department",
        "parent": province})
    assert current_authorities(entry.issuer_unit) == [second]
    assert may_amend(user_with_role(Role.BOARD_STAFF, second), entry) is True
    with pytest.raises(NotGrantingAuthority) as refused:
        ledger.revoke_award(user_with_role(Role.UNIT_OFFICER, second), entry, **DECISION)
    assert "(Sở thứ ba)" in str(refused.value)


def test_unknown_authority_is_left_to_the_system_administrator(dept_a, board_user,
                                                               admin_user):
    entry = granted(None, dept_a)
    with pytest.raises(NotGrantingAuthority) as refused:
        ledger.revoke_award(board_user, entry, **DECISION)
    assert str(refused.value) == ("The authority that granted this award is not recorded: "
                                  "only a system administrator may revoke or correct it.")
    ledger.revoke_award(admin_user, entry, **DECISION)


@pytest.mark.parametrize(("change", "field"), [
    ({"decision_number": " "}, "decision_number"), ({"decision_issuer": ""}, "decision_issuer"),
    ({"reason": ""}, "reason"), ({"decision_date": D(2025, 1, 1)}, "decision_date"),
    ({"decision_date": D(2099, 1, 1)}, "decision_date")])
def test_revocation_needs_the_whole_revoking_decision(province, dept_a, board_user, change,
                                                      field):
    entry = granted(province, dept_a)
    with pytest.raises(ValidationError) as error:
        ledger.revoke_award(board_user, entry, **(DECISION | change))
    assert list(error.value.message_dict) == [field]
    entry.refresh_from_db()
    assert entry.revoked is False


def test_decision_records_name_their_issuer_as_granting_authority(officer_a, board_user,
                                                                  approver_user, dept_a):
    decision = issued(officer_a, board_user, approver_user, dept_a)
    assert decision.items.get().award_record.issuer_unit == dept_a


def test_a_decision_item_is_revoked_only_by_the_issuer_side(officer_a, board_user,
                                                            approver_user, dept_a, dept_b):
    decision = issued(officer_a, board_user, approver_user, dept_a)
    item = decision.items.get()
    with pytest.raises(NotGrantingAuthority):
        corrections.revoke_item(user_with_role(Role.BOARD_STAFF, dept_b), item, **DECISION)
    with pytest.raises(NotGrantingAuthority):
        corrections.revoke_item(officer_a, item, **DECISION)
    corrections.revoke_item(approver_user, item, **DECISION)
    assert item.certificates.get().status == "revoked"


def test_correction_obeys_the_authority_and_audits_the_ledger_old_to_new(
        officer_a, board_user, approver_user, dept_a, school_a, dept_b):
    decision = issued(officer_a, board_user, approver_user, dept_a)
    item = decision.items.get()
    fix = {"reason": "Sai đơn vị", "recipient_name": item.recipient_name,
           "recipient_detail": "Giáo viên, Trường THPT Chuyên", "unit": school_a}
    with pytest.raises(NotGrantingAuthority):
        corrections.request_correction(user_with_role(Role.BOARD_STAFF, dept_b), item, **fix)
    amending = issuing.issue_decision(
        approver_user, corrections.request_correction(board_user, item, **fix), date=DECIDED_ON)
    entry = item.award_record
    entry.refresh_from_db()
    assert entry.unit == school_a
    audit = AuditEntry.objects.get(action="awards.record.correct")
    assert (audit.reason, audit.changes) == ("Sai đơn vị", {
        "unit": [dept_a.name, school_a.name],
        "note": ["", f"Corrected by decision {amending.number_label}"]})


CORRECTING = {"correcting_number": "20/QĐ-UBND", "correcting_date": D(2026, 4, 1),
              "correcting_issuer": "Chủ tịch UBND tỉnh", "reason": "Ghi sai năm thành tích"}


def test_a_manual_record_is_corrected_by_its_authority_with_the_decision(province, dept_a,
                                                                        officer_a, board_user):
    entry = granted(province, dept_a, year=2023)
    with pytest.raises(NotGrantingAuthority):
        ledger.correct_award(officer_a, entry, year=2024, **CORRECTING)
    ledger.correct_award(board_user, entry, year=2024, **CORRECTING)
    entry.refresh_from_db()
    note = "Corrected by decision 20/QĐ-UBND dated 01/04/2026 by Chủ tịch UBND tỉnh"
    assert (entry.year, entry.note) == (2024, note)
    audit = AuditEntry.objects.get(action="awards.record.correct")
    assert (audit.actor, audit.reason, audit.changes) == (
        board_user, "Ghi sai năm thành tích", {"year": [2023, 2024], "note": ["", note]})


def test_a_correction_may_not_make_a_second_live_award(province, dept_a, board_user):
    entry = granted(province, dept_a, year=2023)
    ledger.record_award(None, award_type=entry.award_type, year=2024, decision_number="6/QĐ",
                        decision_date=D(2025, 1, 20), issuer="Chủ tịch UBND tỉnh",
                        issuer_unit=province, person=entry.person)
    with pytest.raises(ledger.LedgerConflict):
        ledger.correct_award(board_user, entry, year=2024, **CORRECTING)
    entry.refresh_from_db()
    assert entry.year == 2023
    ledger.correct_award(board_user, entry, decision_number="5b/QĐ-UBND", **CORRECTING)


def test_a_decision_record_is_corrected_only_by_an_amending_decision(officer_a, board_user,
                                                                     approver_user, dept_a):
    entry = issued(officer_a, board_user, approver_user, dept_a).items.get().award_record
    with pytest.raises(ValidationError) as refused:
        ledger.correct_award(board_user, entry, year=2020, **CORRECTING)
    assert refused.value.messages == [
        "This award was written by a decision issued here: correct it with an amending "
        "decision from the decision's page."]


def test_correct_page_by_persona(client, province, dept_a, officer_a, board_user, outsider):
    entry = granted(province, dept_a, year=2023)
    from django.urls import reverse

    url = reverse("awards:record_correct", args=[entry.public_id])
    data = {"award_type": entry.award_type.pk, "year": 2024, "kind": "cong_trang",
            "decision_number": "5/QĐ-UBND", "decision_date": "2024-01-20",
            "issuer": "Chủ tịch UBND tỉnh", "issuer_unit": province.pk,
            "correcting_number": "20/QĐ-UBND", "correcting_date": "2026-04-01",
            "correcting_issuer": "Chủ tịch UBND tỉnh", "reason": "Ghi sai năm"}
    for user, status in ((outsider, 404), (officer_a, 403), (board_user, 302)):
        client.force_login(user)
        assert client.post(url, data).status_code == status
    entry.refresh_from_db()
    assert entry.year == 2024
