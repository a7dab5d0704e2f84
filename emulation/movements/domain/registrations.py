"""Emulation registrations (đăng ký thi đua): a unit's aims in a movement, accepted or returned
by the level above.

Decree 152/2025/NĐ-CP and Law 06/2022/QH15 Art. 10: collectives and individuals register for the
emulation titles at the start of the movement or year; the managing level accepts the
registration. States: draft → submitted → approved | returned; returned → submitted again.
The machine is declared once as data (`REGISTRATION`, core/state.py); one function per change,
in a transaction with the registration locked, audited through the table.
"""

import re

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from audit.domain.record import record
from awards.models import AwardType
from core import state
from core.text import fold_join
from core.trail import diff
from emulation.movements.domain.queries.movements import takes_part
from emulation.movements.enums import REGISTRATION_EDITABLE, RUNNING_STATES, RegistrationState
from emulation.movements.models import Registration, RegistrationEntry
from organisations.models import Collective, Person, UnitClosure

CCCD = re.compile(r"^\d{12}$")


def parse_entries(text: str, unit) -> list[tuple[object, AwardType]]:
    """Entries from lines "<subject>; <award code>", the subject being a citizen ID (a person
    of the unit or below) or the name of a collective of the unit or below. Raises a
    ValidationError on `entries` naming the line at fault."""
    below = UnitClosure.objects.filter(ancestor_id=unit.pk).values("descendant_id")
    awards = {a.code: a for a in AwardType.objects.filter(is_active=True)}
    entries, seen = [], set()
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        subject_text, _sep, code = (part.strip() for part in line.rpartition(";"))
        award = awards.get(code)
        if not subject_text or award is None:
            raise ValidationError({"entries": _(
                "Line %(line)s: write “citizen ID or collective name; award code”, with a code "
                "of the award catalogue.") % {"line": number}})
        if CCCD.match(subject_text):
            subject = Person.objects.filter(cccd=subject_text, unit_id__in=below).first()
            kind = "individual"
        else:
            subject = Collective.objects.filter(search_text=fold_join(subject_text),
                                                unit_id__in=below).first()
            kind = "collective"
        if subject is None:
            raise ValidationError({"entries": _(
                "Line %(line)s: nobody called %(subject)s in %(unit)s or the units below.") % {
                "line": number, "subject": subject_text, "unit": unit.name}})
        if award.subject_kinds and kind not in award.subject_kinds:
            raise ValidationError({"entries": _(
                "Line %(line)s: %(award)s is not awarded to %(subject)s's kind of subject.") % {
                "line": number, "award": award.name, "subject": subject_text}})
        if (kind, subject.pk, award.pk) in seen:
            raise ValidationError({"entries": _("Line %(line)s repeats an earlier line.") % {
                "line": number}})
        seen.add((kind, subject.pk, award.pk))
        entries.append((subject, award))
    return entries


def entries_text(registration: Registration) -> str:
    """The entries in the form `parse_entries` reads (to edit them)."""
    return "\n".join(
        f"{e.person.cccd if e.person_id else e.collective.name}; {e.award_type.code}"
        for e in registration.entries.select_related("person", "collective", "award_type"))


def _entries_label(registration: Registration) -> list[str]:
    return [f"{e.subject}: {e.award_type.code}" for e in registration.entries.select_related(
        "person", "collective", "award_type")]


def _set_entries(registration: Registration, entries) -> None:
    registration.entries.all().delete()
    RegistrationEntry.objects.bulk_create(
        RegistrationEntry(registration=registration, award_type=award,
                          person=subject if isinstance(subject, Person) else None,
                          collective=subject if isinstance(subject, Collective) else None)
        for subject, award in entries)


@transaction.atomic
def create_registration(movement, unit, *, actor, year: int, pledges: str = "",
                        entries=()) -> Registration:
    """A draft registration of `unit` (taking part in the running movement) for `year`.
    Side effects: Registration and RegistrationEntry rows; audit entry
    `emulation.registration.create`."""
    if movement.state not in RUNNING_STATES:
        raise ValidationError(_("%(code)s is not running; units register while it runs.") % {
            "code": movement.code})
    if unit.valid_to is not None:
        raise ValidationError({"unit": _("%(unit)s was dissolved on %(date)s and can no "
                                         "longer register.") % {
            "unit": unit.name, "date": f"{unit.valid_to:%d/%m/%Y}"}})
    if not takes_part(movement, unit):
        raise ValidationError({"unit": _("%(unit)s does not take part in %(code)s.") % {
            "unit": unit.name, "code": movement.code}})
    try:
        with transaction.atomic():
            registration = Registration.objects.create(movement=movement, unit=unit, year=year,
                                                       pledges=pledges.strip())
    except IntegrityError:
        raise ValidationError({"unit": _("%(unit)s has already registered for %(year)s.") % {
            "unit": unit.name, "year": year}}) from None
    _set_entries(registration, entries)
    record(actor, "emulation.registration.create", registration, unit=unit,
           changes={"pledges": [None, registration.pledges],
                    "entries": [None, _entries_label(registration)]})
    return registration


def _describe(registration: Registration) -> dict:
    # The refusals have always said "… is approved": the state in lower case.
    return {"unit": registration.unit.name, "state": registration.get_state_display().lower()}


REGISTRATION = state.Machine(
    name="emulation.registration", model=Registration, states=RegistrationState, audit=record,
    audit_context=lambda registration: {"unit": registration.unit},
    related=("movement", "unit"), describe=_describe,
    transitions=(
        state.step("submit", REGISTRATION_EDITABLE, RegistrationState.SUBMITTED,
                   gettext_lazy("Submit"), permission="emulation.submit_registration",
                   refusal=gettext_lazy("The registration of %(unit)s is %(state)s; it cannot "
                                        "be submitted.")),
        state.step("approve", RegistrationState.SUBMITTED, RegistrationState.APPROVED,
                   gettext_lazy("Approve"), permission="emulation.decide_registration",
                   irreversible=True, refusal=gettext_lazy(
                       "The registration of %(unit)s is %(state)s; only a submitted one can be "
                       "approved.")),
        state.step("return", RegistrationState.SUBMITTED, RegistrationState.RETURNED,
                   gettext_lazy("Return"), permission="emulation.decide_registration",
                   needs_reason=True, refusal=gettext_lazy(
                       "The registration of %(unit)s is %(state)s; only a submitted one can be "
                       "returned.")),
    ))


@transaction.atomic
def update_registration(registration: Registration, *, actor, pledges: str,
                        entries) -> Registration:
    """Change the pledges and entries of a draft or returned registration. Side effect: audit
    entry `emulation.registration.update` with old → new values."""
    registration = state.lock(REGISTRATION, registration)
    if registration.state not in REGISTRATION_EDITABLE:  # an edit, not a step of the machine
        raise ValidationError(_("The registration of %(unit)s is %(state)s; it can no longer "
                                "be changed.") % _describe(registration))
    before = {"pledges": registration.pledges, "entries": _entries_label(registration)}
    registration.pledges = pledges.strip()
    registration.save(update_fields=["pledges", "updated_at"])
    _set_entries(registration, entries)
    changes = diff(before, {"pledges": registration.pledges,
                            "entries": _entries_label(registration)})
    if changes:
        record(actor, "emulation.registration.update", registration, unit=registration.unit,
               changes=changes)
    return registration


@transaction.atomic
def submit_registration(registration: Registration, *, actor) -> Registration:
    """draft | returned → submitted to the level above. Refused without any entry or pledge.
    Side effect: audit entry `emulation.registration.submit`."""
    registration = state.lock(REGISTRATION, registration)
    state.check(REGISTRATION, registration, "submit")  # the state first, then the content
    if not registration.pledges and not registration.entries.exists():
        raise ValidationError(_("Register at least one title or write the pledges first."))
    return state.transition(registration, REGISTRATION, "submit", actor,
                            fields={"return_reason": ""}, locked=True)


@transaction.atomic
def approve_registration(registration: Registration, *, actor) -> Registration:
    """submitted → approved by the level above. Side effect: audit entry
    `emulation.registration.approve`; from then on `registered(...)` answers True for its
    entries."""
    return state.transition(registration, REGISTRATION, "approve", actor)


@transaction.atomic
def return_registration(registration: Registration, *, actor, reason: str) -> Registration:
    """submitted → returned to the unit with the reason, to be corrected and submitted again.
    Side effect: audit entry `emulation.registration.return`."""
    if not reason.strip():  # before the state, as it always was (the table checks it after)
        raise ValidationError({"reason": _("Give a reason.")})
    return state.transition(registration, REGISTRATION, "return", actor, reason=reason.strip(),
                            fields={"return_reason": reason.strip()})


def award_choices() -> list[tuple[str, str]]:
    """Titles first, then forms, as (code, name) for the help text of the entries field."""
    return list(AwardType.objects.filter(is_active=True)
                .order_by("-category", "sort_order")  # "title" sorts after "form"
                .values_list("code", "name"))
