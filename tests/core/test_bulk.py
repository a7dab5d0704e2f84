"""core.bulk.insert_objects and insert_rows write what bulk_create writes, without the
compiler's cost (COPY on PostgreSQL, executemany elsewhere)."""

import datetime
import uuid

import pytest
from django.db import IntegrityError, transaction

from awards.models import AwardRecord, AwardType
from core.bulk import insert_objects, insert_rows, maker, random_uuids
from organisations.models import Person
from tests.factories import PersonFactory


def _entry(person, award_type, year):
    return AwardRecord(award_type=award_type, unit=person.unit, person=person, year=year,
                       kind="cong_trang", decision_number=f"{year}/QĐ",
                       decision_date=datetime.date(year + 1, 1, 15), issuer="Giám đốc Sở",
                       revoked=year % 2 == 0, source="import")


def _stored(public_id):
    return (AwardRecord.objects.filter(public_id=public_id).values_list(
        "person", "unit", "year", "decision_date", "revoked", "revoked_on", "source", "note")
        .get())


def test_insert_objects_stores_what_bulk_create_stores(db, dept_a):
    person = PersonFactory(unit=dept_a)
    ldtt = AwardType.objects.get(code="ldtt")
    fast, usual = _entry(person, ldtt, 2020), _entry(person, ldtt, 2021)

    insert_objects([fast])
    AwardRecord.objects.bulk_create([usual])

    assert _stored(fast.public_id)[:3] == (person.pk, dept_a.pk, 2020)
    assert _stored(fast.public_id)[3:] == (datetime.date(2021, 1, 15), True, None, "import", "")
    assert _stored(usual.public_id)[3:] == (datetime.date(2022, 1, 15), False, None, "import",
                                            "")
    created = AwardRecord.objects.get(public_id=fast.public_id).created_at
    assert (created.tzinfo is not None, fast.pk) == (True, None)


def test_insert_objects_of_nothing_does_nothing(db):
    insert_objects([])

    assert Person.objects.count() == 0


def test_maker_gives_the_defaults_model_init_gives(db, dept_a):
    new = maker(AwardRecord)
    values = {"award_type_id": 1, "unit_id": dept_a.pk, "year": 2024}

    made, usual = new(**values), AwardRecord(**values)

    fields = [f.attname for f in AwardRecord._meta.concrete_fields
              if f.attname != "public_id" and not f.generated]
    assert [getattr(made, name) for name in fields] == [getattr(usual, name) for name in fields]
    assert (made._state.adding, made.unit == dept_a) == (True, True)
    assert len({made.public_id, new(**values).public_id, usual.public_id}) == 3
    assert "decision_number_folded" not in made.__dict__  # the database computes it


ROW_FIELDS = ("award_type_id", "person_id", "unit_id", "year", "kind", "decision_number",
              "decision_date", "issuer", "revoked", "source")


def _row(person, award_type, year, *, date="2025-01-15"):
    return (award_type.pk, person.pk, person.unit_id, year, "cong_trang", f"{year}/QĐ", date,
            "Giám đốc Sở", False, "import")


def test_insert_rows_stores_the_values_and_every_default(db, dept_a):
    person = PersonFactory(unit=dept_a)
    ldtt = AwardType.objects.get(code="ldtt")

    insert_rows(AwardRecord, ROW_FIELDS, [_row(person, ldtt, 2023, date="2024-01-15"),
                                          _row(person, ldtt, 2024)])

    stored = AwardRecord.objects.order_by("year")
    assert [(r.person_id, r.unit_id, r.year, r.decision_date, r.revoked, r.revoked_on,
             r.revoked_reason, r.note, r.collective_id) for r in stored] == [
        (person.pk, dept_a.pk, 2023, datetime.date(2024, 1, 15), False, None, "", "", None),
        (person.pk, dept_a.pk, 2024, datetime.date(2025, 1, 15), False, None, "", "", None)]
    assert [r.decision_number_folded for r in stored] == ["2023/qd", "2024/qd"]
    created = {r.created_at for r in stored}
    assert (len(created), created.pop().tzinfo is not None) == (1, True)
    assert {r.public_id.version for r in stored} == {4}
    assert len({r.public_id for r in stored}) == 2


def test_insert_rows_takes_dates_as_dates_too(db, dept_a):
    person = PersonFactory(unit=dept_a)
    row = _row(person, AwardType.objects.get(code="ldtt"), 2024, date=datetime.date(2025, 2, 3))

    insert_rows(AwardRecord, ROW_FIELDS, [row])

    assert AwardRecord.objects.get().decision_date == datetime.date(2025, 2, 3)


def test_insert_rows_refused_by_an_index_is_an_integrity_error_and_writes_nothing(db, dept_a):
    person = PersonFactory(unit=dept_a)
    ldtt = AwardType.objects.get(code="ldtt")
    rows = [_row(person, ldtt, 2023), _row(person, ldtt, 2024), _row(person, ldtt, 2024)]

    with pytest.raises(IntegrityError), transaction.atomic():
        insert_rows(AwardRecord, ROW_FIELDS, rows)

    assert AwardRecord.objects.count() == 0


def test_insert_rows_of_nothing_does_nothing(db):
    insert_rows(AwardRecord, ROW_FIELDS, [])

    assert AwardRecord.objects.count() == 0


def test_random_uuids_are_distinct_version_4_uuids():
    made = random_uuids(2000)

    parsed = [uuid.UUID(text) for text in made]
    assert {(u.version, u.variant) for u in parsed} == {(4, uuid.RFC_4122)}
    assert (len(set(made)), {len(text) for text in made}) == (2000, {32})
