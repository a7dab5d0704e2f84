import pytest
from django.urls import reverse

from accounts.domain.scope import restrict_to_scope, scope_unit_ids, unit_in_scope
from accounts.enums import Role
from accounts.models import RoleAssignment, User
from audit.models import AuditEntry
from organisations.models import Unit
from tests.factories import user_with_role


def test_admin_creates_user_and_grants_role(client, admin_user, dept_a):
    client.force_login(admin_user)
    response = client.post(reverse("accounts:user_create"), {
        "username": "canbo_moi", "full_name": "Cán bộ mới", "email": "",
        "password": "Can-Bo-Moi-2025"})
    assert response.status_code == 302
    client.post(reverse("accounts:user_detail", args=["canbo_moi"]),
                {"role": Role.UNIT_OFFICER, "unit": dept_a.pk})
    assignment = RoleAssignment.objects.get(user__username="canbo_moi")
    assert (assignment.role, assignment.unit) == (Role.UNIT_OFFICER, dept_a)
    assert AuditEntry.objects.filter(action="accounts.role.grant").count() == 1


def test_role_without_scope_is_refused(client, admin_user):
    target = user_with_role(Role.UNIT_OFFICER, None, username="x")
    client.force_login(admin_user)
    response = client.post(reverse("accounts:user_detail", args=["x"]),
                           {"role": Role.BOARD_STAFF})
    assert "unit" in response.context["form"].errors
    assert target.role_assignments.count() == 1


def test_weak_password_refused_on_user_creation(client, admin_user):
    client.force_login(admin_user)
    response = client.post(reverse("accounts:user_create"),
                           {"username": "yeu", "password": "12345678"})
    assert "password" in response.context["form"].errors
    assert not User.objects.filter(username="yeu").exists()


def test_revoked_role_loses_scope_immediately(client, admin_user, officer_a, dept_a):
    assignment = officer_a.role_assignments.get()
    client.force_login(admin_user)
    client.post(reverse("accounts:role_revoke", args=["officer_a", assignment.public_id]),
                {"reason": "Chuyển công tác"})
    assert RoleAssignment.objects.get(pk=assignment.pk).is_active is False
    client.force_login(officer_a)
    assert client.get(reverse("organisations:person_list")).status_code == 403


def test_scope_covers_subtree_only(officer_a, dept_a, school_a, dept_b, province):
    covered = scope_unit_ids(officer_a)
    assert covered == {dept_a.pk, school_a.pk}
    assert unit_in_scope(officer_a, school_a.pk)
    assert not unit_in_scope(officer_a, province.pk)
    assert set(restrict_to_scope(Unit.objects.all(), officer_a, field="id")) == {dept_a, school_a}


def test_system_admin_scope_is_everything(admin_user, dept_a):
    assert scope_unit_ids(admin_user) is None
    assert unit_in_scope(admin_user, dept_a.pk)


@pytest.mark.parametrize("role", [Role.COUNCIL_MEMBER, Role.APPROVER])
def test_readers_cannot_change_people(role, province, dept_a):
    from tests.factories import PersonFactory

    reader = user_with_role(role, province)
    person = PersonFactory(unit=dept_a)
    assert reader.has_perm("organisations.view_person", person)
    assert not reader.has_perm("organisations.change_person", person)


def test_inactive_account_has_no_scope(officer_a):
    officer_a.is_active = False
    assert scope_unit_ids(officer_a) == set()


def test_whole_tree_scope_gives_the_same_rows_without_a_subquery(board_user, province, dept_a,
                                                                 dept_b):
    from accounts.domain.scope import covers_every_unit
    from organisations.models import Person
    from tests.factories import PersonFactory

    people = {PersonFactory(unit=dept_a), PersonFactory(unit=dept_b)}
    Person.objects.create(cccd="008085000777", full_name="Không đơn vị", gender="male",
                          birth_date="1985-01-01")
    assert covers_every_unit(board_user)
    scoped = restrict_to_scope(Person.objects.all(), board_user)
    assert set(scoped) == people
    assert "IN (SELECT" not in str(scoped.query)


def test_user_list_query_count_does_not_grow_with_users(client, admin_user, dept_a):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("accounts:user_list")).status_code == 200
        return len(captured.captured_queries)

    client.force_login(admin_user)
    client.get(reverse("accounts:user_list"))  # the menu is computed once per role set
    user_with_role(Role.UNIT_OFFICER, dept_a)
    few = queries()
    for _ in range(12):
        user_with_role(Role.UNIT_OFFICER, dept_a)
    assert queries() == few
