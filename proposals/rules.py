"""Permissions of the proposals app: state predicate & role predicate & unit scope.

The proposing side acts in the scope of `proposal.unit`; the receiving side (board staff,
council, approvers) in the scope of `proposal.recipient_unit`."""

import rules

from accounts.domain import scope
from accounts.enums import Role
from accounts.predicates import has_role_of
from core.state import state_predicate
from proposals.domain.findings import FINDING
from proposals.domain.states import PROPOSAL
from proposals.enums import BOARD, EDITABLE_STATES, INBOX_STATES, PROPOSERS, RECEIVERS
from proposals.enums import ProposalState as S


def _proposal(obj):
    return getattr(obj, "proposal", obj)


@rules.predicate
def proposer_in_scope(user, obj=None) -> bool:
    if obj is None:
        return scope.is_system_admin(user) or scope.has_role(user, *PROPOSERS)
    return scope.unit_in_scope(user, _proposal(obj).unit_id, PROPOSERS)


@rules.predicate
def receiver_in_scope(user, obj=None) -> bool:
    if obj is None:
        return scope.is_system_admin(user) or scope.has_role(user, *RECEIVERS)
    return scope.unit_in_scope(user, _proposal(obj).recipient_unit_id, RECEIVERS)


@rules.predicate
def board_of_recipient(user, obj=None) -> bool:
    if obj is None:
        return scope.is_system_admin(user) or scope.has_role(user, *BOARD)
    return scope.unit_in_scope(user, _proposal(obj).recipient_unit_id, BOARD)


def state_in(*states, name):
    wanted = frozenset(states)
    return rules.predicate(lambda user, obj=None: obj is None or _proposal(obj).state in wanted,
                           name=name)


def can(*steps):
    """The proposal is in a state the named steps of the PROPOSAL table start from."""
    return state_predicate(PROPOSAL, *steps, of=_proposal)


# Editing documents and nominees is not a step of the machine: its own state set.
is_editable = state_in(*EDITABLE_STATES, name="proposal_is_editable")
is_appraising = can("finish_appraisal")
can_return = can("return")
can_forward = can("forward")
can_reject = can("reject")
is_received = state_in(*INBOX_STATES, S.FORWARDED, name="proposal_is_received")
was_submitted = rules.predicate(
    lambda user, obj=None: obj is None or _proposal(obj).state != S.DRAFT,
    name="proposal_was_submitted")

rules.add_perm("proposals.view_proposal",
               proposer_in_scope | (receiver_in_scope & was_submitted))
rules.add_perm("proposals.add_proposal", proposer_in_scope)
rules.add_perm("proposals.consolidate", proposer_in_scope)
rules.add_perm("proposals.change_proposal", proposer_in_scope & is_editable)
rules.add_perm("proposals.submit_proposal", proposer_in_scope & can("submit"))
rules.add_perm("proposals.withdraw_proposal", proposer_in_scope & can("withdraw"))
rules.add_perm("proposals.view_inbox", has_role_of(*BOARD))
rules.add_perm("proposals.assign_appraisers",
               board_of_recipient & state_in(S.SUBMITTED, S.APPRAISING, name="can_assign"))
rules.add_perm("proposals.appraise", board_of_recipient & is_appraising)
rules.add_perm("proposals.return_proposal", board_of_recipient & can_return)
rules.add_perm("proposals.open_consultation", board_of_recipient & can("open_consultation"))
rules.add_perm("proposals.resolve_comment", board_of_recipient)
# Appraisal findings on a nominee's tracks (issue 16): the appraising board, under appraisal.
rules.add_perm("proposals.record_finding", board_of_recipient & is_appraising)
rules.add_perm("proposals.withdraw_finding", board_of_recipient & is_appraising
               & state_predicate(FINDING, "withdraw"))
rules.add_perm("proposals.forward_proposal", board_of_recipient & can_forward)
rules.add_perm("proposals.reject_proposal", board_of_recipient & can_reject)
rules.add_perm("proposals.record_higher_decision",
               board_of_recipient & state_in(S.FORWARDED, name="proposal_is_forwarded"))
rules.add_perm("proposals.override_checks", board_of_recipient)
rules.add_perm("proposals.download_document",
               proposer_in_scope | (receiver_in_scope & was_submitted))
rules.add_perm("proposals.manage_council", has_role_of(*BOARD))
rules.add_perm("proposals.view_council", has_role_of(*BOARD, Role.COUNCIL_MEMBER,
                                                     Role.APPROVER))
