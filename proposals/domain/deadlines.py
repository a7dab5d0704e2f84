"""Step deadlines in working days (Vietnamese public holidays respected)."""

import datetime

from django.utils import timezone

from awards.data.procedure import PROPOSALS
from awards.domain.parameters import catalogue_parameters
from core.domain.calendar import work_calendar
from proposals.models import ProcedureParameter

# The parameters the law sets: read from the law's dated home (awards/data/procedure.py).
LEGAL_KEYS = frozenset(key.removeprefix("procedure.") for key, *_rest in PROPOSALS)


def parameter(key: str, default=None, on: datetime.date | None = None):
    """The value of a procedure parameter: a legal one (LEGAL_KEYS) from `LegalValue`
    `procedure.<key>` in force on `on` (default today), any other from the province's
    `ProcedureParameter`; `default` when there is none."""
    if key in LEGAL_KEYS:
        # From the law tables kept per process (one stamp read instead of the row's query).
        found = catalogue_parameters().any_in_force(f"procedure.{key}",
                                                     on or timezone.localdate())
        row = None if found is None else found.value
    else:
        row = province_parameters([key]).get(key)
    return default if row is None else row


def province_parameters(keys) -> dict:
    """key → value of the province's own procedure parameters (`ProcedureParameter`, never
    the law's LEGAL_KEYS) among `keys`, in one query; a key without a row is absent."""
    return dict(ProcedureParameter.objects.filter(key__in=list(keys)).values_list("key", "value"))


def due_date(state: str, start: datetime.date) -> datetime.date | None:
    """The deadline of the step that starts on `start` in `state`, or None when the step has
    no legal time limit (draft, final states)."""
    days = parameter(f"deadline.{state}", on=start)
    if days is None:
        return None
    return work_calendar().add_working_days(start, int(days))


def is_overdue(proposal, today: datetime.date) -> bool:
    return proposal.due_on is not None and proposal.due_on < today
