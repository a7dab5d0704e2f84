"""Permission-aware querysets of decisions."""

from accounts.domain.scope import restrict_to_scope
from decisions.models import Certificate, Decision
from decisions.rules import READERS


def decisions_for_user(user):
    return restrict_to_scope(Decision.objects.select_related("issuer", "award_type"), user,
                             field="issuer", roles=READERS)


def certificate_by_code(code: str) -> Certificate | None:
    """Public verification: the certificate, its item and decision (no personal data)."""
    return (Certificate.objects.select_related("item__award_type", "item__decision",
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
