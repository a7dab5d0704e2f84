"""The province key (organisations.models.province_key): right after every write path, and
followed by the rows of a unit that changes province, in the same transaction."""

import datetime

import pytest
from django.db import connection

from awards.models import AwardRecord, AwardType, TaskRating
from core.bulk import insert_objects, insert_rows
from organisations.domain import tree
from organisations.enums import UnitKind, UnitLevel
from organisations.models import Person, Unit, province_key
from tests.factories import PersonFactory, UnitFactory

DAY = datetime.date(2025, 7, 1)
ACT = {"decision_number": "202/2025/QH15", "issuer": "Quốc hội"}


@pytest.fixture
def other_province(db):
    return UnitFactory(code="TINH-2", name="Ủy ban nhân dân tỉnh Bên Cạnh",
                       level=UnitLevel.PROVINCE, kind=UnitKind.PEOPLES_COMMITTEE)


@pytest.fixture
def commune_b(other_province):
    return UnitFactory(code="XA-B2", name="UBND xã Bên Cạnh", parent=other_province,
                       level=UnitLevel.COMMUNE, kind=UnitKind.PEOPLES_COMMITTEE)


def _record(unit, person, year=2024, **extra):
    return AwardRecord(award_type=AwardType.objects.get(code="giay_khen"), unit=unit,
                       person=person, year=year, decision_number=f"{year}/QĐ-UBND",
                       decision_date=datetime.date(year + 1, 1, 20), issuer="UBND", **extra)


def _keys(model, **filters) -> set:
    return set(model.objects.filter(**filters).values_list("province_id", flat=True))


def test_unit_key_is_its_root(province, dept_a, school_a, other_province):
    assert dict(Unit.objects.values_list("code", "province__code")) == {
        "TINH": "TINH", "SO-A": "TINH", "TRUONG-A": "TINH", "TINH-2": "TINH-2"}


def test_unit_inserted_before_any_rebuild_has_its_parents_province(school_a):
    unit = Unit.objects.create(code="LOP-1", name="Lớp 10A", parent=school_a,
                               level=UnitLevel.GRASSROOTS, kind=UnitKind.SCHOOL)
    assert Unit.objects.get(pk=unit.pk).province_id == school_a.province_id


def test_person_saved_through_the_orm_gets_its_units_key(school_a, commune_b):
    person = PersonFactory(unit=school_a)
    assert _keys(Person, pk=person.pk) == {school_a.province_id}
    person.unit = commune_b
    person.save()
    assert _keys(Person, pk=person.pk) == {commune_b.province_id}


def test_a_stale_key_written_back_is_corrected(school_a, other_province):
    person = PersonFactory(unit=school_a)
    person.province_id = other_province.pk
    person.save()
    assert _keys(Person, pk=person.pk) == {school_a.province_id}


def test_person_without_a_unit_has_no_key(db):
    person = PersonFactory(unit=None)
    assert _keys(Person, pk=person.pk) == {None}


def test_queryset_update_moves_the_key(school_a, commune_b):
    person = PersonFactory(unit=school_a)
    Person.objects.filter(pk=person.pk).update(unit=commune_b)
    assert _keys(Person, pk=person.pk) == {commune_b.province_id}


def test_bulk_create_and_insert_objects_set_the_key(school_a, commune_b):
    person = PersonFactory(unit=school_a)
    AwardRecord.objects.bulk_create([_record(school_a, person, 2020)])
    insert_objects([_record(commune_b, person, 2021)])
    TaskRating.objects.bulk_create([TaskRating(person=person, unit=commune_b, year=2022,
                                               rating="tot")])
    assert dict(AwardRecord.objects.values_list("year", "province_id")) == {
        2020: school_a.province_id, 2021: commune_b.province_id}
    assert _keys(TaskRating) == {commune_b.province_id}


def test_insert_rows_sets_the_key(school_a, commune_b):
    """The history import's path (tuples, COPY on PostgreSQL) keys each row by its own unit."""
    person = PersonFactory(unit=school_a)
    award = AwardType.objects.get(code="giay_khen")
    fields = ("award_type_id", "person_id", "unit_id", "year", "decision_number",
              "decision_date", "issuer")
    insert_rows(AwardRecord, fields, [
        (award.pk, person.pk, school_a.pk, 2018, "1/QĐ-UBND", datetime.date(2019, 1, 5), "UBND"),
        (award.pk, person.pk, commune_b.pk, 2019, "2/QĐ-UBND", datetime.date(2020, 1, 5), "UBND"),
    ])
    assert dict(AwardRecord.objects.values_list("year", "province_id")) == {
        2018: school_a.province_id, 2019: commune_b.province_id}


def test_raw_sql_insert_sets_the_key(school_a):
    person = PersonFactory(unit=school_a)
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO awards_taskrating (person_id, unit_id, year, rating, source) "
            "VALUES (%s, %s, 2023, 'tot', 'manual')", [person.pk, school_a.pk])
    assert _keys(TaskRating) == {school_a.province_id}


def test_move_to_another_province_moves_people_records_and_ratings(school_a, commune_b,
                                                                   other_province):
    person = PersonFactory(unit=school_a)
    AwardRecord.objects.bulk_create([_record(school_a, person)])
    TaskRating.objects.create(person=person, unit=school_a, year=2024, rating="tot")
    tree.move_unit(None, school_a, new_parent=commune_b, effective_date=DAY, **ACT)
    for model in (Person, AwardRecord, TaskRating):
        assert _keys(model) == {other_province.pk}


def test_merger_moving_a_child_to_another_province_moves_its_keys(province, dept_a, school_a,
                                                                   commune_b, other_province):
    """The merged department's school passes to the other province's commune: its people and
    records follow; the department's own record keeps its unit, hence its province."""
    at_school = PersonFactory(unit=school_a)
    at_dept = PersonFactory(unit=dept_a)
    AwardRecord.objects.bulk_create([_record(school_a, at_school), _record(dept_a, at_dept)])
    tree.merge_units(None, [dept_a], into=commune_b, effective_date=DAY, **ACT)
    assert dict(Person.objects.values_list("pk", "province_id")) == {
        at_school.pk: other_province.pk, at_dept.pk: other_province.pk}
    assert dict(AwardRecord.objects.values_list("unit__code", "province_id")) == {
        "TRUONG-A": other_province.pk, "SO-A": province.pk}


@pytest.mark.django_db(transaction=True)
def test_move_rolled_back_leaves_the_keys(school_a, commune_b, province):
    person = PersonFactory(unit=school_a)

    class Stop(Exception):
        pass

    with pytest.raises(Stop):
        from django.db import transaction  # noqa: PLC0415 only this test opens its own

        with transaction.atomic():
            tree.move_unit(None, school_a, new_parent=commune_b, effective_date=DAY, **ACT)
            assert _keys(Person, pk=person.pk) == {commune_b.province_id}
            raise Stop
    assert _keys(Person, pk=person.pk) == {province.pk}


def test_unit_saved_from_a_stale_copy_keeps_its_new_province(school_a, commune_b,
                                                             other_province):
    stale = Unit.objects.get(pk=school_a.pk)
    tree.move_unit(None, school_a, new_parent=commune_b, effective_date=DAY, **ACT)
    stale.note = "Ghi chú"
    stale.save()
    assert Unit.objects.get(pk=school_a.pk).province_id == other_province.pk


def test_triggers_are_put_back_after_migrate(school_a):
    """A later migration remaking a table on SQLite drops its triggers: the post-migrate hook
    installs every one again (idempotent on both databases)."""
    province_key.uninstall(connection, "organisations_person")
    province_key.install_all(connection)
    person = PersonFactory(unit=school_a)
    assert _keys(Person, pk=person.pk) == {school_a.province_id}


def test_keyed_tables_are_found_from_the_models(db):
    assert set(province_key.keyed_tables(connection)) == {
        "organisations_person", "awards_awardrecord", "awards_taskrating", "awards_awardtotal"}
