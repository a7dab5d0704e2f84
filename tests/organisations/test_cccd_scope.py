"""A CCCD resolves only to people the user keeps records for, and a number held elsewhere is
answered without saying who holds it or where: the staff and household forms, person creation
and correction, the people import and the award import."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from accounts.enums import Role
from audit.models import AuditEntry
from organisations.domain import people
from organisations.enums import Gender, UnitKind, UnitLevel
from organisations.models import EmulationStaff, Household
from tests.awards.test_importers import AWARD_HEADER, award_row
from tests.factories import PersonFactory, UnitFactory, user_with_role
from tests.imports.helpers import PEOPLE_HEADER, errors_of, person_row, validated, write_xlsx

pytestmark = pytest.mark.django_db


@pytest.fixture
def commune(province):
    return UnitFactory(code="XA-A", name="Xã An", parent=province, level=UnitLevel.COMMUNE,
                       kind=UnitKind.PEOPLES_COMMITTEE)


@pytest.fixture
def commune_officer(commune):
    return user_with_role(Role.UNIT_OFFICER, commune, username="officer_xa")


@pytest.fixture
def stranger(dept_b):
    return PersonFactory(unit=dept_b, full_name="Người Sở Khác")


def _staff_post(client, user, unit, cccd):
    client.force_login(user)
    return client.post(reverse("organisations:staff_create"), {
        "person": cccd, "unit": unit.pk, "mode": "part_time", "duty": "Theo dõi",
        "start_date": "2025-01-02"})


def test_staff_form_refuses_another_units_person_as_unknown(client, commune_officer, commune,
                                                            stranger):
    response = _staff_post(client, commune_officer, commune, stranger.cccd)

    assert response.status_code == 200
    assert response.context["form"].errors["person"] == [
        f"Không có người nào mang số CCCD {stranger.cccd} trong các đơn vị của bạn."]
    assert EmulationStaff.objects.count() == 0


def test_staff_form_takes_a_person_of_the_users_units(client, commune_officer, commune):
    resident = PersonFactory(unit=commune)
    response = _staff_post(client, commune_officer, commune, resident.cccd)

    assert response.status_code == 302
    assert list(EmulationStaff.objects.values_list("person", "unit")) == [
        (resident.pk, commune.pk)]


def _household_post(client, user, commune, cccd):
    client.force_login(user)
    return client.post(reverse("organisations:household_create"), {
        "head": cccd, "unit": commune.pk, "address": "Thôn 1", "member_count": 4})


def test_household_form_refuses_another_units_head_as_unknown(client, commune_officer, commune,
                                                              stranger):
    response = _household_post(client, commune_officer, commune, stranger.cccd)

    assert response.status_code == 200
    assert response.context["form"].errors["head"] == [
        f"Không có người nào mang số CCCD {stranger.cccd} trong các đơn vị của bạn."]
    assert Household.objects.count() == 0


def test_household_form_takes_a_resident_of_the_commune(client, commune_officer, commune):
    resident = PersonFactory(unit=commune)
    response = _household_post(client, commune_officer, commune, resident.cccd)

    assert response.status_code == 302
    assert list(Household.objects.values_list("head", "unit")) == [(resident.pk, commune.pk)]


def _create(actor, unit, cccd):
    return people.create_person(actor, unit=unit, start_date=datetime.date(2020, 1, 1),
                                cccd=cccd, full_name="Người Mới", gender=Gender.MALE,
                                birth_date=datetime.date(1985, 5, 17))


def test_duplicate_cccd_outside_the_scope_names_nobody(officer_a, dept_a, stranger):
    with pytest.raises(ValidationError) as error:
        _create(officer_a, dept_a, stranger.cccd)

    assert error.value.message_dict["cccd"] == [
        f"Citizen ID {stranger.cccd} is already registered in another unit."]
    assert AuditEntry.objects.count() == 0


def test_duplicate_cccd_inside_the_scope_names_the_holder(officer_a, dept_a):
    holder = PersonFactory(unit=dept_a, full_name="Lê Văn Tám", gender=Gender.MALE,
                           birth_date=datetime.date(1985, 5, 17))
    with pytest.raises(ValidationError) as error:
        _create(officer_a, dept_a, holder.cccd)

    assert error.value.message_dict["cccd"] == [
        f"Citizen ID {holder.cccd} already belongs to Lê Văn Tám."]


def test_correcting_a_cccd_to_an_outsiders_names_nobody(officer_a, dept_a, stranger):
    mine = PersonFactory(unit=dept_a, gender=Gender.MALE, birth_date=stranger.birth_date)
    with pytest.raises(ValidationError) as error:
        people.update_person(officer_a, mine, cccd=stranger.cccd)

    assert error.value.message_dict["cccd"] == [
        f"Citizen ID {stranger.cccd} is already registered in another unit."]


def test_people_import_does_not_name_an_outsider_holding_the_cccd(tmp_path, officer_a, dept_a,
                                                                  stranger):
    path = write_xlsx(tmp_path / "p.xlsx", PEOPLE_HEADER, [
        person_row(cccd=stranger.cccd, gender="Nam", birth_date="17/05/1985")])

    assert errors_of(validated(officer_a, "people", path)) == [
        (2, "Số CCCD", f"Citizen ID {stranger.cccd} is already registered in another unit.")]


def test_award_import_cannot_attach_an_outsider_under_ones_own_unit(tmp_path, officer_a,
                                                                    dept_a, stranger):
    path = write_xlsx(tmp_path / "a.xlsx", AWARD_HEADER, [
        award_row(cccd=stranger.cccd, unit="SO-A")])

    assert errors_of(validated(officer_a, "awards", path)) == [
        (2, "Số CCCD", f"No person with citizen ID {stranger.cccd} is registered in your "
                       "units.")]


def test_award_import_looks_for_collectives_only_in_ones_own_units(tmp_path, officer_a, dept_a,
                                                                   dept_b):
    path = write_xlsx(tmp_path / "a.xlsx", AWARD_HEADER, [
        award_row(unit="SO-A", collective="Tổ Không Có", award="tt_ldtt"),
        award_row(unit="SO-B", collective="Tổ Không Có", award="tt_ldtt")])

    assert errors_of(validated(officer_a, "awards", path)) == [
        (2, "Tên tập thể", "No collective “Tổ Không Có” in unit SO-A."),
        (3, "Mã đơn vị", "This record is outside your scope.")]
