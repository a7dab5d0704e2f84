"""Early salary raise for outstanding achievement (nâng bậc lương trước thời hạn; seed 001
"Thứ sáu": one rule for the whole province).

Thông tư 08/2013/TT-BNV, Điều 3, as amended by Thông tư 03/2021/TT-BNV: an achievement counts by
the date of the decision recognising it, within the period the person holds their current
grade; the months early follow the highest achievement (the months per title or form are the
dated row `early_raise_months`, [U]); at most `early_raise_cap_share` of the payroll is raised
early in a year. The HR office gives the period (from the date the current grade was taken —
grades are not recorded here — to the date of consideration); the table in force on the
period's last day applies.
"""

import datetime
import math
from dataclasses import dataclass, field

from django.db.models import QuerySet

from awards.eligibility.laws import Parameters, Value
from awards.models import AwardRecord


@dataclass
class Counting:
    """One person's awards that count in the period, with the months each would give."""

    person: object
    awards: list[tuple[AwardRecord, int]] = field(default_factory=list)

    @property
    def months(self) -> int:
        """The highest achievement decides (Thông tư 08/2013/TT-BNV, Điều 3)."""
        return max(months for _record, months in self.awards)


@dataclass
class EarlyRaiseList:
    start: datetime.date
    end: datetime.date
    table: Value | None  # {award code: months}, with its citation; None: no rule in force
    people: list[Counting]
    staff: int  # people in the list's scope (the payroll the cap is a share of)
    cap_share: Value | None

    @property
    def cap(self) -> int | None:
        return math.floor(self.staff * self.cap_share.value) if self.cap_share else None


def period(start: datetime.date | None, end: datetime.date | None,
           today: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The period the page and the API consider: up to `end` (default today), from `start`
    (default three years earlier: a grade is held two or three years); never reversed."""
    end = end or today
    start = start or end.replace(year=end.year - 3)
    return min(start, end), end


def counting_records(people: QuerySet, start: datetime.date, end: datetime.date,
                     months: dict) -> QuerySet:
    """Live awards of `people` whose recognising decision falls in [start, end] and whose title
    or form counts toward an early raise; one query, people and units joined."""
    return (AwardRecord.objects
            .filter(person__in=people.values("pk"), revoked=False,
                    decision_date__gte=start, decision_date__lte=end,
                    award_type__code__in=list(months))
            .select_related("award_type", "person__unit")
            .order_by("person__unit__name", "person__full_name", "person_id", "decision_date",
                      "id"))


def early_raise_list(people: QuerySet, start: datetime.date, end: datetime.date,
                     params: Parameters) -> EarlyRaiseList:
    """Everyone in `people` with at least one counting award in the period, and the months the
    highest of them gives."""
    table = params.value("early_raise_months", end)
    months = table.value if table else {}
    found: dict[int, Counting] = {}
    for record in counting_records(people, start, end, months):
        entry = found.setdefault(record.person_id, Counting(record.person))
        entry.awards.append((record, months[record.award_type.code]))
    return EarlyRaiseList(start=start, end=end, table=table, people=list(found.values()),
                          staff=people.count(),
                          cap_share=params.value("early_raise_cap_share", end))
