"""Individuals: creation with CCCD checks, corrections, and their employment over time."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.domain.scope import scope_unit_ids
from accounts.enums import RECORD_KEEPING_ROLES
from core.trail import diff, record, snapshot
from organisations.domain.cccd import cccd_errors
from organisations.models import Employment, Person, Unit

PERSONAL_FIELDS = ["cccd", "full_name", "gender", "birth_date", "ethnicity", "phone", "email",
                   "deceased", "death_year"]
JOB_FIELDS = ["position", "title", "is_leader", "is_direct_worker"]
ONE_DAY = datetime.timedelta(days=1)


def check_cccd(cccd: str, gender: str | None, birth_date, *, exclude_pk=None,
               actor=None) -> None:
    """Raise a ValidationError on the `cccd` field naming what is wrong (structure or duplicate).
    A duplicate is named only to an `actor` who keeps the holder's records (None: a script)."""
    errors = cccd_errors(cccd, gender, birth_date)
    if not errors:
        clash = Person.objects.filter(cccd=cccd).exclude(pk=exclude_pk).first()
        if clash is not None:
            errors = [taken_message(actor, cccd, clash.full_name, clash.unit_id)]
    if errors:
        raise ValidationError({"cccd": errors})


def taken_message(actor, cccd: str, name: str, unit_id: int | None, *, scope=False) -> str:
    """"Already belongs to <name>" inside the actor's record-keeping scope; outside it only
    "already registered", never who or where. `scope`: the actor's unit ids if already known
    (None: every unit), False to compute them."""
    if scope is False:
        scope = None if actor is None else scope_unit_ids(actor, RECORD_KEEPING_ROLES)
    if scope is None or unit_id in scope:
        return _("Citizen ID %(cccd)s already belongs to %(name)s.") % {"cccd": cccd,
                                                                        "name": name}
    return _("Citizen ID %(cccd)s is already registered in another unit.") % {"cccd": cccd}


def _check_unit_open(unit: Unit, on: datetime.date) -> None:
    if unit.valid_to is not None and on > unit.valid_to:
        raise ValidationError({"unit": _("“%(name)s” ended on %(date)s; choose its successor.") % {
            "name": unit.name, "date": unit.valid_to.strftime("%d/%m/%Y")}})


@transaction.atomic
def create_person(actor, *, unit: Unit | None, start_date: datetime.date | None = None,
                  **fields) -> Person:
    """Register an individual, with a first employment in `unit` from `start_date`.

    Side effects: Person and Employment rows, audit entry `organisations.person.create`.
    """
    check_cccd(fields["cccd"], fields.get("gender"), fields.get("birth_date"), actor=actor)
    job = {k: fields.pop(k) for k in JOB_FIELDS if k in fields}
    person = Person(unit=unit, **fields, **job)
    person.full_clean()
    person.save()
    if unit is not None and start_date is not None:
        _check_unit_open(unit, start_date)
        Employment.objects.create(person=person, unit=unit, start_date=start_date, **job)
    record(actor, "organisations.person.create", person, unit=unit,
           changes={k: [None, v] for k, v in snapshot(person, PERSONAL_FIELDS + JOB_FIELDS).items()
                    if k != "cccd"} | {"cccd": [None, "***" + person.cccd[-3:]]})
    return person


def _check_death(person: Person) -> None:
    if person.death_year is None:
        return
    if not person.deceased:
        raise ValidationError({"death_year": _("A year of death needs “deceased” ticked.")})
    if not person.birth_date.year <= person.death_year <= timezone.localdate().year:
        raise ValidationError({"death_year": _(
            "The year of death must lie between the year of birth and this year.")})


@transaction.atomic
def update_person(actor, person: Person, **fields) -> Person:
    """Correct personal data (name, CCCD, gender, birth date, ethnicity, contact).
    Side effect: audit entry `organisations.person.update` with old → new values."""
    person = Person.objects.select_for_update().get(pk=person.pk)
    before = snapshot(person, PERSONAL_FIELDS)
    for name, value in fields.items():
        if name not in PERSONAL_FIELDS:
            raise ValidationError(_("Field %(name)s cannot be edited here.") % {"name": name})
        setattr(person, name, value)
    _check_death(person)
    person.cccd = (person.cccd or "").strip() or None
    if person.cccd is None and not person.deceased:
        raise ValidationError({"cccd": _(
            "Give the citizen ID: only a deceased person's record may be without one.")})
    if person.cccd:
        check_cccd(person.cccd, person.gender, person.birth_date, exclude_pk=person.pk,
                   actor=actor)
    person.full_clean()
    person.save()
    changes = diff(before, snapshot(person, PERSONAL_FIELDS))
    if changes:
        record(actor, "organisations.person.update", person, unit=person.unit, changes=changes)
    return person


@transaction.atomic
def transfer_person(actor, person: Person, *, unit: Unit, start_date: datetime.date,
                    note: str = "", **job) -> Employment:
    """Start a new employment (another unit, or a new position in the same one).

    The open employment ends the day before `start_date`; the person's current unit and job
    fields follow the new one. Side effects: Employment rows, audit entry
    `organisations.person.transfer`.
    """
    person = Person.objects.select_for_update().get(pk=person.pk)
    _check_unit_open(unit, start_date)
    current = person.employments.filter(end_date__isnull=True).first()
    if current is not None:
        if start_date <= current.start_date:
            raise ValidationError({"start_date": _("The new position must start after the current "
                                                   "one (%(date)s).") % {
                "date": current.start_date.strftime("%d/%m/%Y")}})
        current.end_date = start_date - ONE_DAY
        current.save(update_fields=["end_date"])
    job = {k: job.get(k, getattr(person, k)) for k in JOB_FIELDS}
    employment = Employment.objects.create(person=person, unit=unit, start_date=start_date,
                                           note=note, **job)
    before = {"unit": str(person.unit or "")} | snapshot(person, JOB_FIELDS)
    person.unit = unit
    for name, value in job.items():
        setattr(person, name, value)
    person.save(update_fields=["unit", *JOB_FIELDS])
    record(actor, "organisations.person.transfer", person, unit=unit,
           changes=diff(before, {"unit": str(unit)} | snapshot(person, JOB_FIELDS)), reason=note)
    return employment


@transaction.atomic
def end_employment(actor, person: Person, *, end_date: datetime.date, reason: str) -> None:
    """Close the open employment (retirement, leaving the public service). The person keeps
    their last unit, so their record stays in that unit's scope. Side effect: audit entry."""
    if not reason.strip():
        raise ValidationError({"reason": _("Give a reason.")})
    person = Person.objects.select_for_update().get(pk=person.pk)
    current = person.employments.filter(end_date__isnull=True).first()
    if current is None:
        raise ValidationError(_("%(name)s has no open employment.") % {"name": person.full_name})
    if end_date < current.start_date:
        raise ValidationError({"end_date": _("The end date is before the start of the current "
                                             "position.")})
    current.end_date = end_date
    current.save(update_fields=["end_date"])
    record(actor, "organisations.person.end_employment", person, unit=person.unit,
           changes={"end_date": [None, end_date.isoformat()]}, reason=reason)


@transaction.atomic
def register_deceased(actor, *, full_name: str, gender: str, birth_year: int, unit: Unit,
                      death_year: int | None = None, source: str) -> Person:
    """Register a deceased person who has no citizen ID (a martyr's mother, a resistance fighter
    who died before CCCDs existed), so that a posthumous award can name them. Only the year of
    birth is known from such records. `source` says where the record comes from (a backlog
    claim's code), kept in the audit entry.

    Side effects: a Person without CCCD and without employment, audit
    `organisations.person.register_deceased`."""
    today = timezone.localdate()
    if not 1850 <= birth_year <= today.year:
        raise ValidationError({"birth_year": _("Year of birth %(year)s is not plausible.") % {
            "year": birth_year}})
    if death_year is not None and not birth_year <= death_year <= today.year:
        raise ValidationError({"death_year": _(
            "The year of death must lie between the year of birth and this year.")})
    person = Person(full_name=full_name.strip(), gender=gender, unit=unit, cccd=None,
                    birth_date=datetime.date(birth_year, 1, 1), birth_year_only=True,
                    deceased=True, death_year=death_year)
    person.full_clean()
    person.save()
    record(actor, "organisations.person.register_deceased", person, unit=unit,
           changes={"full_name": [None, person.full_name], "birth_year": [None, birth_year],
                    "death_year": [None, death_year], "source": [None, source]})
    return person
