"""Registering, correcting, recognising and revoking initiatives
(emulation.initiatives.domain.initiatives)."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from audit.models import AuditEntry
from emulation.initiatives.domain import initiatives
from emulation.initiatives.models import Initiative, InitiativeToken
from tests.factories import PersonFactory, make_initiative

STATES = ["draft", "recognised", "revoked"]


def register(unit, authors, **fields):
    return initiatives.register_initiative(
        actor=None, authors=authors, **({"kind": "sang_kien", "title": "Sổ điểm điện tử",
                                         "unit": unit, "year": 2024} | fields))


def test_register_numbers_per_kind_and_year_and_indexes(dept_a):
    people = [PersonFactory(unit=dept_a), PersonFactory(unit=dept_a)]
    first = register(dept_a, [(people[0], 60), (people[1], "40")])
    second = register(dept_a, [(people[0], 100)])
    topic = register(dept_a, [(people[0], 100)], kind="de_tai")
    other_year = register(dept_a, [(people[0], 100)], year=2023)
    assert [first.code, second.code, topic.code, other_year.code] == [
        "SK-2024-00001", "SK-2024-00002", "DT-2024-00001", "SK-2023-00001"]
    assert first.state == "draft"
    assert [(a.person, a.share) for a in first.authors.all()] == [
        (people[0], Decimal("60.00")), (people[1], Decimal("40.00"))]
    assert first.search_text == "sk-2024-00001 so diem dien tu"
    assert sorted(InitiativeToken.objects.filter(initiative=first).values_list(
        "token", flat=True)) == ["diem", "diem dien", "dien", "dien tu", "so", "so diem", "tu"]
    entry = AuditEntry.objects.get(action="emulation.initiative.register",
                                   object_id=str(first.public_id))
    assert entry.changes["authors"] == [None, [f"{people[0].full_name} 60%",
                                               f"{people[1].full_name} 40%"]]


@pytest.mark.parametrize(("shares", "message"), [
    ([], "Name at least one author."),
    ([60, 30], "The authors' shares add up to 90%; they must add up to 100%."),
    ([100, 0], "Row 2 (%s): the share must be more than 0 and at most 100%%."),
    ([120], "Row 1 (%s): the share must be more than 0 and at most 100%%."),
])
def test_register_refuses_bad_shares(dept_a, shares, message):
    people = [PersonFactory(unit=dept_a, full_name=f"Tác giả {i}") for i in range(len(shares))]
    with pytest.raises(ValidationError) as error:
        register(dept_a, list(zip(people, shares, strict=True)))
    named = message % people[-1].full_name if "%s" in message else message
    assert error.value.message_dict == {"authors": [named.replace("%%", "%")]}
    assert not Initiative.objects.exists()


def test_register_refuses_the_same_author_twice(dept_a):
    person = PersonFactory(unit=dept_a, full_name="Lê Thị Hoa")
    with pytest.raises(ValidationError) as error:
        register(dept_a, [(person, 50), (person, 50)])
    assert error.value.message_dict == {"authors": ["Row 2: Lê Thị Hoa is listed twice."]}


def test_share_message_is_vietnamese(dept_a):
    from django.utils import translation

    person = PersonFactory(unit=dept_a)
    with translation.override("vi"), pytest.raises(ValidationError) as error:
        register(dept_a, [(person, 50)])
    assert error.value.message_dict == {"authors": [
        "Tổng tỷ lệ đóng góp của các tác giả là 50%; phải bằng 100%."]}


@pytest.mark.parametrize("state", STATES)
def test_update_allowed_unless_revoked(dept_a, state):
    initiative = make_initiative(dept_a, state=state)
    new_author = PersonFactory(unit=dept_a)
    if state == "revoked":
        with pytest.raises(ValidationError) as error:
            initiatives.update_initiative(initiative, actor=None, title="Tên mới")
        assert error.value.messages == [
            f"{initiative.code} is revoked; it can no longer be corrected."]
        return
    initiatives.update_initiative(initiative, actor=None, title="Sổ liên lạc điện tử",
                                  authors=[(new_author, 100)])
    initiative.refresh_from_db()
    assert (initiative.title, initiative.state) == ("Sổ liên lạc điện tử", state)
    assert [a.person for a in initiative.authors.all()] == [new_author]
    assert initiative.signature == "so lien lac dien tu|"
    assert "so lien" in set(initiative.tokens.values_list("token", flat=True))
    entry = AuditEntry.objects.filter(action="emulation.initiative.update").get()
    assert entry.changes["title"] == ["Ứng dụng phần mềm quản lý hồ sơ học sinh",
                                      "Sổ liên lạc điện tử"]


def recognise(initiative, **overrides):
    return initiatives.recognise_initiative(initiative, actor=None, **{
        "decision_number": "15/QĐ-SGDĐT", "decision_date": datetime.date(2024, 9, 1),
        "recognised_by": "Giám đốc Sở Giáo dục và Đào tạo",
        "council": "Hội đồng sáng kiến ngành Giáo dục", "scope": "tinh"} | overrides)


@pytest.mark.parametrize("state", STATES)
def test_recognise_only_from_draft(dept_a, state):
    initiative = make_initiative(dept_a, state=state)
    if state != "draft":
        with pytest.raises(ValidationError) as error:
            recognise(initiative)
        label = {"recognised": "recognised", "revoked": "revoked"}[state]
        assert error.value.messages == [
            f"{initiative.code} is {label}; only a registered initiative can be recognised."]
        return
    recognise(initiative)
    initiative.refresh_from_db()
    assert (initiative.state, initiative.scope, initiative.recognition_decision_number,
            initiative.council) == ("recognised", "tinh", "15/QĐ-SGDĐT",
                                    "Hội đồng sáng kiến ngành Giáo dục")
    entry = AuditEntry.objects.get(action="emulation.initiative.recognise")
    assert entry.changes["state"] == ["draft", "recognised"]


def test_recognise_names_missing_fields(dept_a):
    initiative = make_initiative(dept_a, state="draft")
    with pytest.raises(ValidationError) as error:
        recognise(initiative, decision_number=" ", recognised_by="", scope="xa",
                  decision_date=datetime.date(2023, 12, 31))
    assert error.value.message_dict == {
        "decision_number": ["Give the number of the recognition decision."],
        "recognised_by": ["Say who recognised the initiative."],
        "scope": ["Choose the scope of effect."],
        "decision_date": ["The decision date is before the initiative's year (2024)."]}


@pytest.mark.parametrize("state", STATES)
def test_revoke_from_draft_or_recognised(dept_a, state):
    initiative = make_initiative(dept_a, state=state)
    if state == "revoked":
        with pytest.raises(ValidationError) as error:
            initiatives.revoke_initiative(initiative, actor=None, reason="Sao chép")
        assert error.value.messages == [f"{initiative.code} is already revoked."]
        return
    initiatives.revoke_initiative(initiative, actor=None, reason="Sao chép")
    initiative.refresh_from_db()
    assert (initiative.state, initiative.revoked_reason) == ("revoked", "Sao chép")
    entry = AuditEntry.objects.filter(action="emulation.initiative.revoke").get()
    assert (entry.changes, entry.reason) == ({"state": [state, "revoked"]}, "Sao chép")


def test_revoke_needs_a_reason(dept_a):
    initiative = make_initiative(dept_a)
    with pytest.raises(ValidationError) as error:
        initiatives.revoke_initiative(initiative, actor=None, reason="  ")
    assert error.value.message_dict == {"reason": ["Give a reason."]}


def test_the_initiative_table_moves_exactly_as_the_law_allows():
    assert initiatives.INITIATIVE.graph() == {
        "draft": {"recognised", "revoked"}, "recognised": {"revoked"}, "revoked": set()}


def test_recognise_reports_the_state_before_the_missing_fields(dept_a):
    initiative = make_initiative(dept_a, state="revoked")
    with pytest.raises(ValidationError) as error:
        recognise(initiative, decision_number=" ", recognised_by="")
    assert error.value.messages == [
        f"{initiative.code} is revoked; only a registered initiative can be recognised."]


def test_revoke_asks_for_the_reason_before_the_state(dept_a):
    initiative = make_initiative(dept_a, state="revoked")
    with pytest.raises(ValidationError) as error:
        initiatives.revoke_initiative(initiative, actor=None, reason=" ")
    assert error.value.message_dict == {"reason": ["Give a reason."]}


def test_recognise_audits_the_recognition_with_the_state(dept_a):
    initiative = make_initiative(dept_a, state="draft")
    recognise(initiative)
    entry = AuditEntry.objects.get(action="emulation.initiative.recognise")
    assert (entry.changes, entry.unit_id) == ({
        "state": ["draft", "recognised"],
        "recognition_decision_number": ["", "15/QĐ-SGDĐT"],
        "recognition_date": [None, "2024-09-01"],
        "recognised_by": ["", "Giám đốc Sở Giáo dục và Đào tạo"],
        "council": ["", "Hội đồng sáng kiến ngành Giáo dục"], "scope": ["", "tinh"]},
        dept_a.pk)
