"""The narrow copy of the people's search columns (organisations.models.person_words) is kept
by PostgreSQL's triggers on every write path: the ORM's save, `QuerySet.update`, `bulk_create`,
a transfer to another unit, a unit moving to another province, a delete."""

import datetime

import pytest
from django.db import connection

from organisations.models import Person, PersonWords

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db]


def differences() -> list[tuple]:
    """Rows of the people and of the copy that the other lacks (id, text, unit, province)."""
    with connection.cursor() as cursor:
        cursor.execute("""
            (SELECT 'person', id, search_text, unit_id, province_id FROM organisations_person
             EXCEPT SELECT 'person', id, search_text, unit_id, province_id
             FROM organisations_person_words)
            UNION ALL
            (SELECT 'copy', id, search_text, unit_id, province_id FROM organisations_person_words
             EXCEPT SELECT 'copy', id, search_text, unit_id, province_id
             FROM organisations_person)""")
        return cursor.fetchall()


def test_the_copy_follows_every_write_to_the_people(dept_a, school_a, dept_b):
    born = datetime.date(1980, 1, 1)
    saved = Person.objects.create(cccd="001080000001", full_name="Hoàng Văn An", gender="male",
                                  birth_date=born, unit=dept_a)
    bulk = Person.objects.bulk_create([Person(
        cccd=f"00108000010{i}", full_name=f"Trần Thị Bình {i}", gender="female",
        birth_date=born, unit=school_a, search_text=f"tran thi binh {i}") for i in range(3)])
    steps = [differences()]
    saved.full_name = "Hoàng Văn Anh"
    saved.save()
    Person.objects.filter(pk=bulk[0].pk).update(search_text="tran thi binh moi", unit=dept_b)
    steps.append(differences())
    bulk[1].delete()
    # A unit's province changing (a merger, a new root): its people's key follows it by the
    # province key's trigger, an UPDATE the copy's trigger sees.
    with connection.cursor() as cursor:
        cursor.execute("UPDATE organisations_unit SET province_id = id WHERE id = %s",
                       [school_a.pk])
    steps.append(differences())
    copy = dict(PersonWords.objects.values_list("id", "search_text"))
    assert (steps, copy, PersonWords.objects.get(pk=bulk[2].pk).province_id) == (
        [[], [], []],
        {saved.pk: "hoang van anh 001080000001", bulk[0].pk: "tran thi binh moi",
         bulk[2].pk: "tran thi binh 2"},
        school_a.pk)
