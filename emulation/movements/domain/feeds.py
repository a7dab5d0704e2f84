"""Criteria the system scores from its own records instead of the units (Criterion.feed).

"On-time information reporting" (seed 001 §8, template criterion 2.2) is fed from reporting
discipline, which the reports app keeps: it sits above emulation in the layering, so it hands
its feeder over when it starts (`ReportsConfig.ready` → `register`, reports/domain/feeds.py), as
apps hand over their importers and home panels. The unit cannot self-assess or peer-score a fed
criterion; the head/board may re-score it with a reason, and that score then wins
(cluster_rounds.results).
"""

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ImproperlyConfigured

from emulation.movements.enums import CriterionFeed


@dataclass(frozen=True)
class Feeder:
    # (fed criteria, unit ids, year) → {(unit id, criterion code): points}
    points: Callable[[list, list[int], int], dict[tuple[int, str], Decimal]]
    # (units, year) → per unit, the records behind the points (shown on the round's page)
    evidence: Callable[[list, int], list[dict]]


FEEDERS: dict[str, Feeder] = {}


def register(feed: str, feeder: Feeder) -> None:
    FEEDERS[feed] = feeder


def is_fed(criterion) -> bool:
    return criterion.feed != CriterionFeed.MANUAL


def _feeder(feed: str) -> Feeder:
    if feed not in FEEDERS:  # a fed criterion must never score 0 because its app is missing
        raise ImproperlyConfigured(f"No feeder registered for criterion feed {feed!r}")
    return FEEDERS[feed]


def system_points(criteria, unit_ids, year: int) -> dict[tuple[int, str], Decimal]:
    """Points per (unit id, criterion code) of every fed criterion among `criteria`."""
    points: dict[tuple[int, str], Decimal] = {}
    unit_ids = list(unit_ids)
    for feed in sorted({c.feed for c in criteria if is_fed(c)}):
        fed = [c for c in criteria if c.feed == feed]
        if unit_ids:
            points.update(_feeder(feed).points(fed, unit_ids, year))
    return points


def reporting_evidence(units, year: int) -> list[dict]:
    """Per unit: its yearly counts and the late or missing reports behind the points."""
    return _feeder(CriterionFeed.REPORTING_ON_TIME).evidence(units, year)
