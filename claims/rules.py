"""Permissions of the claims app: role × unit scope of the claim's commune (& state where a
step needs it). Claims hold family and martyr records: only their handlers (unit officers over
the commune) and the board read them."""

import rules

from accounts.enums import Role
from accounts.predicates import in_scope_of
from claims.domain.states import CLAIM
from claims.enums import EVIDENCE_STATES
from claims.enums import ClaimState as S
from core.state import state_predicate

HANDLERS = (Role.SYSTEM_ADMIN, Role.BOARD_STAFF, Role.UNIT_OFFICER)
BOARD = (Role.SYSTEM_ADMIN, Role.BOARD_STAFF)

handler = in_scope_of(*HANDLERS, name="claim_handler")
board = in_scope_of(*BOARD, name="claim_board")


def can(step: str):
    """The state predicate read from the CLAIM table (not written a second time)."""
    return state_predicate(CLAIM, step)


takes_evidence = rules.predicate(lambda user, obj=None: obj is None or obj.state in
                                 EVIDENCE_STATES, name="claim_takes_evidence")
is_verifying = rules.predicate(lambda user, obj=None: obj is None or obj.state == S.VERIFYING,
                               name="claim_is_verifying")

rules.add_perm("claims.view_claim", handler)
rules.add_perm("claims.add_claim", handler)
rules.add_perm("claims.view_backlog", handler)
rules.add_perm("claims.add_evidence", handler & takes_evidence)
rules.add_perm("claims.record_check", handler & is_verifying)
rules.add_perm("claims.start_verifying", handler & can("start_verifying"))
rules.add_perm("claims.request_evidence",
               handler & can("request_evidence"))
rules.add_perm("claims.mark_verified", handler & is_verifying)
rules.add_perm("claims.propose_claim", handler & can("propose"))
rules.add_perm("claims.withdraw_claim", handler & can("withdraw"))
rules.add_perm("claims.refuse_claim", board & can("refuse"))
