"""Permissions of the initiative registry (rules predicates: role × unit scope × state).
Imported by emulation/rules.py, which rules' autodiscovery loads."""

import rules

from accounts.enums import Role
from accounts.predicates import in_scope_of
from core.state import state_predicate
from emulation.initiatives.domain.initiatives import INITIATIVE
from emulation.initiatives.enums import EDITABLE_STATES, VIEW_ROLES

viewer_in_scope = in_scope_of(*VIEW_ROLES, name="initiative_viewer_in_scope")
keeper_in_scope = in_scope_of(*VIEW_ROLES, name="initiative_keeper_in_scope")
board_in_scope = in_scope_of(Role.SYSTEM_ADMIN, Role.BOARD_STAFF, name="initiative_board")


def _state_in(*states, name):
    def check(user, obj=None) -> bool:
        return obj is None or obj.state in states
    return rules.predicate(check, name=name)


# Correcting is an edit, not a step: the states it is allowed in are listed, not read from
# the table; recognising and revoking start where the table `INITIATIVE` says.
editable = _state_in(*EDITABLE_STATES, name="initiative_editable")
registered = state_predicate(INITIATIVE, "recognise")

rules.add_perm("emulation.view_initiative", viewer_in_scope)
rules.add_perm("emulation.change_initiative", keeper_in_scope & editable)
# A unit officer recognises initiatives of cơ sở scope in their units (the unit head recognises
# them on the council's advice, legal-reference §6); higher scopes are the province's, through
# the board (`emulation.recognise_above_co_so`).
rules.add_perm("emulation.recognise_initiative", keeper_in_scope & registered)
rules.add_perm("emulation.recognise_above_co_so", board_in_scope)
rules.add_perm("emulation.revoke_initiative", board_in_scope & state_predicate(INITIATIVE,
                                                                               "revoke"))
