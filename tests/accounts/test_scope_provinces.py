"""Whole provinces of a shared database: `restrict_to_scope` filters on the province key and
gives the same rows as the closure subquery, for every persona; narrower or wider scopes keep
the closure."""

import datetime

import pytest
from django.db import connection
from django.db.models import Subquery
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.domain.scope import restrict_to_scope, scope_root_ids, whole_provinces
from accounts.enums import Role
from awards.models import AwardRecord, AwardType, TaskRating
from organisations.domain import tree
from organisations.enums import UnitKind, UnitLevel
from organisations.models import Person, Unit, UnitClosure
from tests.factories import PersonFactory, UnitFactory, user_with_role

DAY = datetime.date(2025, 7, 1)
ACT = {"decision_number": "202/2025/QH15", "issuer": "Quốc hội"}
KEYED = (Person, AwardRecord, TaskRating)


@pytest.fixture
def neighbour(db):
    """A second province on the same database, with its own commune."""
    root = UnitFactory(code="TINH-2", name="Ủy ban nhân dân tỉnh Bên Cạnh",
                       level=UnitLevel.PROVINCE, kind=UnitKind.PEOPLES_COMMITTEE)
    commune = UnitFactory(code="XA-2", name="UBND xã Bên Cạnh", parent=root,
                          level=UnitLevel.COMMUNE, kind=UnitKind.PEOPLES_COMMITTEE)
    return root, commune


@pytest.fixture
def rows(province, dept_a, school_a, dept_b, neighbour):
    """A person with a record and a rating in each of five units of two provinces."""
    giay_khen = AwardType.objects.get(code="giay_khen")
    for unit in (province, dept_a, school_a, dept_b, neighbour[1]):
        person = PersonFactory(unit=unit)
        AwardRecord.objects.create(award_type=giay_khen, unit=unit, person=person, year=2024,
                                   decision_number="1/QĐ-UBND", issuer="UBND",
                                   decision_date=datetime.date(2025, 1, 20))
        TaskRating.objects.create(person=person, unit=unit, year=2024, rating="tot")


def _by_closure(model, user):
    """What the scope means, written the long way: rows whose unit a root covers."""
    covered = UnitClosure.objects.filter(ancestor_id__in=scope_root_ids(user))
    return set(model.objects.filter(unit__in=Subquery(covered.values("descendant_id")))
               .values_list("pk", flat=True))


def _in_scope(model, user) -> set:
    return set(restrict_to_scope(model.objects.all(), user).values_list("pk", flat=True))


def test_board_of_one_province_among_two_filters_on_the_key(board_user, province, rows):
    assert whole_provinces(board_user) == {province.pk}
    sql = str(restrict_to_scope(AwardRecord.objects.all(), board_user).query)
    assert ("province_id" in sql, "organisations_unitclosure" in sql) == (True, False)


@pytest.mark.parametrize("persona", ["board_user", "officer_a", "outsider", "council_user"])
def test_every_persona_sees_what_the_closure_gives(request, rows, persona):
    user = request.getfixturevalue(persona)
    for model in KEYED:
        assert _in_scope(model, user) == _by_closure(model, user)


def test_officer_of_a_department_keeps_the_closure(officer_a, rows):
    assert whole_provinces(officer_a) == frozenset()
    assert "organisations_unitclosure" in str(
        restrict_to_scope(Person.objects.all(), officer_a).query)


def test_user_without_roles_sees_nothing(rows):
    nobody = user_with_role(Role.UNIT_OFFICER, None, username="nobody")
    assert [_in_scope(model, nobody) for model in KEYED] == [set(), set(), set()]


def test_board_of_both_provinces_reads_both(province, neighbour, rows):
    both = user_with_role(Role.BOARD_STAFF, province, username="both")
    both.role_assignments.create(role=Role.BOARD_STAFF, unit=neighbour[0])
    assert whole_provinces(both) == {province.pk, neighbour[0].pk}
    assert _in_scope(Person, both) == set(Person.objects.values_list("pk", flat=True))


def test_commune_merged_in_from_another_province_keeps_the_closure(board_user, dept_a,
                                                                   neighbour, rows):
    """Its records keep its unit, whose province is the neighbour's: the board now covers more
    than its province's units, so the exact closure filter stays."""
    tree.merge_units(None, [neighbour[1]], into=dept_a, effective_date=DAY, **ACT)
    assert whole_provinces(board_user) == frozenset()
    for model in KEYED:
        assert _in_scope(model, board_user) == _by_closure(model, board_user)
    assert AwardRecord.objects.filter(unit=neighbour[1]).values_list(
        "pk", flat=True)[0] in _in_scope(AwardRecord, board_user)


def test_province_merged_into_another_takes_its_key(board_user, province, neighbour, rows):
    """Two provinces made one (Resolution 202/2025/QH15): the merged province's remnants
    (its ended root and what stays under it) take the receiving province's key, so its board
    still reads one province by the key."""
    old_root, commune = neighbour
    tree.merge_units(None, [old_root], into=province, effective_date=DAY, **ACT)
    assert set(Unit.objects.filter(pk__in=[old_root.pk, commune.pk])
               .values_list("province_id", flat=True)) == {province.pk}
    assert whole_provinces(board_user) == {province.pk}
    for model in KEYED:
        assert _in_scope(model, board_user) == set(model.objects.values_list("pk", flat=True))


@pytest.mark.parametrize("view", ["organisations:person_list", "awards:ledger"])
def test_list_queries_do_not_change_with_a_second_province(client, board_user, province,
                                                           dept_a, view):
    """The board's list takes as many queries once another province shares the database
    (the whole-province check is cached with the scope)."""
    PersonFactory.create_batch(3, unit=dept_a)
    client.force_login(board_user)
    client.get(reverse(view))  # warm-up: the layout caches the roles
    with CaptureQueriesContext(connection) as alone:
        assert client.get(reverse(view)).status_code == 200
    UnitFactory(code="TINH-2", name="Tỉnh Bên Cạnh", level=UnitLevel.PROVINCE,
                kind=UnitKind.PEOPLES_COMMITTEE)
    client.get(reverse(view))  # warm-up of the new tree version
    with CaptureQueriesContext(connection) as shared:
        assert client.get(reverse(view)).status_code == 200
    assert len(shared) == len(alone)
    assert any("province_id" in q["sql"] for q in shared.captured_queries)
