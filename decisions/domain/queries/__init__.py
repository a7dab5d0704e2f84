"""Permission-aware querysets of decisions."""

from accounts.domain.scope import restrict_to_scope
from decisions.enums import EXPORTERS, READERS, SIGNERS, DecisionState
from decisions.models import Certificate, Decision, DecisionItem, ExchangeEvent


def decisions_for_user(user):
    """Decisions issued within the user's scope (drafts included), and issued decisions that
    award someone of a unit in the user's scope (the proposing unit reads its decision)."""
    decisions = Decision.objects.select_related("issuer", "award_type")
    by_issuer = restrict_to_scope(decisions, user, field="issuer", roles=READERS)
    awarding = restrict_to_scope(DecisionItem.objects.all(), user, roles=READERS)
    return by_issuer | decisions.filter(state=DecisionState.ISSUED,
                                        pk__in=awarding.values("decision_id"))


def items_with_certificates_for_user(user, decision):
    """The decision's items whose certificates the user may download: all of them for the
    issuing side, otherwise the awardees of the user's units."""
    items = decision.items.all()
    if user.has_perm("decisions.view_all_certificates", decision):
        return items
    return restrict_to_scope(items, user, roles=READERS)


def certificate_by_code(code: str) -> Certificate | None:
    """Public verification: the certificate, its item and decision (no personal data)."""
    return (Certificate.objects.select_related("item__award_type", "item__decision__issuer",
                                               "credential",
                                               "item__unit", "replaced_by",
                                               "item__award_record",
                                               "item__corrects__award_record")
            .filter(code=code.strip().upper()).first())


def revoked_record(item):
    """The revoked ledger record behind a decision item — its own, or, for an amending
    decision's item, the one it corrects — whose revoking decision the public may read."""
    for entry in (item.award_record,
                  item.corrects.award_record if item.corrects_id else None):
        if entry is not None and entry.revoked:
            return entry
    return None


def events_for_user(user):
    """Exchange events of decisions the user's side issued (the exporters: board staff,
    approvers, administrators over the issuer — those who may send the exchange bundle)."""
    return restrict_to_scope(ExchangeEvent.objects.all(), user, field="decision__issuer",
                             roles=EXPORTERS)


def awaiting_signature(user):
    """Draft decisions the user may sign and issue (`decisions.issue_decision`: the approver of
    the issuing unit's scope)."""
    return restrict_to_scope(Decision.objects.filter(state=DecisionState.DRAFT), user,
                             field="issuer", roles=SIGNERS)
