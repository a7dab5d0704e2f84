"""Posting the back-office forms: the domain function runs, errors come back on the form."""

import datetime

import pytest
from django.urls import reverse
from django.utils import translation

from audit.models import AuditEntry
from organisations.enums import Gender
from organisations.models import (
    ClusterMembership,
    EmulationStaff,
    Household,
    Person,
    ReorganisationEvent,
    TrainingSession,
    Unit,
)
from tests.factories import ClusterFactory, PersonFactory, UnitFactory, make_cccd

BIRTH = datetime.date(1992, 2, 2)


def person_post(unit, **overrides):
    return {"cccd": make_cccd(Gender.MALE, BIRTH), "full_name": "Hoàng Văn Nam",
            "gender": "male", "birth_date": "1992-02-02", "ethnicity": "Nùng", "unit": unit.pk,
            "position": "Chuyên viên", "title": "", "start_date": "2020-01-01", "phone": "",
            "email": ""} | overrides


def test_officer_registers_person_in_own_unit(client, officer_a, dept_a):
    client.force_login(officer_a)
    response = client.post(reverse("organisations:person_create"), person_post(dept_a))
    person = Person.objects.get(full_name="Hoàng Văn Nam")
    assert response.status_code == 302
    assert response.url == reverse("organisations:person_detail", args=[person.public_id])
    assert person.employments.get().unit == dept_a


def test_officer_cannot_register_person_in_other_unit(client, officer_a, dept_b):
    client.force_login(officer_a)
    response = client.post(reverse("organisations:person_create"), person_post(dept_b))
    assert response.status_code == 200
    assert "unit" in response.context["form"].errors
    assert Person.objects.count() == 0


def test_bad_cccd_is_explained_in_vietnamese(client, officer_a, dept_a):
    client.force_login(officer_a)
    with translation.override("vi"):
        response = client.post(reverse("organisations:person_create"),
                               person_post(dept_a, cccd="008192000001"),
                               HTTP_ACCEPT_LANGUAGE="vi")
    errors = response.context["form"].errors["cccd"]
    assert errors == ["Chữ số thứ 4 (1) ứng với Nữ, nhưng giới tính là Nam."]
    assert Person.objects.count() == 0


def test_admin_merges_two_units_through_the_form(client, admin_user, province, dept_a, dept_b):
    client.force_login(admin_user)
    response = client.post(reverse("organisations:unit_merge", args=[dept_a.code]), {
        "sources": [dept_a.pk, dept_b.pk], "new_code": "SO-AB", "new_name": "Sở Văn hóa - Xã hội",
        "new_level": "province", "new_kind": "department", "new_parent": province.pk,
        "effective_date": "2025-07-01", "decision_number": "12/NQ-HĐND", "issuer": "HĐND tỉnh",
        "note": ""})
    assert response.status_code == 302
    assert response.url == reverse("organisations:unit_detail", args=["SO-AB"])
    assert set(Unit.objects.filter(valid_to=datetime.date(2025, 6, 30))
               .values_list("code", flat=True)) == {"SO-A", "SO-B"}
    detail = client.get(response.url)
    assert "Sở Giáo dục và Đào tạo" in detail.text  # predecessors listed on the new unit


def test_merge_form_requires_new_unit_fields(client, admin_user, dept_a, dept_b):
    client.force_login(admin_user)
    response = client.post(reverse("organisations:unit_merge", args=[dept_a.code]), {
        "sources": [dept_a.pk, dept_b.pk], "effective_date": "2025-07-01"})
    assert set(response.context["form"].errors) == {"new_code", "new_name", "new_level",
                                                    "new_kind"}
    assert ReorganisationEvent.objects.count() == 0


def test_dissolve_with_children_is_refused_on_the_form(client, admin_user, dept_a, school_a):
    client.force_login(admin_user)
    response = client.post(reverse("organisations:unit_dissolve", args=[dept_a.code]), {
        "effective_date": "2025-07-01", "note": "Giải thể"})
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert Unit.objects.get(pk=dept_a.pk).valid_to is None


def test_transfer_through_form(client, board_user, dept_a, dept_b):
    person = PersonFactory(unit=dept_a)
    client.force_login(board_user)
    response = client.post(reverse("organisations:person_transfer", args=[person.public_id]), {
        "unit": dept_b.pk, "start_date": "2024-09-01", "position": "Phó Giám đốc",
        "is_leader": "on", "note": "Bổ nhiệm"})
    assert response.status_code == 302
    person.refresh_from_db()
    assert (person.unit, person.is_leader) == (dept_b, True)


def test_household_head_is_found_by_cccd(client, officer_a, dept_a, school_a):
    commune = UnitFactory(code="XA", parent=dept_a, level="commune", kind="peoples_committee")
    head = PersonFactory(unit=commune)
    client.force_login(officer_a)
    response = client.post(reverse("organisations:household_create"), {
        "head": head.cccd, "unit": commune.pk, "address": "Thôn Nà Khà", "member_count": 5})
    assert response.status_code == 302
    assert Household.objects.get().head == head
    missing = client.post(reverse("organisations:household_create"), {
        "head": "008085999999", "unit": commune.pk, "address": "x", "member_count": 1})
    assert "head" in missing.context["form"].errors


def test_cluster_leadership_and_rotation_through_forms(client, board_user, province):
    cluster = ClusterFactory(managing_unit=province)
    units = [UnitFactory(code=f"C{i}", parent=province) for i in range(3)]
    client.force_login(board_user)
    for unit in units:
        client.post(reverse("organisations:cluster_add_member", args=[cluster.code]),
                    {"unit": unit.pk, "year": 2025})
    client.post(reverse("organisations:cluster_leadership", args=[cluster.code]) + "?year=2025",
                {"head": units[0].pk, "deputy": units[1].pk})
    client.post(reverse("organisations:cluster_start_year", args=[cluster.code]),
                {"year": 2026})
    roles = dict(ClusterMembership.objects.filter(cluster=cluster, year=2026)
                 .values_list("unit__code", "role"))
    assert roles == {"C1": "head", "C2": "deputy", "C0": "member"}


def test_staff_and_training_registration(client, officer_a, dept_a):
    person = PersonFactory(unit=dept_a)
    client.force_login(officer_a)
    response = client.post(reverse("organisations:staff_create"), {
        "person": person.cccd, "unit": dept_a.pk, "mode": "part_time",
        "duty": "Kiêm nhiệm TĐKT", "start_date": "2025-01-01"})
    assert response.status_code == 302
    staff = EmulationStaff.objects.get()
    client.post(reverse("organisations:training_create"), {
        "title": "Tập huấn Nghị định 152", "organiser": dept_a.pk, "start_date": "2025-09-15",
        "end_date": "2025-09-16", "hours": 16, "attendees": [staff.pk]})
    assert list(TrainingSession.objects.get().attendees.all()) == [staff]
    client.post(reverse("organisations:staff_end", args=[staff.public_id]), {
        "end_date": "2025-12-31", "reason": "Chuyển công tác"})
    staff.refresh_from_db()
    assert staff.end_date == datetime.date(2025, 12, 31)


@pytest.mark.parametrize("path", ["person_edit", "person_transfer", "person_end"])
def test_outsider_post_changes_nothing(client, outsider, dept_a, path):
    person = PersonFactory(unit=dept_a, full_name="Giữ Nguyên")
    client.force_login(outsider)
    response = client.post(reverse(f"organisations:{path}", args=[person.public_id]),
                           {"full_name": "Đổi Tên", "reason": "x", "end_date": "2025-01-01"})
    assert response.status_code == 404
    assert Person.objects.get(pk=person.pk).full_name == "Giữ Nguyên"
    assert AuditEntry.objects.filter(action__startswith="organisations.person").count() == 0
