"""Step deadlines in working days (Vietnamese public holidays respected)."""

import datetime

from core.domain.calendar import work_calendar
from proposals.models import ProcedureParameter


def parameter(key: str, default=None):
    row = ProcedureParameter.objects.filter(key=key).values_list("value", flat=True).first()
    return default if row is None else row


def due_date(state: str, start: datetime.date) -> datetime.date | None:
    """The deadline of the step that starts on `start` in `state`, or None when the step has
    no legal time limit (draft, final states)."""
    days = parameter(f"deadline.{state}")
    if days is None:
        return None
    return work_calendar().add_working_days(start, int(days))


def is_overdue(proposal, today: datetime.date) -> bool:
    return proposal.due_on is not None and proposal.due_on < today
