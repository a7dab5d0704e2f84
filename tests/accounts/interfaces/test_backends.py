"""accounts.interfaces.backends.CachedUserBackend: the rules alone grant permissions; Django's
model permission rows are neither read nor honoured."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.models import User

pytestmark = pytest.mark.django_db


def _fresh(user) -> User:
    return User.objects.get(pk=user.pk)  # no permission cache of an earlier check


def test_a_permission_the_rules_refuse_reads_no_permission_rows(officer_a):
    user = _fresh(officer_a)
    with CaptureQueriesContext(connection) as ctx:
        allowed = user.has_perm("decisions.draft_decision")
    read = [q["sql"] for q in ctx.captured_queries if '"auth_' in q["sql"]]
    assert (allowed, read) == (False, [])


def test_model_permission_rows_grant_nothing(officer_a):
    permission = Permission.objects.get(codename="view_user")
    officer_a.user_permissions.add(permission)
    group = Group.objects.create(name="ngoai-quy-trinh")
    group.permissions.add(permission)
    officer_a.groups.add(group)
    user = _fresh(officer_a)
    assert (user.has_perm("accounts.view_user"), user.get_all_permissions()) == (False, set())


def test_the_rules_still_grant(board_user):
    assert _fresh(board_user).has_perm("audit.view_log") is True


def test_a_superuser_is_granted_everything(db):
    admin = User.objects.create(username="sieu", is_superuser=True)
    assert _fresh(admin).has_perm("decisions.draft_decision") is True
