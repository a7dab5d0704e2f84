"""The scopes the proposal list and the inbox compile their SQL for (core.interfaces.compiled):
equal for users who see the same proposals, different as soon as what they see differs — and a
user whose roles change sees the new scope's rows at once."""

import pytest
from django.urls import reverse

from accounts.domain.scope import forget_cached_scope
from accounts.enums import Role
from accounts.models import RoleAssignment
from proposals.domain.queries.proposals import inbox_scope, proposal_scope
from tests.factories import user_with_role
from tests.proposals.helpers import draft

pytestmark = pytest.mark.django_db


def test_equal_scopes_for_users_who_see_the_same(officer_a, outsider, board_user, admin_user,
                                                 dept_a, dept_b):
    colleague = user_with_role(Role.UNIT_OFFICER, dept_a, username="colleague")
    assert proposal_scope(colleague) == proposal_scope(officer_a) == (
        "units", (dept_a.id,), False)
    assert proposal_scope(outsider) == ("units", (dept_b.id,), False)
    assert (proposal_scope(admin_user), inbox_scope(admin_user)) == (("all",), ("board", None))
    assert (inbox_scope(officer_a), inbox_scope(board_user)[0]) == (("none",), "board")


def test_a_new_role_shows_its_units_proposals_at_once(client, officer_a, outsider, dept_a):
    proposal = draft(officer_a, dept_a, dept_a, people=0)
    client.force_login(outsider)
    assert proposal.code not in client.get(reverse("proposals:list")).content.decode()
    RoleAssignment.objects.create(user=outsider, role=Role.UNIT_OFFICER, unit=dept_a)
    forget_cached_scope(outsider)
    assert proposal.code in client.get(reverse("proposals:list")).content.decode()
