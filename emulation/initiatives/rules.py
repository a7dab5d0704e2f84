"""Permissions of the initiative registry (rules predicates: role × unit scope × state).
Imported by emulation/rules.py, which rules' autodiscovery loads."""

import rules

from accounts.enums import Role
from accounts.predicates import in_scope_of
from emulation.initiatives.enums import EDITABLE_STATES, VIEW_ROLES, InitiativeState

viewer_in_scope = in_scope_of(*VIEW_ROLES, name="initiative_viewer_in_scope")
keeper_in_scope = in_scope_of(*VIEW_ROLES, name="initiative_keeper_in_scope")
board_in_scope = in_scope_of(Role.SYSTEM_ADMIN, Role.BOARD_STAFF, name="initiative_board")


def _state_in(*states, name):
    def check(user, obj=None) -> bool:
        return obj is None or obj.state in states
    return rules.predicate(check, name=name)


editable = _state_in(*EDITABLE_STATES, name="initiative_editable")
registered = _state_in(InitiativeState.DRAFT, name="initiative_registered")

rules.add_perm("emulation.view_initiative", viewer_in_scope)
rules.add_perm("emulation.change_initiative", keeper_in_scope & editable)
# A unit officer recognises initiatives of cơ sở scope in their units (the unit head recognises
# them on the council's advice, legal-reference §6); higher scopes are the province's, through
# the board (`emulation.recognise_above_co_so`).
rules.add_perm("emulation.recognise_initiative", keeper_in_scope & registered)
rules.add_perm("emulation.recognise_above_co_so", board_in_scope)
rules.add_perm("emulation.revoke_initiative", board_in_scope & editable)
