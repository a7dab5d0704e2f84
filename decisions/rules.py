"""Permissions of the decisions app. Board staff draft; approvers issue; both act within the
scope of the issuing unit."""

import rules

from accounts.domain import scope
from decisions.enums import DRAFTERS, EXPORTERS, READERS, SIGNERS, DecisionState


def issuer_scope(*roles, name):
    def check(user, obj=None) -> bool:
        if obj is None:
            return scope.is_system_admin(user) or scope.has_role(user, *roles)
        decision = getattr(obj, "decision", obj)
        return scope.unit_in_scope(user, decision.issuer_id, roles)

    return rules.predicate(check, name=name)


@rules.predicate
def awards_in_scope(user, obj=None) -> bool:
    """The decision is issued and awards someone of the user's units: the unit that proposed
    reads it (and its awardees' certificates), whoever issued it."""
    if obj is None:
        return scope.is_system_admin(user) or scope.has_role(user, *READERS)
    decision = getattr(obj, "decision", obj)
    if decision.state != DecisionState.ISSUED:
        return False
    ids = scope.scope_unit_ids(user, READERS)
    return ids is None or decision.items.filter(unit_id__in=ids).exists()


issuer_reader = issuer_scope(*READERS, name="decision_reader")
rules.add_perm("decisions.view_decision", issuer_reader | awards_in_scope)
# Every awardee's certificate: the issuing side only; a unit reading the decision because it
# awards its people gets their certificates, not the others'.
rules.add_perm("decisions.view_all_certificates", issuer_reader)
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

# The outbound exchange: its event feed is read by the exporters of the issuer; subscriptions
# (where the events are pushed, with which secret) are kept by the system administrator.
rules.add_perm("decisions.view_exchange_events",
               issuer_scope(*EXPORTERS, name="exchange_reader"))
rules.add_perm("decisions.manage_webhooks", rules.predicate(
    lambda user: scope.is_system_admin(user), name="webhook_keeper"))
