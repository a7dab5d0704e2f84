"""Registration as an eligibility fact: the case builder reads approved registrations, and the
engine's rule for the emulation titles checks them only when the case says (None: not checked)."""

import json

import pytest

from awards.domain.queries.cases import case_for, case_for_collective
from awards.eligibility import engine
from awards.eligibility.json_io import CaseError, parse_case
from awards.eligibility.laws import DEFAULT_PARAMETERS
from awards.models import AwardType
from emulation.movements.domain.queries.movements import registration_facts
from tests.emulation.movement_helpers import make_movement, make_registration
from tests.factories import CollectiveFactory, PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def movement(province, dept_a, school_a):
    return make_movement(province, [dept_a], state="launched")


@pytest.fixture
def teacher(school_a):
    return PersonFactory(unit=school_a, full_name="Trần Thị Bình")


@pytest.fixture
def team(school_a):
    return CollectiveFactory(unit=school_a, name="Tổ Toán")


def entries(*pairs):
    return [(subject, AwardType.objects.get(code=code)) for subject, code in pairs]


def test_not_checked_where_the_unit_sent_no_registration(teacher, team, dept_a):
    other = PersonFactory(unit=dept_a)
    assert registration_facts([teacher, other], 2025) == {teacher.pk: None, other.pk: None}
    assert case_for(teacher, "cstd_co_so", 2025).registered is None
    assert case_for_collective(team, "tt_ldxs", 2025).registered is None


@pytest.mark.parametrize(("state", "expected"), [
    ("draft", None), ("submitted", False), ("returned", False), ("approved", True)])
def test_fact_by_registration_state(movement, school_a, teacher, state, expected):
    make_registration(movement, school_a, state=state,
                      entries=entries((teacher, "cstd_co_so")))
    assert case_for(teacher, "cstd_co_so", 2025).registered is expected


def test_other_titles_and_years(movement, school_a, teacher, team):
    make_registration(movement, school_a, state="approved",
                      entries=entries((teacher, "ldtt"), (team, "tt_ldxs")))
    assert [case_for(teacher, "ldtt", 2025).registered,
            case_for(teacher, "cstd_co_so", 2025).registered,
            case_for(teacher, "ldtt", 2024).registered,
            case_for_collective(team, "tt_ldxs", 2025).registered,
            case_for_collective(team, "tt_ldtt", 2025).registered] == [
        True, False, None, True, False]


def _reasons(case):
    return [(r.rule, r.ok) for r in engine.evaluate(case).reasons if r.rule.startswith("common.")]


@pytest.mark.parametrize(("registered", "expected"), [
    (None, [("common.hold", True), ("common.discipline", True)]),
    (True, [("common.registration", True), ("common.hold", True), ("common.discipline", True)]),
    (False, [("common.registration", False), ("common.hold", True),
             ("common.discipline", True)])])
def test_rule_for_emulation_titles(registered, expected):
    case = parse_case({"id": "a", "award": "ldtt", "year": 2025,
                           "subject": {"kind": "individual"},
                           "ratings": [{"year": 2025, "rating": "tot"}],
                           "registered": registered})
    assert _reasons(case) == expected
    assert engine.evaluate(case).eligible is (registered is not False)


def test_refusal_cites_the_dated_basis():
    case = parse_case({"id": "a", "award": "tt_ldxs", "year": 2022,
                           "subject": {"kind": "collective"}, "registered": False})
    reason = next(r for r in engine.evaluate(case).reasons if r.rule == "common.registration")
    assert reason.citation == "Luật TĐKT 2003 (sửa đổi 2013), Điều 10.1.b"
    assert str(reason.message) == (
        "No approved emulation registration for this title in 2022: titles are considered only "
        "for those who registered (Luật TĐKT 2003 (sửa đổi 2013), Điều 10.1.b).")


def test_forms_of_commendation_do_not_need_registration():
    case = parse_case({"id": "a", "award": "giay_khen", "year": 2025,
                           "subject": {"kind": "individual"},
                           "ratings": [{"year": 2025, "rating": "tot"}], "registered": False})
    assert "common.registration" not in [r.rule for r in engine.evaluate(case).reasons]
    assert DEFAULT_PARAMETERS.registration_required("giay_khen", 2025) is None


def test_contract_input_without_the_field_is_unchanged():
    data = {"id": "a", "award": "cstd_co_so", "year": 2024, "subject": {"kind": "individual"},
            "ratings": [{"year": 2024, "rating": "xuat_sac"}]}
    case = parse_case(json.loads(json.dumps(data)))
    assert case.registered is None
    assert "common.registration" not in [r.rule for r in engine.evaluate(case).reasons]
    assert engine.evaluate(case).eligible is True


@pytest.mark.parametrize("value", ["yes", 1, []])
def test_registered_must_be_a_boolean(value):
    with pytest.raises(CaseError, match="registered: true, false or null"):
        parse_case({"id": "a", "award": "ldtt", "year": 2025,
                        "subject": {"kind": "individual"}, "registered": value})
