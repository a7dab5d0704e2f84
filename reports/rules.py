"""Permissions of the reports app: board staff and system administrators see any scope they
hold, unit emulation officers their own subtree; every other role is refused (403)."""

import rules

from accounts.domain import scope
from accounts.predicates import has_role_of, in_scope_of
from core.state import state_predicate
from reports.domain.filings import FILING
from reports.domain.requests import REQUEST
from reports.enums import (
    BOARD_ROLES,
    REPORTING_ROLES,
    STATISTICS_ROLES,
    RequestState,
)

rules.add_perm("reports.view_statistics", has_role_of(*STATISTICS_ROLES))
# The statistics of one unit (the `?unit=` of the fairness and form pages): within the scope.
rules.add_perm("reports.view_unit_statistics", in_scope_of(*STATISTICS_ROLES,
                                                           name="statistics_reader_in_scope"))

# Reporting discipline (seed 001 §8). A request belongs to its requesting unit; a filing to its
# target unit. The requesting side (keepers over the requester) issues, closes, cancels and
# returns; the board over the requester extends due dates; the target side files.


def _requester_side(roles, name):
    def check(user, obj=None) -> bool:
        if obj is None:
            return scope.is_system_admin(user) or scope.has_role(user, *roles)
        request = getattr(obj, "request", obj)
        return scope.unit_in_scope(user, request.requester_id, roles)
    return rules.predicate(check, name=name)


def _request_state(*states, name):
    def check(user, obj=None) -> bool:
        return obj is None or getattr(obj, "request", obj).state in states
    return rules.predicate(check, name=name)


def request_can(step: str):
    """The request (or a filing's request) is in a state the REQUEST table's step starts from."""
    return state_predicate(REQUEST, step, of=lambda obj: getattr(obj, "request", obj))


reporter_role = has_role_of(*REPORTING_ROLES)
requester_keeper = _requester_side(REPORTING_ROLES, "report_requester_keeper")
requester_board = _requester_side(BOARD_ROLES, "report_requester_board")
target_keeper = in_scope_of(*REPORTING_ROLES, name="report_target_keeper")
request_draft = _request_state(RequestState.DRAFT, name="report_request_draft")
request_issued = _request_state(RequestState.ISSUED, name="report_request_issued")
request_counted = _request_state(RequestState.ISSUED, RequestState.CLOSED,
                                 name="report_request_counted")

# Reading: reports.domain.queries.reporting decides which rows (out of scope → 404).
rules.add_perm("reports.view_reporting", reporter_role)
# One unit's reporting timeliness page (reports:unit_timeliness): the unit within the scope.
rules.add_perm("reports.view_unit_timeliness", target_keeper)
rules.add_perm("reports.add_request", requester_keeper)
rules.add_perm("reports.change_request", requester_keeper & request_draft)
rules.add_perm("reports.issue_request", requester_keeper & request_can("issue"))
rules.add_perm("reports.close_request", requester_keeper & request_can("close"))
rules.add_perm("reports.cancel_request", requester_keeper & request_can("cancel"))
rules.add_perm("reports.file_report", target_keeper & request_issued
               & state_predicate(FILING, "file"))
rules.add_perm("reports.return_filing", requester_keeper & request_issued
               & state_predicate(FILING, "return"))
rules.add_perm("reports.extend_filing", requester_board & request_counted)
rules.add_perm("reports.disregard_filing", requester_board)
