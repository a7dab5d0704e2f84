"""What a user asks for (form, years, unit), read from a query string or a job's parameters,
and the scope it resolves to for that user."""

import datetime
from dataclasses import asdict, dataclass

from django.utils import timezone

from reports.domain.forms import FORMS
from reports.domain.forms.table import FormScope, Period
from reports.domain.scope import default_root, visible_units

FIRST_YEAR, LAST_YEAR = 1945, 2100


def current_reporting_year(today: datetime.date | None = None) -> int:
    """The emulation year in progress: from 1 December it is next year's."""
    today = today or timezone.localdate()
    return today.year + 1 if today.month == 12 else today.year


def _year(value, default: int) -> int:
    try:
        return min(max(int(value), FIRST_YEAR), LAST_YEAR)
    except (TypeError, ValueError):
        return default


@dataclass(frozen=True)
class FormRequest:
    code: str
    year_from: int
    year_to: int
    unit: str = ""  # unit code; "" = the top of the user's scope

    @classmethod
    def parse(cls, params) -> "FormRequest":
        code = params.get("form", "")
        year_to = _year(params.get("year_to"), current_reporting_year())
        year_from = min(_year(params.get("year_from"), year_to), year_to)
        return cls(code=code if code in FORMS else "", year_from=year_from, year_to=year_to,
                   unit=params.get("unit", "") or "")

    def as_params(self) -> dict:
        return {"form": self.code, **{k: v for k, v in asdict(self).items() if k != "code"}}

    @property
    def period(self) -> Period:
        return Period.reporting_years(self.year_from, self.year_to)

    def scope_for(self, user) -> FormScope | None:
        """The scope if the unit is one `user` may read statistics of (the top of their scope
        when no unit is named), else None."""
        if self.unit:
            root = visible_units(user).filter(code=self.unit).first()
        else:
            root = default_root(user)
        return FormScope(root=root, period=self.period) if root else None
