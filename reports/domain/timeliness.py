"""When a report counts as filed on time, and the yearly record of each unit.

A report is on time when it is filed by the end of its due date in Vietnam
(Asia/Ho_Chi_Minh), whatever the server's clock zone: the due date is a Vietnamese calendar
day. The due date is the request's, or the one the board extended to (with a reason).

**Which filing time decides.** The *first* filing decides timeliness: a unit that filed on time
and was asked to correct a detail has met its deadline. The board may say otherwise when it
returns a filing (`counts_as_unfiled`): then the first filing is disregarded and the next one
decides (a report so incomplete it was not really a report).

**Which reports count for a year.** Filings of requests about that year (`request.year`) that
were issued (or issued and later closed; cancelled requests never count), and that are decided:
filed (on time or late), or past their due date without a filing (missing). A report not yet due
and not yet filed does not count either way.
"""

import datetime
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from zoneinfo import ZoneInfo

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from reports.enums import COUNTED_REQUEST_STATES, Timeliness
from reports.models import ReportFiling

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
CENT = Decimal("0.01")


def today_in_vietnam(now: datetime.datetime | None = None) -> datetime.date:
    """The date in Vietnam (settings.TIME_ZONE) at `now`, default this instant."""
    return timezone.localdate(now)


def deadline_end(due_date: datetime.date) -> datetime.datetime:
    """The first instant after the due date in Vietnam (00:00 of the next day, +07:00)."""
    next_day = due_date + datetime.timedelta(days=1)
    return datetime.datetime(next_day.year, next_day.month, next_day.day, tzinfo=VIETNAM)


def is_on_time(filed_at: datetime.datetime, due_date: datetime.date) -> bool:
    return filed_at < deadline_end(due_date)


def timeliness(filing: ReportFiling, today: datetime.date) -> str:
    """What the filing counts as today (Timeliness)."""
    if filing.on_time is not None:
        return Timeliness.ON_TIME if filing.on_time else Timeliness.LATE
    return Timeliness.MISSING if filing.due_date < today else Timeliness.NOT_DUE


def counted_filings(year: int) -> QuerySet:
    """Filings of the issued or closed requests about `year`."""
    return ReportFiling.objects.filter(request__year=year,
                                       request__state__in=COUNTED_REQUEST_STATES)


def _counts(today: datetime.date) -> dict:
    undecided = Q(on_time__isnull=True)
    # Annotation names differ from the fields (`on_time` is a field; an annotation of the same
    # name would shadow it inside the filters).
    return {"n_total": Count("id"),
            "n_on_time": Count("id", filter=Q(on_time=True)),
            "n_late": Count("id", filter=Q(on_time=False)),
            "n_missing": Count("id", filter=undecided & Q(due_date__lt=today)),
            "n_not_due": Count("id", filter=undecided & Q(due_date__gte=today))}


@dataclass
class Summary:
    """One unit's year: how many reports were asked, and how they went."""

    unit_id: int
    total: int = 0
    on_time: int = 0
    late: int = 0
    missing: int = 0
    not_due: int = 0
    unit: object = field(default=None, compare=False)

    @property
    def due(self) -> int:
        """Reports that count: filed, or past due without a filing."""
        return self.on_time + self.late + self.missing

    @property
    def share_on_time(self) -> Decimal | None:
        """Share of the due reports filed on time, in percent (None when none was due)."""
        if not self.due:
            return None
        return (Decimal(100) * self.on_time / self.due).quantize(CENT, ROUND_HALF_UP)


def summaries(filings: QuerySet, today: datetime.date) -> dict[int, Summary]:
    """Per unit id: the counts over `filings` (one GROUP BY statement)."""
    rows = filings.order_by().values("unit_id").annotate(**_counts(today))
    return {row["unit_id"]: Summary(unit_id=row["unit_id"], total=row["n_total"],
                                    on_time=row["n_on_time"], late=row["n_late"],
                                    missing=row["n_missing"], not_due=row["n_not_due"])
            for row in rows}


def year_summaries(unit_ids, year: int, today: datetime.date) -> dict[int, Summary]:
    """Per unit id in `unit_ids` (every one, zeros included): the record of `year`."""
    found = summaries(counted_filings(year).filter(unit_id__in=list(unit_ids)), today)
    return {uid: found.get(uid, Summary(unit_id=uid)) for uid in unit_ids}


def criterion_points(summary: Summary, max_points: Decimal, rule) -> Decimal:
    """Points of the criterion "on-time information reporting" (seed 001 §8) for one unit-year:
    max × (on time + late_credit × late) / due − penalty_per_late × late −
    penalty_per_missing × missing, within [0, max], to the cent. With nothing due, full points
    (nothing was late) unless the rule says otherwise. `rule` is a parameters.OnTimeRule [U]."""
    if not summary.due:
        return max_points.quantize(CENT) if rule.none_due_full else Decimal("0.00")
    earned = max_points * (summary.on_time + rule.late_credit * summary.late) / summary.due
    earned -= rule.penalty_per_late * summary.late + rule.penalty_per_missing * summary.missing
    return min(max(earned, Decimal(0)), max_points).quantize(CENT, ROUND_HALF_UP)


def late_or_missing(unit_ids, year: int, today: datetime.date) -> QuerySet:
    """The evidence behind the criterion: each late or missing filing of `year`."""
    return (counted_filings(year).filter(unit_id__in=list(unit_ids))
            .filter(Q(on_time=False) | Q(on_time__isnull=True, due_date__lt=today))
            .select_related("request", "unit").order_by("unit__path", "due_date", "id"))
