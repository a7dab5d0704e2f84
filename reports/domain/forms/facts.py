"""The award ledger reduced to a few hundred fact groups for the forms: one GROUP BY over the
unrevoked records of a scope and period, every form then sums the groups it needs in Python
(the groups are few: award types × subject kind × award kind × a handful of flags)."""

from dataclasses import dataclass

from django.db.models import BooleanField, Case, CharField, Count, Q, QuerySet, Sum, Value, When
from django.db.models.functions import Coalesce

from awards.models import AwardRecord
from organisations.enums import UnitKind, UnitLevel
from organisations.models import UnitClosure
from proposals.enums import Track
from reports.domain.forms.table import FormScope
from reports.domain.scope import subtree_ids

INDIVIDUAL, COLLECTIVE, HOUSEHOLD = "i", "c", "h"
# Leader tiers of Circular 02/2023 forms 0602 rows 10–14 (0603 rows 06–10), read from the
# person's leader / direct-worker flags and the unit the award was given in. The register keeps
# no leader grade, so the tier is the unit's place: leaders of a province-level people's
# committee or party body (or any central body) are "cấp bộ, cấp tỉnh"; of another province-level
# body (a Sở) "cấp vụ, sở"; of an enterprise "doanh nhân"; any other leader "từ phó phòng".
TIER_MINISTER, TIER_DEPARTMENT, TIER_BUSINESS, TIER_OTHER, TIER_WORKER = (
    "minister", "department", "business", "other_leader", "direct_worker")


@dataclass(frozen=True)
class Fact:
    award_type_id: int
    subject: str
    kind: str
    central: bool
    enterprise: bool
    tier: str
    resistance: bool
    count: int
    money: int


def scoped_records(scope: FormScope) -> QuerySet:
    """Unrevoked records of the scope decided in the period (the forms count by decision date,
    approved results only: statistical-forms.md, "Counting")."""
    return AwardRecord.objects.filter(
        revoked=False, unit__in=subtree_ids(scope.root),
        decision_date__gte=scope.period.start, decision_date__lte=scope.period.end)


def _annotations() -> dict:
    central_units = UnitClosure.objects.filter(
        ancestor__level=UnitLevel.CENTRAL).values("descendant_id")
    leader = Q(person__is_leader=True)
    high = Q(unit__level__in=(UnitLevel.CENTRAL, UnitLevel.PROVINCE))
    return {
        "subject": Case(When(person__isnull=False, then=Value(INDIVIDUAL)),
                        When(collective__isnull=False, then=Value(COLLECTIVE)),
                        default=Value(HOUSEHOLD), output_field=CharField()),
        "central": Case(When(unit_id__in=central_units, then=Value(True)),
                        default=Value(False), output_field=BooleanField()),
        "enterprise": Case(When(collective__unit__kind=UnitKind.ENTERPRISE, then=Value(True)),
                           default=Value(False), output_field=BooleanField()),
        "tier": Case(
            When(leader & Q(unit__kind=UnitKind.ENTERPRISE), then=Value(TIER_BUSINESS)),
            When(leader & high & (Q(unit__level=UnitLevel.CENTRAL) | Q(
                unit__kind__in=(UnitKind.PEOPLES_COMMITTEE, UnitKind.PARTY_BODY))),
                then=Value(TIER_MINISTER)),
            When(leader & high, then=Value(TIER_DEPARTMENT)),
            When(leader, then=Value(TIER_OTHER)),
            When(person__is_direct_worker=True, then=Value(TIER_WORKER)),
            default=Value(""), output_field=CharField()),
        # Resistance-war commendation (row "Kháng chiến") has no award kind of its own: it is
        # the proposal track the record's decision came from.
        "resistance": Case(
            When(decision_item__nominee__proposal__track=Track.RESISTANCE, then=Value(True)),
            default=Value(False), output_field=BooleanField()),
    }


def ledger_facts(records: QuerySet) -> list[Fact]:
    rows = (records.order_by().annotate(**_annotations())
            .values("award_type_id", "subject", "kind", "central", "enterprise", "tier",
                    "resistance")
            .annotate(count=Count("id"), money=Coalesce(Sum("decision_item__money"), 0)))
    return [Fact(**row) for row in rows]


def total(facts, **where) -> int:
    """Sum of counts of the facts whose attributes equal `where` (values may be sets)."""
    n = 0
    for fact in facts:
        if all(getattr(fact, k) in v if isinstance(v, (set, frozenset, tuple))
               else getattr(fact, k) == v for k, v in where.items()):
            n += fact.count
    return n
