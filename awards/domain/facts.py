"""Recording discipline and pending matters (the facts behind the hold rule)."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from audit.domain.record import record
from awards.models import DisciplineRecord, PendingMatter


@transaction.atomic
def record_discipline(actor, person, *, level: str, start: datetime.date,
                      end: datetime.date | None, decision_number: str = "") -> DisciplineRecord:
    """Side effect: audit entry `awards.discipline.record`."""
    if end is not None and end < start:
        raise ValidationError({"end": _("The end date is before the start date.")})
    entry = DisciplineRecord.objects.create(person=person, level=level, start=start, end=end,
                                            decision_number=decision_number)
    record(actor, "awards.discipline.record", person, unit=person.unit,
           changes={"discipline": [None, str(entry)]})
    return entry


@transaction.atomic
def open_matter(actor, person, *, kind: str, opened_on: datetime.date,
                note: str = "") -> PendingMatter:
    """Side effect: audit entry `awards.pending.open`; awards are on hold until it closes."""
    matter = PendingMatter.objects.create(person=person, kind=kind, opened_on=opened_on,
                                          note=note)
    record(actor, "awards.pending.open", person, unit=person.unit,
           changes={"pending": [None, str(matter)]}, reason=note)
    return matter


@transaction.atomic
def close_matter(actor, matter: PendingMatter, *, closed_on: datetime.date, note: str) -> None:
    """Side effect: audit entry `awards.pending.close`. A conditional update: closing twice
    reports that someone else already closed it."""
    if not note.strip():
        raise ValidationError({"note": _("Give the outcome.")})
    updated = PendingMatter.objects.filter(pk=matter.pk, closed_on__isnull=True).update(
        closed_on=closed_on)
    if updated != 1:
        raise ValidationError(_("This matter was already closed."))
    subject = matter.person or matter.collective
    record(actor, "awards.pending.close", subject, unit=subject.unit,
           changes={"pending": [str(matter), None]}, reason=note)
