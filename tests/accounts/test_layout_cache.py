"""The roles and the unread count every page's layout needs are kept between requests, and a
change of either is seen on the very next page."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.domain.scope import active_assignments
from accounts.domain.users import revoke_role
from accounts.enums import Role
from accounts.models import RoleAssignment, User
from notifications.domain.notify import mark_all_read, mark_read, notify

pytestmark = pytest.mark.django_db


def _queries(client, url) -> list[str]:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return [q["sql"] for q in ctx.captured_queries]


def _touching(queries, table) -> int:
    return sum(f'FROM "{table}"' in sql for sql in queries)


def test_a_second_page_asks_the_database_for_neither_roles_nor_unread_count(
        client_for, board_user):
    client = client_for(board_user)
    url = reverse("organisations:person_list")
    first = _queries(client, url)
    second = _queries(client, url)
    assert (_touching(first, "accounts_roleassignment"),
            _touching(first, "notifications_notification")) == (1, 1)
    assert (_touching(second, "accounts_roleassignment"),
            _touching(second, "notifications_notification")) == (0, 0)


def test_a_revoked_role_ends_on_the_next_page(client_for, admin_user, officer_a):
    client = client_for(officer_a)
    url = reverse("organisations:person_list")
    assert client.get(url).status_code == 200
    revoke_role(admin_user, officer_a.role_assignments.get(), "Chuyển công tác")
    assert client.get(url).status_code == 403


def test_any_saved_assignment_drops_the_cached_roles(officer_a, dept_b):
    fresh = User.objects.get(pk=officer_a.pk)
    assert [a.role for a in active_assignments(fresh)] == [Role.UNIT_OFFICER]
    RoleAssignment.objects.create(user=officer_a, role=Role.BOARD_STAFF, unit=dept_b)
    again = User.objects.get(pk=officer_a.pk)  # a new request's user object
    assert sorted(a.role for a in active_assignments(again)) == sorted(
        [Role.UNIT_OFFICER, Role.BOARD_STAFF])
    RoleAssignment.objects.filter(role=Role.BOARD_STAFF).get().delete()
    last = User.objects.get(pk=officer_a.pk)
    assert [a.role for a in active_assignments(last)] == [Role.UNIT_OFFICER]


def _unread_shown(client) -> int:
    return int(str(client.get(reverse("core:home")).context["unread_notifications"]))


def test_the_unread_count_follows_new_and_read_notifications(client_for, board_user):
    client = client_for(board_user)
    assert _unread_shown(client) == 0
    first, = notify([board_user], verb="x", title="Hồ sơ mới", body="", url="/", email=False)
    notify([board_user], verb="x", title="Hồ sơ khác", body="", url="/", email=False)
    assert _unread_shown(client) == 2
    mark_read(first, board_user)
    assert _unread_shown(client) == 1
    mark_all_read(board_user)
    assert _unread_shown(client) == 0
