"""Reading a claim's verification: the checklist of its kind with each item's latest check,
what is missing, earlier awards in the ledger for the same service, and the honour criteria
for the family's recorded martyrs. Reads only."""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from awards.domain.parameters import catalogue_parameters
from awards.models import AwardRecord
from claims.data.checklists import (
    CHECKLISTS,
    ITEMS,
    LEDGER,
    SAME_SERVICE_AWARDS,
    WITNESSES_REQUIRED,
)
from claims.domain import criteria
from claims.enums import CheckResult, ClaimKind, EvidenceKind
from claims.models import Claim, ClaimCheck


@dataclass(frozen=True)
class ItemStatus:
    code: str
    label: str
    check: ClaimCheck | None
    evidence_count: int

    @property
    def confirmed(self) -> bool:
        return self.check is not None and self.check.result == CheckResult.CONFIRMED


def checklist(claim: Claim) -> list[ItemStatus]:
    """The kind's items in order, each with its latest check and how many live evidence items
    back it."""
    latest = {}
    for check in claim.checks.select_related("checked_by").order_by("checked_at", "id"):
        latest[check.item] = check
    counts = {}
    for kind in claim.evidence.filter(withdrawn=False).values_list("kind", flat=True):
        counts[kind] = counts.get(kind, 0) + 1
    return [ItemStatus(code, ITEMS[code][0], latest.get(code),
                       sum(counts.get(k, 0) for k in ITEMS[code][1]))
            for code in CHECKLISTS[claim.kind]]


def missing_items(claim: Claim) -> list[ItemStatus]:
    """Items not yet confirmed (unchecked, missing or conflicting)."""
    return [item for item in checklist(claim) if not item.confirmed]


def witness_shortfall(claim: Claim) -> int:
    """Witness statements still needed for a resistance claim."""
    if claim.kind != ClaimKind.RESISTANCE:
        return 0
    have = claim.evidence.filter(withdrawn=False, kind=EvidenceKind.WITNESS).count()
    return max(0, WITNESSES_REQUIRED - have)


def earlier_awards(claim: Claim):
    """Ledger records that already settle this service: for the linked person, the kind's
    awards (Heroic Mother, Huân chương Độc lập for the family) or, for a resistance claim, any
    unrevoked award for a year inside the service years."""
    if claim.person_id is None:
        return AwardRecord.objects.none()
    records = AwardRecord.objects.filter(person_id=claim.person_id, revoked=False)
    if claim.kind in SAME_SERVICE_AWARDS:
        return records.filter(award_type__code__in=SAME_SERVICE_AWARDS[claim.kind])
    if claim.service_from is None:
        return AwardRecord.objects.none()
    return records.filter(year__gte=claim.service_from,
                          year__lte=claim.service_to or claim.service_from)


def family_members(claim: Claim) -> list[criteria.Member]:
    return [criteria.Member(m.relation, m.status, m.disability_percent)
            for m in claim.family.filter(withdrawn=False)]


def honour_verdict(claim: Claim, on: datetime.date | None = None) -> criteria.Verdict | None:
    """The criteria verdict for a Heroic Mother or many-martyrs claim; None for a resistance
    claim (its criteria are the checks)."""
    on = on or timezone.localdate()
    if claim.kind == ClaimKind.HEROIC_MOTHER:
        return criteria.heroic_mother(family_members(claim), claim.children_count, on,
                                      catalogue_parameters())
    if claim.kind == ClaimKind.MARTYR_FAMILY:
        return criteria.martyr_family(family_members(claim), claim.children_count, on,
                                      catalogue_parameters())
    return None


__all__ = ["LEDGER", "ItemStatus", "checklist", "earlier_awards", "honour_verdict",
           "missing_items", "witness_shortfall"]
