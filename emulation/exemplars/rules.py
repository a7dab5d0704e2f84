"""Permissions of exemplary models and inspections (rules predicates: role × unit scope).
Imported by emulation/rules.py. The board manages; unit officers keep their units' exemplars and
see and close the remediation tasks their units own."""

import rules

from accounts.domain import scope
from accounts.enums import Role
from core.state import state_predicate
from emulation.exemplars.domain.exemplars import EXEMPLAR
from emulation.exemplars.models.exemplars import ExemplarState
from emulation.exemplars.models.inspections import TASK_OPEN_STATES, TaskState
from emulation.initiatives.enums import VIEW_ROLES

BOARD_ROLES = (Role.SYSTEM_ADMIN, Role.BOARD_STAFF)


def _unit_of(obj):
    """The unit whose scope governs `obj`: an exemplar's or plan's unit, a visit's inspecting
    unit (the plan's), a task's inspecting unit."""
    for path in ("unit_id", "plan.unit_id", "visit.plan.unit_id"):
        value = obj
        for part in path.split("."):
            value = getattr(value, part, None)
        if value is not None:
            return value
    return None


def _in_scope(roles, name, unit_of=_unit_of):
    def check(user, obj=None) -> bool:
        if obj is None:
            return scope.is_system_admin(user) or scope.has_role(user, *roles)
        return scope.unit_in_scope(user, unit_of(obj), roles)
    return rules.predicate(check, name=name)


keeper = _in_scope(VIEW_ROLES, "exemplar_keeper")
board = _in_scope(BOARD_ROLES, "records_board")
task_owner = _in_scope(VIEW_ROLES, "task_owner", unit_of=lambda task: task.owner_unit_id)


# Every state but withdrawn, read from the table: where withdrawing starts.
not_withdrawn = state_predicate(EXEMPLAR, "withdraw")

rules.add_perm("emulation.view_exemplar", keeper)
# Correcting is an edit allowed wherever a withdrawal still is (the exemplar is live).
rules.add_perm("emulation.change_exemplar", keeper & not_withdrawn)
# Recognising and publishing check no state here, as before: a board member who opens the
# step on an exemplar elsewhere is told so by the step (`core.state`); the page offers the
# buttons from the table (`available_actions`).
rules.add_perm("emulation.recognise_exemplar", board)
rules.add_perm("emulation.publish_exemplar", board)
rules.add_perm("emulation.withdraw_exemplar", board & not_withdrawn)
rules.add_perm("emulation.manage_inspections", board)
inspected = _in_scope(VIEW_ROLES, "inspected_unit_reader",
                      unit_of=lambda visit: visit.inspected_unit_id)
# The owning unit's officer reports completion; the board of the inspecting unit reviews it.
task_officer = _in_scope((Role.SYSTEM_ADMIN, Role.UNIT_OFFICER), "task_officer",
                         unit_of=lambda task: task.owner_unit_id)


def _task_state(*states, name):
    return rules.predicate(lambda user, task=None: task is None or task.state in states,
                           name=name)


rules.add_perm("emulation.view_visit", board | inspected)
rules.add_perm("emulation.view_tasks", board | task_owner)
rules.add_perm("emulation.report_task", task_officer & _task_state(
    *TASK_OPEN_STATES, name="task_open"))
rules.add_perm("emulation.review_task", board & _task_state(TaskState.DONE,
                                                            name="task_reported"))

# Replication (emulation.exemplars.domain.replications): the board assigns a recognised or published
# model; the replicating unit's keepers report progress while it is open.
replicating_unit = _in_scope(VIEW_ROLES, "replicating_unit", unit_of=lambda r: r.unit_id)


@rules.predicate
def replicable(user, obj=None) -> bool:
    return obj is None or obj.state in (ExemplarState.RECOGNISED, ExemplarState.PUBLISHED)


@rules.predicate
def replication_open(user, obj=None) -> bool:
    return obj is None or obj.state in ("assigned", "in_progress")


rules.add_perm("emulation.replicate_exemplar", board & replicable)
rules.add_perm("emulation.report_replication", replicating_unit & replication_open)
