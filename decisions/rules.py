"""Permissions of the decisions app. Board staff draft; approvers issue; both act within the
scope of the issuing unit."""

import rules

from accounts.domain import scope
from accounts.enums import Role
from decisions.enums import DecisionState

DRAFTERS = (Role.SYSTEM_ADMIN, Role.BOARD_STAFF)
SIGNERS = (Role.SYSTEM_ADMIN, Role.APPROVER)
READERS = (Role.SYSTEM_ADMIN, Role.BOARD_STAFF, Role.APPROVER, Role.COUNCIL_MEMBER,
           Role.UNIT_OFFICER)
# The exchange bundle goes to the national e-dossier system with CCCDs and whole dossiers:
# only the issuing side (board and signers) sends it, and only once the decision is issued.
EXPORTERS = (Role.SYSTEM_ADMIN, Role.BOARD_STAFF, Role.APPROVER)


def issuer_scope(*roles, name):
    def check(user, obj=None) -> bool:
        if obj is None:
            return scope.is_system_admin(user) or scope.has_role(user, *roles)
        decision = getattr(obj, "decision", obj)
        return scope.unit_in_scope(user, decision.issuer_id, roles)

    return rules.predicate(check, name=name)


rules.add_perm("decisions.view_decision", issuer_scope(*READERS, name="decision_reader"))
rules.add_perm("decisions.draft_decision", issuer_scope(*DRAFTERS, name="decision_drafter"))
rules.add_perm("decisions.issue_decision", issuer_scope(*SIGNERS, name="decision_signer"))
rules.add_perm("decisions.correct_decision", issuer_scope(*DRAFTERS, name="decision_corrector"))
rules.add_perm("decisions.revoke_award", issuer_scope(*SIGNERS, *DRAFTERS,
                                                      name="decision_revoker"))


@rules.predicate
def decision_is_issued(user, obj=None) -> bool:
    return obj is None or getattr(obj, "decision", obj).state == DecisionState.ISSUED


rules.add_perm("decisions.export_bundle",
               issuer_scope(*EXPORTERS, name="decision_exporter") & decision_is_issued)
