"""Criteria the system scores from its own records instead of the units (Criterion.feed).

"On-time information reporting" (seed 001 §8, template criterion 2.2) is fed from reporting
discipline: points = the reports app's criterion_points over the unit's filings of the round's
year, with the dated rule in force (reports.domain.parameters, [U]). The unit cannot
self-assess or peer-score a fed criterion; the head/board may re-score it with a reason, and
that score then wins (cluster_rounds.results).
"""

from decimal import Decimal

from emulation.enums import CriterionFeed
from reports.domain import parameters as reporting_parameters
from reports.domain import timeliness


def is_fed(criterion) -> bool:
    return criterion.feed != CriterionFeed.MANUAL


def _reporting_on_time(criteria, unit_ids, year: int) -> dict[tuple[int, str], Decimal]:
    summaries = timeliness.year_summaries(unit_ids, year, timeliness.today_in_vietnam())
    rule = reporting_parameters.on_time_rule(year)
    return {(uid, c.code): timeliness.criterion_points(summaries[uid], c.max_points, rule)
            for c in criteria for uid in unit_ids}


FEEDERS = {CriterionFeed.REPORTING_ON_TIME: _reporting_on_time}


def system_points(criteria, unit_ids, year: int) -> dict[tuple[int, str], Decimal]:
    """Points per (unit id, criterion code) of every fed criterion among `criteria`."""
    points: dict[tuple[int, str], Decimal] = {}
    unit_ids = list(unit_ids)
    for feed, feeder in FEEDERS.items():
        fed = [c for c in criteria if c.feed == feed]
        if fed and unit_ids:
            points.update(feeder(fed, unit_ids, year))
    return points


def reporting_evidence(units, year: int) -> list[dict]:
    """Per unit: its yearly counts and the late or missing reports behind the points."""
    today = timeliness.today_in_vietnam()
    ids = [u.pk for u in units]
    summaries = timeliness.year_summaries(ids, year, today)
    items: dict[int, list] = {uid: [] for uid in ids}
    for filing in timeliness.late_or_missing(ids, year, today):
        items[filing.unit_id].append({"filing": filing,
                                      "status": timeliness.timeliness(filing, today)})
    return [{"unit": u, "summary": summaries[u.pk], "items": items[u.pk]} for u in units]
