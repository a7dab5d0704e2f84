"""Reporting parameters in force on a date (dated rows, the latest `valid_from` ≤ date)."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q

from reports.data.parameters import DEFAULTS
from reports.models import ReportingParameter


def parameter(key: str, on: datetime.date):
    """The value of `key` in force on `on`; the seeded default when no row covers the date."""
    row = (ReportingParameter.objects.filter(key=key, valid_from__lte=on)
           .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=on))
           .order_by("-valid_from").values_list("value", flat=True).first())
    return DEFAULTS[key][0] if row is None else row


@dataclass(frozen=True)
class OnTimeRule:
    """How the criterion "on-time information reporting" scores a unit's year [U]."""

    late_credit: Decimal = Decimal(0)
    penalty_per_late: Decimal = Decimal(0)
    penalty_per_missing: Decimal = Decimal(0)
    none_due_full: bool = True


def on_time_rule(year: int) -> OnTimeRule:
    """The rule in force at the end of `year` (the year being scored)."""
    value = parameter("criterion.on_time", datetime.date(year, 12, 31))
    return OnTimeRule(late_credit=Decimal(str(value.get("late_credit", 0))),
                      penalty_per_late=Decimal(str(value.get("penalty_per_late", 0))),
                      penalty_per_missing=Decimal(str(value.get("penalty_per_missing", 0))),
                      none_due_full=value.get("none_due", "full") == "full")
