"""The backlog dashboard's figures, per commune and in total, from the user's scope: claims by
stage, open and overdue counts, the oldest open claim's age; and the monthly trend of claims
registered and closed. Each is one grouped query (the bench runs them at 50,000 claims)."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Min, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone

from claims.data.parameters import STAGE_LIMIT_DAYS
from claims.domain.queries.claims import claims_for_user
from claims.enums import CLOSED_STATES, OPEN_STATES, ClaimState
from claims.models import ClaimStep

STATES = list(ClaimState.choices)


@dataclass
class BacklogRow:
    unit_code: str
    unit_name: str
    counts: list[int]
    open: int
    overdue: int
    oldest_days: int | None


@dataclass
class BacklogTable:
    states: list
    rows: list[BacklogRow]
    total: BacklogRow


def overdue_q(now: datetime.datetime) -> Q:
    """Open claims longer in their stage than the board's limit (claims/data/parameters.py)."""
    q = Q(pk__in=[])
    for state, days in STAGE_LIMIT_DAYS.items():
        q |= Q(state=state, state_changed_at__lt=now - datetime.timedelta(days=days))
    return q


def backlog_table(user, *, unit=None, now: datetime.datetime | None = None) -> BacklogTable:
    now = now or timezone.now()
    today = timezone.localdate(now)
    qs = claims_for_user(user)
    if unit is not None:
        qs = qs.filter(unit=unit)
    counts = {f"n_{value}": Count("id", filter=Q(state=value)) for value, _label in STATES}
    grouped = (qs.order_by().values("unit__code", "unit__name")
               .annotate(**counts, open=Count("id", filter=Q(state__in=OPEN_STATES)),
                         overdue=Count("id", filter=overdue_q(now)),
                         oldest=Min("registered_on", filter=Q(state__in=OPEN_STATES)))
               .order_by("unit__name"))
    rows = [BacklogRow(g["unit__code"], g["unit__name"],
                       [g[f"n_{value}"] for value, _label in STATES], g["open"], g["overdue"],
                       (today - g["oldest"]).days if g["oldest"] else None) for g in grouped]
    oldest = [r.oldest_days for r in rows if r.oldest_days is not None]
    total = BacklogRow("", "", [sum(r.counts[i] for r in rows) for i in range(len(STATES))],
                       sum(r.open for r in rows), sum(r.overdue for r in rows),
                       max(oldest) if oldest else None)
    return BacklogTable(STATES, rows, total)


def monthly_trend(user, *, months: int = 12, unit=None,
                  today: datetime.date | None = None) -> list[tuple[datetime.date, int, int]]:
    """(first day of month, claims registered, claims closed) for the last `months` months."""
    today = today or timezone.localdate()
    start = (today.replace(day=1) - datetime.timedelta(days=31 * (months - 1))).replace(day=1)
    claims = claims_for_user(user)
    if unit is not None:
        claims = claims.filter(unit=unit)
    registered = dict(claims.filter(registered_on__gte=start).order_by()
                      .annotate(month=TruncMonth("registered_on")).values("month")
                      .annotate(n=Count("id")).values_list("month", "n"))
    # A range on `at` itself (not `at__date`) lets the (new, at) index serve the filter.
    since = timezone.make_aware(datetime.datetime.combine(start, datetime.time.min))
    closed = dict(ClaimStep.objects.filter(claim__in=claims.values("pk"), new__in=CLOSED_STATES,
                                           at__gte=since).order_by()
                  .annotate(month=TruncMonth("at")).values("month").annotate(n=Count("id"))
                  .values_list("month", "n"))
    closed = {_as_date(k): v for k, v in closed.items()}
    registered = {_as_date(k): v for k, v in registered.items()}
    result, month = [], start
    while month <= today:
        result.append((month, registered.get(month, 0), closed.get(month, 0)))
        month = (month + datetime.timedelta(days=32)).replace(day=1)
    return result


def _as_date(value) -> datetime.date:
    return value.date() if isinstance(value, datetime.datetime) else value
