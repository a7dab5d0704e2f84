"""The working calendar as stored: building `WorkCalendar` from `PublicHoliday` rows, seeding
the default holidays, and the two changes staff make on the holidays page.

Caching: `work_calendar()` keeps the built calendar in the process and checks, with one
aggregate query per call, whether the table changed (row count and latest `updated_at`). That
is correct across processes (web workers and the task worker each notice another's edit on
their next call) without a cache server, provided every writer sets `updated_at` — `save()`
does, and the functions below are the only writers. Code that computes many deadlines in a
loop calls `work_calendar()` once and reuses the result.
"""

import threading
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Max
from django.utils.translation import gettext as _

from core.calendar import WorkCalendar, default_holidays
from core.enums import DAY_OFF_KINDS, DayKind
from core.models import PublicHoliday
from core.trail import record

SEED_YEARS = (2015, 2035)

_lock = threading.Lock()
_cached: tuple[tuple, WorkCalendar] | None = None


def _table_version() -> tuple:
    stats = PublicHoliday.objects.aggregate(n=Count("id"), last=Max("updated_at"))
    return stats["n"], stats["last"]


def work_calendar() -> WorkCalendar:
    """The working calendar from the active rows (see the module docstring for caching)."""
    global _cached
    version = _table_version()
    cached = _cached
    if cached is not None and cached[0] == version:
        return cached[1]
    rows = PublicHoliday.objects.filter(is_active=True).values_list("date", "kind")
    off = [d for d, kind in rows if kind in DAY_OFF_KINDS]
    working = [d for d, kind in rows if kind == DayKind.WORKING_SATURDAY]
    calendar = WorkCalendar(off, working)
    with _lock:
        _cached = (version, calendar)
    return calendar


def forget_work_calendar() -> None:
    """Drop the process cache (called by every change below, so the editing process never
    waits for the version check to notice its own change)."""
    global _cached
    with _lock:
        _cached = None


def seed_holidays(from_year: int, to_year: int, *, model=PublicHoliday) -> int:
    """Insert the default holidays of the years from..to (inclusive) that are not in the table
    yet; existing rows — perhaps edited or deactivated by staff — are left alone, so running it
    again changes nothing. `model` is the historical model in a data migration. Returns the
    number of rows added. No audit entry: this is the law's default, not someone's decision."""
    existing = set(model.objects.filter(date__year__gte=from_year - 1,
                                        date__year__lte=to_year + 1)
                   .values_list("date", flat=True))
    new = []
    for year in range(from_year, to_year + 1):
        for day, name, kind in default_holidays(year):
            if day not in existing:
                existing.add(day)
                new.append(model(date=day, name=name, kind=kind,
                                 note="Bộ luật Lao động 2019, Điều 111–112"))
    model.objects.bulk_create(new)
    forget_work_calendar()
    return len(new)


def holidays_of_year(year: int):
    return PublicHoliday.objects.filter(date__year=year).order_by("date")


def _check_kind(day: date, kind: str) -> None:
    if kind == DayKind.WORKING_SATURDAY and day.weekday() < 5:
        raise ValidationError({"day": _("A make-up working day must be a Saturday or Sunday.")})


@transaction.atomic
def add_day(actor, *, day: date, name: str, kind: str, note: str = "") -> PublicHoliday:
    """Add a date to the calendar (a day off announced for the year, or a make-up working
    Saturday). A deactivated row of the same date is brought back with the new values; an
    active one is refused. Side effects: the row; audit entry `core.holiday.add`; the process
    cache of `work_calendar()` is dropped."""
    _check_kind(day, kind)
    holiday = PublicHoliday.objects.select_for_update().filter(date=day).first()
    if holiday is not None and holiday.is_active:
        raise ValidationError({"day": _("%(date)s is already in the calendar (%(name)s).") % {
            "date": f"{day:%d/%m/%Y}", "name": holiday.name}})
    old = None if holiday is None else [holiday.name, holiday.kind, False]
    if holiday is None:
        holiday = PublicHoliday(date=day)
    holiday.name, holiday.kind, holiday.note, holiday.is_active = name, kind, note, True
    holiday.save()
    record(actor, "core.holiday.add", holiday, reason=note, changes={
        "name": [old and old[0], name], "kind": [old and old[1], kind],
        "is_active": [old and old[2], True]})
    transaction.on_commit(forget_work_calendar)
    forget_work_calendar()
    return holiday


@transaction.atomic
def deactivate_day(actor, holiday: PublicHoliday, *, reason: str) -> PublicHoliday:
    """Take a date out of the calendar (announced in error, or replaced by the government's
    yearly decision). Never deleted: the row stays, inactive, with the reason in its note.
    Side effects: UPDATE of the row; audit entry `core.holiday.deactivate` with the reason;
    the process cache of `work_calendar()` is dropped."""
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason for removing this day.")})
    holiday = PublicHoliday.objects.select_for_update().get(pk=holiday.pk)
    if not holiday.is_active:
        raise ValidationError(_("This day was already removed from the calendar."))
    holiday.is_active = False
    holiday.note = f"{holiday.note}\n{reason}".strip()
    holiday.save(update_fields=["is_active", "note", "updated_at"])
    record(actor, "core.holiday.deactivate", holiday, changes={"is_active": [True, False]},
           reason=reason)
    transaction.on_commit(forget_work_calendar)
    forget_work_calendar()
    return holiday
