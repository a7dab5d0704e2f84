"""What reporting discipline feeds into emulation: the points of "on-time information
reporting" (seed 001 §8, template criterion 2.2) = `criterion_points` over the unit's filings of
the round's year, with the dated rule in force (reports.domain.parameters, [U]), and the late or
missing reports behind them. Registered with emulation.movements.domain.feeds by
`ReportsConfig.ready`."""

from decimal import Decimal

from emulation.movements.domain.feeds import Feeder
from reports.domain import parameters as reporting_parameters
from reports.domain import timeliness


def on_time_points(criteria, unit_ids, year: int) -> dict[tuple[int, str], Decimal]:
    summaries = timeliness.year_summaries(unit_ids, year, timeliness.today_in_vietnam())
    rule = reporting_parameters.on_time_rule(year)
    return {(uid, c.code): timeliness.criterion_points(summaries[uid], c.max_points, rule)
            for c in criteria for uid in unit_ids}


def on_time_evidence(units, year: int) -> list[dict]:
    """Per unit: its yearly counts and the late or missing reports behind the points."""
    today = timeliness.today_in_vietnam()
    ids = [u.pk for u in units]
    summaries = timeliness.year_summaries(ids, year, today)
    items: dict[int, list] = {uid: [] for uid in ids}
    for filing in timeliness.late_or_missing(ids, year, today):
        items[filing.unit_id].append({"filing": filing,
                                      "status": timeliness.timeliness(filing, today)})
    return [{"unit": u, "summary": summaries[u.pk], "items": items[u.pk]} for u in units]


ON_TIME = Feeder(points=on_time_points, evidence=on_time_evidence)
