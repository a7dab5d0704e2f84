import datetime

import pytest
from django.core.exceptions import ValidationError

from audit.models import AuditEntry
from organisations.domain import people
from organisations.enums import Gender
from organisations.models import Employment, Person
from tests.factories import PersonFactory, UnitFactory, make_cccd

BIRTH = datetime.date(1990, 3, 4)


def new_person(unit, **overrides):
    fields = {"cccd": make_cccd(Gender.FEMALE, BIRTH), "full_name": "Đặng Thị Hồng",
              "gender": Gender.FEMALE, "birth_date": BIRTH, "ethnicity": "Tày",
              "position": "Giáo viên", "is_direct_worker": True} | overrides
    return people.create_person(None, unit=unit, start_date=datetime.date(2015, 9, 1), **fields)


def test_create_person_opens_first_employment(dept_a):
    person = new_person(dept_a)
    assert person.search_text.startswith("dang thi hong")
    assert list(person.employments.values_list("unit__code", "position", "end_date")) == [
        ("SO-A", "Giáo viên", None)]


def test_create_person_audit_hides_the_cccd(dept_a):
    person = new_person(dept_a)
    entry = AuditEntry.objects.get(action="organisations.person.create")
    assert entry.changes["cccd"] == [None, "***" + person.cccd[-3:]]


def test_create_person_with_wrong_gender_digit_names_the_digit(dept_a):
    with pytest.raises(ValidationError) as error:
        new_person(dept_a, cccd=make_cccd(Gender.MALE, BIRTH))
    assert error.value.message_dict["cccd"] == [
        "Digit 4 (0) means Male, but the gender is Female."]
    assert Person.objects.count() == 0


def test_duplicate_cccd_names_the_holder(dept_a):
    holder = PersonFactory(unit=dept_a, full_name="Lê Văn Tám")
    with pytest.raises(ValidationError) as error:
        new_person(dept_a, cccd=holder.cccd, gender=holder.gender, birth_date=holder.birth_date)
    assert error.value.message_dict["cccd"] == [
        f"Citizen ID {holder.cccd} already belongs to Lê Văn Tám."]


def test_transfer_follows_person_and_keeps_history(dept_a, dept_b):
    person = PersonFactory(unit=dept_a)
    people.transfer_person(None, person, unit=dept_b, start_date=datetime.date(2024, 1, 1),
                           position="Trưởng phòng", is_leader=True, note="Điều động")
    person.refresh_from_db()
    assert (person.unit, person.position, person.is_leader) == (dept_b, "Trưởng phòng", True)
    assert list(Employment.objects.filter(person=person).order_by("start_date").values_list(
        "unit__code", "end_date")) == [("SO-A", datetime.date(2023, 12, 31)), ("SO-B", None)]


def test_transfer_before_current_start_is_refused(dept_a, dept_b):
    person = PersonFactory(unit=dept_a)
    with pytest.raises(ValidationError) as error:
        people.transfer_person(None, person, unit=dept_b, start_date=datetime.date(2014, 1, 1))
    assert "start_date" in error.value.message_dict
    assert Employment.objects.filter(person=person).count() == 1


def test_transfer_to_ended_unit_is_refused(dept_a):
    ended = UnitFactory(valid_to=datetime.date(2020, 1, 1))
    person = PersonFactory(unit=dept_a)
    with pytest.raises(ValidationError) as error:
        people.transfer_person(None, person, unit=ended, start_date=datetime.date(2024, 1, 1))
    assert "unit" in error.value.message_dict


def test_update_person_records_old_and_new(dept_a):
    person = PersonFactory(unit=dept_a, full_name="Nguyen Van A")
    people.update_person(None, person, full_name="Nguyễn Văn A")
    person.refresh_from_db()
    assert person.search_text.startswith("nguyen van a")
    entry = AuditEntry.objects.get(action="organisations.person.update")
    assert entry.changes == {"full_name": ["Nguyen Van A", "Nguyễn Văn A"]}


def test_update_person_refuses_job_fields(dept_a):
    person = PersonFactory(unit=dept_a)
    with pytest.raises(ValidationError):
        people.update_person(None, person, is_leader=True)


def test_end_employment_needs_reason_and_keeps_unit(dept_a):
    person = PersonFactory(unit=dept_a)
    with pytest.raises(ValidationError):
        people.end_employment(None, person, end_date=datetime.date(2025, 1, 1), reason=" ")
    people.end_employment(None, person, end_date=datetime.date(2025, 1, 1), reason="Nghỉ hưu")
    person.refresh_from_db()
    assert person.unit == dept_a
    assert person.employments.get().end_date == datetime.date(2025, 1, 1)
