"""Emulation staff of units and their training (seed 000 §2: build a competent staff;
seed 001 §7: train the staff who do emulation work, full-time or part-time)."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core.trail import record
from organisations.models import EmulationStaff, TrainingSession


@transaction.atomic
def register_staff(actor, **fields) -> EmulationStaff:
    """Side effect: audit entry `organisations.staff.register`."""
    if EmulationStaff.objects.filter(person=fields["person"], unit=fields["unit"],
                                     end_date__isnull=True).exists():
        raise ValidationError({"person": _("%(name)s is already registered as emulation staff of "
                                           "this unit.") % {"name": fields["person"].full_name}})
    staff = EmulationStaff(**fields)
    staff.full_clean()
    staff.save()
    record(actor, "organisations.staff.register", staff, unit=staff.unit,
           changes={"mode": [None, staff.mode], "duty": [None, staff.duty]})
    return staff


@transaction.atomic
def end_staff(actor, staff: EmulationStaff, *, end_date: datetime.date, reason: str) -> None:
    """Close a staff period. Side effect: audit entry `organisations.staff.end`."""
    if not reason.strip():
        raise ValidationError({"reason": _("Give a reason.")})
    staff = EmulationStaff.objects.select_for_update().get(pk=staff.pk)
    if staff.end_date is not None:
        raise ValidationError(_("This staff period has already ended."))
    if end_date < staff.start_date:
        raise ValidationError({"end_date": _("The end date is before the start date.")})
    staff.end_date = end_date
    staff.save(update_fields=["end_date"])
    record(actor, "organisations.staff.end", staff, unit=staff.unit,
           changes={"end_date": [None, end_date.isoformat()]}, reason=reason)


@transaction.atomic
def create_training(actor, *, attendees=(), **fields) -> TrainingSession:
    """Side effect: audit entry `organisations.training.create`."""
    session = TrainingSession(**fields)
    if session.end_date and session.start_date and session.end_date < session.start_date:
        raise ValidationError({"end_date": _("The end date is before the start date.")})
    session.full_clean()
    session.save()
    session.attendees.set(attendees)
    record(actor, "organisations.training.create", session, unit=session.organiser,
           changes={"attendees": [None, len(attendees)]})
    return session


@transaction.atomic
def set_attendance(actor, session: TrainingSession, attendees) -> None:
    """Replace the attendance list. Side effect: audit entry with the counts."""
    before = session.attendees.count()
    session.attendees.set(attendees)
    record(actor, "organisations.training.attendance", session, unit=session.organiser,
           changes={"attendees": [before, len(attendees)]})
