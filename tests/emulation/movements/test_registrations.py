"""Registrations: entries, every transition from every state, who decides, the roll-up and
`registered(...)`."""

import pytest
from django.core.exceptions import ValidationError

from accounts.enums import Role
from audit.models import AuditEntry
from awards.models import AwardType
from emulation.movements.domain import registrations
from emulation.movements.domain.queries.movements import registered, subtree_registrations
from emulation.movements.enums import RegistrationState
from tests.emulation.movement_helpers import make_movement, make_registration
from tests.factories import CollectiveFactory, PersonFactory, UnitFactory, user_with_role

pytestmark = pytest.mark.django_db
STATES = list(RegistrationState.values)


@pytest.fixture
def movement(province, dept_a, school_a):
    return make_movement(province, [dept_a], state="launched")


@pytest.fixture
def teacher(school_a):
    return PersonFactory(unit=school_a, full_name="Trần Thị Bình")


@pytest.fixture
def team(school_a):
    return CollectiveFactory(unit=school_a, name="Tổ Toán")


def test_parse_entries_reads_people_and_collectives(dept_a, teacher, team):
    entries = registrations.parse_entries(f"{teacher.cccd}; cstd_co_so\ntổ toán; tt_ldxs",
                                          dept_a)
    assert [(str(s), a.code) for s, a in entries] == [("Trần Thị Bình", "cstd_co_so"),
                                                      ("Tổ Toán", "tt_ldxs")]


@pytest.mark.parametrize(("line", "message"), [
    ("{cccd}; khong_co", "Line 2: write “citizen ID or collective name; award code”, with a "
                         "code of the award catalogue."),
    ("Tổ Văn; tt_ldxs", "Line 2: nobody called Tổ Văn in Sở Giáo dục và Đào tạo or the units "
                        "below."),
    ("{cccd}; tt_ldxs", "Line 2: Tập thể lao động xuất sắc is not awarded to {cccd}'s kind of "
                        "subject."),
    ("{cccd}; ldtt", "Line 2 repeats an earlier line."),
])
def test_parse_entries_names_the_line(dept_a, teacher, team, line, message):
    line, message = (t.format(cccd=teacher.cccd) for t in (line, message))
    with pytest.raises(ValidationError) as error:
        registrations.parse_entries(f"{teacher.cccd}; ldtt\n{line}", dept_a)
    assert error.value.message_dict == {"entries": [message]}


def test_people_of_other_units_are_not_found(dept_a, dept_b):
    stranger = PersonFactory(unit=dept_b)
    with pytest.raises(ValidationError):
        registrations.parse_entries(f"{stranger.cccd}; ldtt", dept_a)


@pytest.mark.parametrize("state", ["draft", "closed", "stopped"])
def test_registering_needs_a_running_movement(province, dept_a, state):
    movement = make_movement(province, [dept_a], state=state)
    with pytest.raises(ValidationError):
        make_registration(movement, dept_a)


def test_registering_needs_a_participating_unit(movement, dept_b):
    with pytest.raises(ValidationError) as error:
        make_registration(movement, dept_b)
    assert error.value.message_dict == {"unit": ["Sở Y tế does not take part in PT-2025-0001."]}


def test_one_registration_per_unit_and_year(movement, school_a):
    make_registration(movement, school_a)
    with pytest.raises(ValidationError) as error:
        make_registration(movement, school_a)
    assert error.value.message_dict == {"unit": [
        "Trường THPT Chuyên has already registered for 2025."]}


@pytest.mark.parametrize("state", STATES)
def test_submit_from_each_state(movement, school_a, state):
    registration = make_registration(movement, school_a, state=state)
    if state in ("draft", "returned"):
        submitted = registrations.submit_registration(registration, actor=None)
        assert (submitted.state, submitted.return_reason) == ("submitted", "")
    else:
        with pytest.raises(ValidationError):
            registrations.submit_registration(registration, actor=None)


def test_empty_registration_cannot_be_submitted(movement, school_a):
    registration = make_registration(movement, school_a, pledges="")
    with pytest.raises(ValidationError) as error:
        registrations.submit_registration(registration, actor=None)
    assert error.value.messages == ["Register at least one title or write the pledges first."]


@pytest.mark.parametrize("state", STATES)
def test_approve_from_each_state(movement, school_a, state):
    registration = make_registration(movement, school_a, state=state)
    if state == "submitted":
        assert registrations.approve_registration(registration, actor=None).state == "approved"
    else:
        with pytest.raises(ValidationError):
            registrations.approve_registration(registration, actor=None)


@pytest.mark.parametrize("state", STATES)
def test_return_from_each_state(movement, school_a, state):
    registration = make_registration(movement, school_a, state=state)
    if state == "submitted":
        returned = registrations.return_registration(registration, actor=None, reason="Thiếu")
        assert (returned.state, returned.return_reason) == ("returned", "Thiếu")
    else:
        with pytest.raises(ValidationError):
            registrations.return_registration(registration, actor=None, reason="Thiếu")


def test_the_registration_table_allows_what_the_functions_always_did():
    assert registrations.REGISTRATION.graph() == {
        "draft": {"submitted"}, "returned": {"submitted"},
        "submitted": {"approved", "returned"}, "approved": frozenset()}


def test_a_refused_step_names_the_unit_and_the_state(movement, school_a):
    registration = make_registration(movement, school_a, state="approved")
    with pytest.raises(ValidationError) as error:
        registrations.return_registration(registration, actor=None, reason="Thiếu")
    assert error.value.messages == [
        f"The registration of {school_a.name} is approved; only a submitted one can be "
        "returned."]


def test_a_return_audits_the_state_and_the_reason(movement, school_a):
    registration = make_registration(movement, school_a, state="submitted")
    registrations.return_registration(registration, actor=None, reason=" Thiếu chỉ tiêu ")
    entry = AuditEntry.objects.filter(action="emulation.registration.return").get()
    assert (entry.changes, entry.reason, entry.unit_id) == (
        {"state": ["submitted", "returned"]}, "Thiếu chỉ tiêu", school_a.pk)


@pytest.mark.parametrize("state", STATES)
def test_update_from_each_state(movement, school_a, teacher, state):
    registration = make_registration(movement, school_a, state=state)
    ldtt = AwardType.objects.get(code="ldtt")
    if state in ("draft", "returned"):
        registrations.update_registration(registration, actor=None, pledges="Mới",
                                          entries=[(teacher, ldtt)])
        assert [str(e) for e in registration.entries.all()] == [
            "Trần Thị Bình → Lao động tiên tiến"]
    else:
        with pytest.raises(ValidationError):
            registrations.update_registration(registration, actor=None, pledges="Mới",
                                              entries=[])


@pytest.mark.parametrize(("persona", "unit", "expected"), [
    ("officer_a", "school_a", True),   # the officer of the parent department
    ("officer_a", "dept_a", False),    # not one's own registration
    ("board_user", "dept_a", True),    # the province board above the department
    ("outsider", "school_a", False),
    ("council_user", "school_a", False),
])
def test_the_level_above_decides(request, movement, persona, unit, expected):
    registration = make_registration(movement, request.getfixturevalue(unit), state="submitted")
    user = request.getfixturevalue(persona)
    assert user.has_perm("emulation.decide_registration", registration) is expected


def test_registered_answers_for_approved_entries_only(movement, school_a, teacher, team):
    entries = [(teacher, AwardType.objects.get(code="cstd_co_so")),
               (team, AwardType.objects.get(code="tt_ldxs"))]
    registration = make_registration(movement, school_a, state="submitted", entries=entries)
    assert registered(teacher, "cstd_co_so", 2025) is False
    registrations.approve_registration(registration, actor=None)
    assert [registered(teacher, "cstd_co_so", 2025), registered(team, "tt_ldxs", 2025),
            registered(teacher, "cstd_co_so", 2024), registered(teacher, "ldtt", 2025)] == [
        True, True, False, False]


def test_roll_up_counts_the_subtree(movement, dept_a, school_a, teacher, team, board_user):
    other_school = UnitFactory(code="TRUONG-A2", name="Trường THCS", parent=dept_a,
                               level=school_a.level, kind=school_a.kind)
    make_registration(movement, school_a, state="approved", entries=[
        (teacher, AwardType.objects.get(code="ldtt")),
        (team, AwardType.objects.get(code="tt_ldtt"))])
    make_registration(movement, other_school)
    make_registration(movement, dept_a, state="submitted")
    rows = subtree_registrations(dept_a, board_user, movement)
    assert [(r.unit.code, r.state, r.individuals, r.collectives) for r in rows] == [
        ("SO-A", "submitted", 0, 0), ("TRUONG-A", "approved", 1, 1),
        ("TRUONG-A2", "draft", 0, 0)]
    school_officer = user_with_role(Role.UNIT_OFFICER, school_a)
    assert [r.unit.code for r in subtree_registrations(dept_a, school_officer)] == ["TRUONG-A"]
