"""Permissions of annual plans, movements, registrations and cluster rounds (rules predicates:
role × unit scope × state). Imported by emulation/rules.py, which rules' autodiscovery loads."""

import rules

from accounts.domain import scope
from accounts.enums import Role
from accounts.predicates import in_scope_of
from core.state import state_predicate
from emulation.movements.domain.cluster_rounds import ROUND
from emulation.movements.domain.movements import MOVEMENT
from emulation.movements.domain.queries.cluster_rounds import (
    acting_units,
    headed_cluster_ids,
    manages,
)
from emulation.movements.domain.registrations import REGISTRATION
from emulation.movements.domain.rescore_requests import may_decide
from emulation.movements.enums import (
    MOVEMENT_ROLES,
    REGISTRATION_EDITABLE,
    ROUND_MANAGER_ROLES,
    RUNNING_STATES,
    STOPPABLE_STATES,
    PlanState,
    RegistrationState,
    RescoreRequestState,
    RoundState,
)


def _state_in(*states, name):
    def check(user, obj=None) -> bool:
        return obj is None or obj.state in states
    return rules.predicate(check, name=name)


def _unit_in_scope(attr: str, name: str):
    """The user keeps (MOVEMENT_ROLES) the unit named by `attr` of the object."""
    def check(user, obj=None) -> bool:
        if obj is None:
            return scope.is_system_admin(user) or scope.has_role(user, *MOVEMENT_ROLES)
        return scope.unit_in_scope(user, getattr(obj, attr), MOVEMENT_ROLES)
    return rules.predicate(check, name=name)


@rules.predicate
def level_above(user, registration=None) -> bool:
    """The level above the registering unit: whoever keeps its parent unit (the board of the
    province, the officer of the department above a school). A root unit's registration is
    decided by a system administrator."""
    if registration is None:
        return scope.is_system_admin(user) or scope.has_role(user, *MOVEMENT_ROLES)
    parent_id = registration.unit.parent_id
    if parent_id is None:
        return scope.is_system_admin(user)
    return scope.unit_in_scope(user, parent_id, MOVEMENT_ROLES)


keeper_role = rules.predicate(
    lambda user: scope.is_system_admin(user) or scope.has_role(user, *MOVEMENT_ROLES),
    name="movement_keeper_role")
keeper = in_scope_of(*MOVEMENT_ROLES, name="movement_keeper")
organiser_keeper = _unit_in_scope("organiser_id", "movement_organiser_keeper")
plan_draft = _state_in(PlanState.DRAFT, name="plan_draft")
movement_running = _state_in(*RUNNING_STATES, name="movement_running")
# Correcting a movement and attaching documents are edits, not steps: their own state set.
movement_open = _state_in(*STOPPABLE_STATES, name="movement_open")
# Correcting a registration is an edit, not a step: its own state set.
registration_editable = _state_in(*REGISTRATION_EDITABLE, name="registration_editable")

# Reading: the query functions of emulation.movements.domain.queries.movements decide which rows
# (out of scope → 404); the permission says the user has a role that reads them at all.
rules.add_perm("emulation.view_movement", keeper_role)
rules.add_perm("emulation.change_plan", keeper & plan_draft)
rules.add_perm("emulation.publish_plan", keeper & plan_draft)
rules.add_perm("emulation.change_movement", organiser_keeper & movement_open)
# The steps' states are read from the MOVEMENT table.
rules.add_perm("emulation.launch_movement", organiser_keeper & state_predicate(MOVEMENT, "launch"))
rules.add_perm("emulation.review_movement",
               organiser_keeper & state_predicate(MOVEMENT, "mid_review", "close"))
rules.add_perm("emulation.stop_movement", organiser_keeper & state_predicate(MOVEMENT, "stop"))
# Any keeper may register a unit of theirs that takes part (the form offers only those).
rules.add_perm("emulation.register_in_movement", keeper_role & movement_running)
rules.add_perm("emulation.change_registration", keeper & registration_editable)
# The steps' states are read from the REGISTRATION table.
rules.add_perm("emulation.submit_registration",
               keeper & state_predicate(REGISTRATION, "submit"))
rules.add_perm("emulation.decide_registration",
               level_above & state_predicate(REGISTRATION, "approve", "return"))

# Movement results (emulation.movements.domain.results): the registered unit's keepers enter and
# submit its result while it is a draft or returned; the organiser's keepers confirm or return it
# and draft the award proposal of the review.
registration_approved = _state_in(RegistrationState.APPROVED, name="registration_approved")
result_editable = _state_in("draft", "returned", name="result_editable")
result_submitted = _state_in("submitted", name="result_submitted")


def _result_unit(attr: str, name: str):
    def check(user, result=None) -> bool:
        if result is None:
            return keeper_role(user)
        unit_id = (result.registration.unit_id if attr == "unit"
                   else result.review.movement.organiser_id)
        return scope.unit_in_scope(user, unit_id, MOVEMENT_ROLES)
    return rules.predicate(check, name=name)


review_organiser_keeper = rules.predicate(
    lambda user, review=None: keeper_role(user) if review is None
    else scope.unit_in_scope(user, review.movement.organiser_id, MOVEMENT_ROLES),
    name="review_organiser_keeper")
rules.add_perm("emulation.enter_result", keeper & registration_approved)
rules.add_perm("emulation.change_result", _result_unit("unit", "result_unit_keeper")
               & result_editable)
rules.add_perm("emulation.decide_result", _result_unit("organiser", "result_organiser_keeper")
               & result_submitted)
rules.add_perm("emulation.propose_from_review", review_organiser_keeper)


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


# A re-score of one's own unit is a request (emulation.movements.domain.rescore_requests): decided
# by a manager of its round who neither filed it nor belongs to the unit, while it is pending.
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
