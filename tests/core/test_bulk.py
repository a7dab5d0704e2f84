"""core.bulk.insert_objects writes what bulk_create writes, without the compiler's cost."""

import datetime

from awards.models import AwardRecord, AwardType
from core.bulk import insert_objects, maker
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
