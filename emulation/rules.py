"""Permissions of the emulation app (rules predicates: role × unit scope)."""

import rules

from accounts.domain import scope
from accounts.enums import Role
from accounts.predicates import in_scope_of
from core.state import state_predicate
from emulation.domain.cluster_rounds import ROUND
from emulation.domain.initiatives import INITIATIVE
from emulation.domain.queries.cluster_rounds import acting_units, headed_cluster_ids, manages
from emulation.domain.rescore_requests import may_decide
from emulation.enums import (
    EDITABLE_STATES,
    ROUND_MANAGER_ROLES,
    VIEW_ROLES,
    RescoreRequestState,
    RoundState,
)

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


# Cluster rounds (legal-reference §7): the cluster head (a CLUSTER_HEAD assignment on the
# cluster) and the board over the managing unit run the round; unit officers of member units
# self-assess, score the others and vote.
@rules.predicate
def manages_round(user, cluster_round=None) -> bool:
    if cluster_round is None:
        return (scope.is_system_admin(user) or scope.has_role(user, *ROUND_MANAGER_ROLES)
                or bool(headed_cluster_ids(user)))
    return manages(user, cluster_round)


@rules.predicate
def takes_part(user, cluster_round=None) -> bool:
    if cluster_round is None:
        return scope.has_role(user, Role.UNIT_OFFICER) or bool(headed_cluster_ids(user))
    return bool(acting_units(user, cluster_round))


def _round_state(*states, name):
    return rules.predicate(lambda user, obj=None: obj is None or obj.state in states, name=name)


rules.add_perm("emulation.view_cluster_round", manages_round | takes_part)
rules.add_perm("emulation.manage_cluster_round", manages_round)
# The steps' states are read from the ROUND table; scoring and voting happen while it rests.
rules.add_perm("emulation.sign_pact", manages_round & state_predicate(ROUND, "sign_pact"))
rules.add_perm("emulation.rescore", manages_round & _round_state(
    RoundState.SCORING, RoundState.VOTING, name="round_rescorable"))
rules.add_perm("emulation.open_voting", manages_round & state_predicate(ROUND, "open_voting"))
rules.add_perm("emulation.publish_round", manages_round & state_predicate(ROUND, "publish"))
rules.add_perm("emulation.score_round", takes_part & _round_state(
    RoundState.SCORING, name="round_open_for_scores"))
rules.add_perm("emulation.vote_round", takes_part & _round_state(
    RoundState.VOTING, name="round_open_for_votes"))


# A re-score of one's own unit is a request (emulation.domain.rescore_requests): decided by a
# manager of its round who neither filed it nor belongs to the unit, while it is pending.
@rules.predicate
def decides_rescore_request(user, request=None) -> bool:
    # Imported on use, as manages_round does: rules.py loads no domain module at import time.
    if request is None:
        return manages_round(user, None)
    return (request.state == RescoreRequestState.PENDING
            and request.round.state in (RoundState.SCORING, RoundState.VOTING)
            and manages_round(user, request.round) and may_decide(user, request))


rules.add_perm("emulation.decide_rescore_request", decides_rescore_request)



# Criteria sets: whoever runs rounds edits the year's sets; the reusable templates are the
# board's (they shape every cluster's scoring).
@rules.predicate
def edits_criteria_set(user, criteria_set=None) -> bool:
    if criteria_set is not None and criteria_set.is_template:
        return scope.is_system_admin(user) or scope.has_role(user, *ROUND_MANAGER_ROLES)
    return manages_round(user, None)


rules.add_perm("emulation.view_criteria_set",
               rules.predicate(lambda user, obj=None: manages_round(user, None),
                               name="criteria_set_viewer"))
rules.add_perm("emulation.change_criteria_set", edits_criteria_set)

# The other parts of the app register their permissions in their own modules.
from emulation import rules_movements  # noqa: E402,F401,I001  (plans, movements)
from emulation import rules_records  # noqa: E402,F401,I001  (exemplars, inspections)
