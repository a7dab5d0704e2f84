import datetime

import pytest
from django.core.exceptions import ValidationError

from accounts.domain.scope import scope_unit_ids
from accounts.enums import Role
from audit.models import AuditEntry
from organisations.domain import tree
from organisations.enums import CollectiveKind, ReorganisationKind, UnitKind, UnitLevel
from organisations.models import Employment, Person, ReorganisationEvent, Unit, UnitClosure
from tests.factories import CollectiveFactory, PersonFactory, UnitFactory, user_with_role

DAY = datetime.date(2025, 7, 1)
ACT = {"decision_number": "202/2025/QH15", "issuer": "Quốc hội"}


@pytest.fixture
def two_communes(province):
    district = UnitFactory(code="HUYEN", name="UBND huyện Yên Sơn", parent=province,
                           level=UnitLevel.DISTRICT, kind=UnitKind.PEOPLES_COMMITTEE)
    a = UnitFactory(code="XA-A", name="UBND xã Thắng Quân", parent=district,
                    level=UnitLevel.COMMUNE, kind=UnitKind.PEOPLES_COMMITTEE)
    b = UnitFactory(code="XA-B", name="UBND xã Lang Quán", parent=district,
                    level=UnitLevel.COMMUNE, kind=UnitKind.PEOPLES_COMMITTEE)
    return district, a, b


def merge_into_new(province, a, b):
    return tree.merge_units(None, [a, b], effective_date=DAY, new_unit={
        "code": "XA-MOI", "name": "UBND xã Yên Sơn", "level": UnitLevel.COMMUNE,
        "kind": UnitKind.PEOPLES_COMMITTEE, "parent": province}, **ACT)


def test_create_unit_places_it_under_its_parent(province):
    unit = tree.create_unit(None, code="SO-X", name="Sở Xây dựng", level=UnitLevel.PROVINCE,
                            kind=UnitKind.DEPARTMENT, parent=province)
    assert unit.path.startswith(province.path)
    assert unit.depth == 1
    assert set(UnitClosure.objects.filter(descendant=unit).values_list(
        "ancestor__code", flat=True)) == {"TINH", "SO-X"}


def test_create_unit_under_ended_parent_is_refused(province):
    ended = UnitFactory(parent=province, valid_to=datetime.date(2020, 1, 1))
    with pytest.raises(ValidationError) as error:
        tree.create_unit(None, code="X", name="X", level=UnitLevel.GRASSROOTS,
                         kind=UnitKind.SCHOOL, parent=ended, valid_from=datetime.date(2024, 1, 1))
    assert "no longer exists" in str(error.value)


def test_merge_ends_sources_the_day_before_and_links_them(province, two_communes):
    _district, a, b = two_communes
    new = merge_into_new(province, a, b)
    a.refresh_from_db()
    b.refresh_from_db()
    assert (a.valid_to, b.valid_to) == (datetime.date(2025, 6, 30), datetime.date(2025, 6, 30))
    assert new.valid_from == DAY
    event = ReorganisationEvent.objects.get(kind=ReorganisationKind.MERGE)
    assert event.decision_number == "202/2025/QH15"
    assert sorted(event.links.values_list("predecessor__code", "successor__code")) == [
        ("XA-A", "XA-MOI"), ("XA-B", "XA-MOI")]
    assert [u.code for u, _e in tree.predecessors_of(new)] == ["XA-A", "XA-B"]


def test_merge_transfers_people_keeping_their_history(province, two_communes):
    _district, a, b = two_communes
    person = PersonFactory(unit=a)
    new = merge_into_new(province, a, b)
    person.refresh_from_db()
    assert person.unit == new
    history = list(Employment.objects.filter(person=person).order_by("start_date")
                   .values_list("unit__code", "end_date"))
    assert history == [("XA-A", datetime.date(2025, 6, 30)), ("XA-MOI", None)]


def test_merge_keeps_old_units_records_in_new_units_scope(province, two_communes):
    """History reachable: the officer of the merged commune sees the old communes' records."""
    _district, a, b = two_communes
    old_collective = CollectiveFactory(unit=a, kind=CollectiveKind.WHOLE_UNIT)
    new = merge_into_new(province, a, b)
    officer = user_with_role(Role.UNIT_OFFICER, new)
    covered = scope_unit_ids(officer)
    assert {a.pk, b.pk, new.pk} <= covered
    assert old_collective.unit_id in covered
    old_collective.refresh_from_db()
    assert old_collective.valid_to == datetime.date(2025, 6, 30)


def test_merge_moves_active_children_to_the_target(province, two_communes):
    _district, a, b = two_communes
    school = UnitFactory(code="TRUONG", parent=a, kind=UnitKind.SCHOOL)
    new = merge_into_new(province, a, b)
    school.refresh_from_db()
    assert school.parent == new
    assert school.path.startswith(new.path)


def test_merge_into_existing_unit(province, two_communes):
    _district, a, b = two_communes
    target = tree.merge_units(None, [a], into=b, effective_date=DAY)
    assert target == b
    assert Unit.objects.get(pk=a.pk).valid_to == datetime.date(2025, 6, 30)


def _merge_ended_source(province, a, b):
    Unit.objects.filter(pk=a.pk).update(valid_to=datetime.date(2024, 1, 1))
    merge_into_new(province, a, b)


MERGE_REFUSALS = {
    "ended_source": _merge_ended_source,
    "too_early": lambda p, a, b: tree.merge_units(None, [a], into=b,
                                                  effective_date=datetime.date(2000, 1, 1)),
    "into_itself": lambda p, a, b: tree.merge_units(None, [a, b], into=a, effective_date=DAY),
    "both_targets": lambda p, a, b: tree.merge_units(None, [a, b], into=a, new_unit={"code": "Z"},
                                                     effective_date=DAY),
    "single_source_new_unit": lambda p, a, b: tree.merge_units(
        None, [a], new_unit={"code": "Z"}, effective_date=DAY),
}


@pytest.mark.parametrize("case", MERGE_REFUSALS)
def test_merge_refusals_change_nothing(province, two_communes, case):
    _district, a, b = two_communes
    with pytest.raises(ValidationError):
        MERGE_REFUSALS[case](province, a, b)
    assert ReorganisationEvent.objects.count() == 0
    ended = set(Unit.objects.filter(valid_to__isnull=False).values_list("code", flat=True))
    assert ended == ({"XA-A"} if case == "ended_source" else set())


def test_rename_keeps_identity_and_old_name(dept_a):
    tree.rename_unit(None, dept_a, name="Sở Giáo dục", effective_date=DAY, **ACT)
    dept_a.refresh_from_db()
    assert dept_a.name == "Sở Giáo dục"
    event = ReorganisationEvent.objects.get(kind=ReorganisationKind.RENAME)
    assert event.details == {"old_name": "Sở Giáo dục và Đào tạo", "new_name": "Sở Giáo dục"}
    assert AuditEntry.objects.get(action="organisations.unit.rename").changes["name"] == [
        "Sở Giáo dục và Đào tạo", "Sở Giáo dục"]


def test_move_changes_scope(dept_a, dept_b, school_a):
    officer_b = user_with_role(Role.UNIT_OFFICER, dept_b)
    assert school_a.pk not in scope_unit_ids(officer_b)
    tree.move_unit(None, school_a, new_parent=dept_b, effective_date=DAY)
    officer_b = type(officer_b).objects.get(pk=officer_b.pk)  # fresh scope cache
    assert school_a.pk in scope_unit_ids(officer_b)


def test_move_under_own_subtree_is_refused(dept_a, school_a):
    with pytest.raises(ValidationError) as error:
        tree.move_unit(None, dept_a, new_parent=school_a, effective_date=DAY)
    assert "cannot be moved under itself" in str(error.value)


def test_dissolve_without_successor_needs_no_active_children(dept_a, school_a):
    with pytest.raises(ValidationError):
        tree.dissolve_unit(None, dept_a, effective_date=DAY)
    tree.dissolve_unit(None, school_a, effective_date=DAY, note="Giải thể")
    school_a.refresh_from_db()
    assert school_a.valid_to == datetime.date(2025, 6, 30)


def test_dissolve_district_hands_everything_to_successor(province, two_communes):
    """The 2025 abolition of the district level: the district ends, its staff and remaining
    sub-units pass to the commune that takes over its seat."""
    district, a, b = two_communes
    clerk = PersonFactory(unit=district)
    new = merge_into_new(province, a, b)
    tree.dissolve_unit(None, district, effective_date=DAY, successor=new, **ACT)
    clerk.refresh_from_db()
    district.refresh_from_db()
    assert clerk.unit == new
    assert district.valid_to == datetime.date(2025, 6, 30)
    assert [u.code for u, _e in tree.predecessors_of(new)] == ["XA-A", "XA-B", "HUYEN"]


def test_rebuild_index_is_idempotent(dept_a, school_a):
    before = set(UnitClosure.objects.values_list("ancestor_id", "descendant_id"))
    tree.rebuild_tree_index()
    assert set(UnitClosure.objects.values_list("ancestor_id", "descendant_id")) == before


def test_structural_edit_must_go_through_reorganisation(dept_a, dept_b):
    with pytest.raises(ValidationError):
        tree.update_unit(None, dept_a, parent=dept_b)


def test_update_unit_writes_old_and_new_values(dept_a):
    tree.update_unit(None, dept_a, address="Số 1 đường 17/8")
    entry = AuditEntry.objects.get(action="organisations.unit.update")
    assert entry.changes == {"address": ["", "Số 1 đường 17/8"]}
    assert Person.objects.count() == 0
