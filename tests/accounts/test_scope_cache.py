"""The units a user's roles cover are kept between requests per version of the unit tree: a
list page's layout no longer reads the closure table or counts the units, and a change of the
tree (a move, a merger, a new unit) is seen on the very next page."""

import datetime

import pytest
from django.core.cache import cache
from django.core.cache.backends.locmem import LocMemCache
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.domain.scope import _roles_key, active_assignments, covers_every_unit, scope_unit_ids
from accounts.enums import Role
from accounts.models import User
from organisations.domain import tree
from tests.factories import PersonFactory, UnitFactory, user_with_role

pytestmark = pytest.mark.django_db
DAY = datetime.date(2025, 7, 1)


def _layout_queries(client, url) -> tuple[int, int]:
    """(closure reads, unit counts) of one request."""
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    sqls = [q["sql"] for q in ctx.captured_queries]
    return (sum(s.startswith('SELECT "organisations_unitclosure"') for s in sqls),
            sum(s.startswith('SELECT COUNT(*) AS "__count" FROM "organisations_unit"')
                for s in sqls))


def _fresh(user) -> User:
    return User.objects.get(pk=user.pk)  # a new request's user object


def test_a_second_page_reads_neither_the_closure_nor_the_unit_count(client_for, board_user):
    client = client_for(board_user)
    url = reverse("proposals:list")  # two role sets: the list's and the personal-data one
    assert _layout_queries(client, url) == (1, 1)
    assert _layout_queries(client, url) == (0, 0)


def test_a_moved_unit_leaves_one_scope_and_enters_the_other_at_once(dept_a, dept_b, school_a,
                                                                      officer_a, outsider):
    assert (school_a.pk in scope_unit_ids(officer_a),
            school_a.pk in scope_unit_ids(outsider)) == (True, False)
    tree.move_unit(None, school_a, new_parent=dept_b, effective_date=DAY)
    assert (school_a.pk in scope_unit_ids(_fresh(officer_a)),
            school_a.pk in scope_unit_ids(_fresh(outsider))) == (False, True)


def test_the_people_list_follows_a_move_on_the_next_page(client_for, dept_b, school_a,
                                                        officer_a):
    PersonFactory(unit=school_a, full_name="Nguyễn Văn Chuyển")
    client = client_for(officer_a)
    url = reverse("organisations:person_list")
    assert "Nguyễn Văn Chuyển" in client.get(url).content.decode()
    tree.move_unit(None, school_a, new_parent=dept_b, effective_date=DAY)
    assert "Nguyễn Văn Chuyển" not in client.get(url).content.decode()


def test_merged_units_are_covered_by_the_new_units_officers_at_once(admin_user, dept_a,
                                                                     dept_b, school_a):
    merged = UnitFactory(code="SO-AB", name="Sở Giáo dục và Y tế", parent=dept_a.parent)
    officer = user_with_role(Role.UNIT_OFFICER, merged, username="officer_ab")
    assert scope_unit_ids(officer) == {merged.pk}
    tree.merge_units(admin_user, [dept_a, dept_b], effective_date=DAY, into=merged)
    assert scope_unit_ids(_fresh(officer)) == {merged.pk, dept_a.pk, dept_b.pk, school_a.pk}


def test_a_new_unit_ends_covering_every_unit(board_user, province, dept_a):
    assert covers_every_unit(board_user) is True
    UnitFactory(code="KHAC", name="Tỉnh khác", parent=None)  # a second root, outside the scope
    assert covers_every_unit(_fresh(board_user)) is False


def test_the_cached_roles_hold_no_copy_of_the_user_and_read_back_with_the_users_own(board_user):
    """Every page reads the roles from the shared cache: they were pickled with a copy of the
    user's row (its password hash too), unpickled again on every page."""
    first = active_assignments(_fresh(board_user))  # a cold read: from the database
    stored = cache.get(_roles_key(board_user))
    assert ([sorted(a._state.fields_cache) for a in stored]
            == [["cluster", "unit"]] * len(first) == [["cluster", "unit"]])
    user = _fresh(board_user)
    with CaptureQueriesContext(connection) as ctx:
        warm = active_assignments(user)  # from the cache
        owners = [a.user for a in warm]
    assert (len(ctx.captured_queries), owners, [a.role for a in warm]) == (
        0, [user], [a.role for a in first])
    assert all(owner is user for owner in owners)


class ReadsKept(LocMemCache):
    """The shared cache of the tests, its reads listed (by key, without Django's prefix)."""

    read: list[str] = []

    def get(self, key, default=None, version=None):
        ReadsKept.read.append(key)
        return super().get(key, default, version)


@pytest.mark.parametrize("name", ["organisations:person_list", "proposals:list"])
def test_a_warm_list_reads_only_the_trees_version(client_for, board_user, officer_a, name):
    """A list asks for the scope under two role sets (the list's, the personal data's) that
    cover the same units: the covered units, which carry the unit count, are kept in the process
    under the tree's version (accounts.domain.scope._covered_kept): a warm page reads only the
    version from the shared cache."""
    path = "tests.accounts.test_scope_cache.ReadsKept"
    with override_settings(CACHES={"default": {"BACKEND": path}}):
        reads = []
        for user in (board_user, officer_a):
            client = client_for(user)
            assert client.get(reverse(name)).status_code == 200
            ReadsKept.read = []
            assert client.get(reverse(name)).status_code == 200
            reads.append(sorted(k.split(":")[1] for k in ReadsKept.read
                                if k.startswith("tdkt:") and k.split(":")[1] in SCOPE_PARTS))
    assert reads == [["version"]] * 2


SCOPE_PARTS = {"covered", "scope", "unit-total", "version"}
