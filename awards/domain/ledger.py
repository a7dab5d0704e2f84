"""Writing the award ledger and the annual task ratings."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from audit.domain.record import record
from awards.models import AwardRecord, TaskRating


def _subject_unit(person=None, collective=None, household=None):
    subject = person or collective or household
    if subject is None:
        raise ValidationError(_("Choose the person, collective or household."))
    return subject.unit


@transaction.atomic
def record_award(actor, *, award_type, year: int, decision_number: str,
                 decision_date: datetime.date, issuer: str, person=None, collective=None,
                 household=None, kind: str = "cong_trang", source: str = "manual",
                 note: str = "") -> AwardRecord:
    """Enter an award already granted (historical entry). Side effect: audit entry
    `awards.record.create`. Decisions issued in TĐKT write the ledger through the decisions app."""
    subject_kinds = award_type.subject_kinds
    kind_of = "individual" if person else "collective" if collective else "household"
    if kind_of not in subject_kinds:
        raise ValidationError(_("%(award)s is not awarded to a %(kind)s.") % {
            "award": award_type.name, "kind": kind_of})
    if year > decision_date.year:
        raise ValidationError({"year": _("The achievement year is after the decision date.")})
    duplicate = AwardRecord.objects.filter(award_type=award_type, year=year, person=person,
                                           collective=collective, household=household,
                                           revoked=False).first()
    if duplicate is not None:
        raise ValidationError(_("Already recorded: %(award)s %(year)s, decision %(number)s.") % {
            "award": award_type.name, "year": year, "number": duplicate.decision_number})
    entry = AwardRecord(award_type=award_type, year=year, kind=kind, person=person,
                        collective=collective, household=household,
                        unit=_subject_unit(person, collective, household),
                        decision_number=decision_number, decision_date=decision_date,
                        issuer=issuer, source=source, note=note)
    entry.full_clean()
    entry.save()
    record(actor, "awards.record.create", entry, unit=entry.unit,
           changes={"award": [None, award_type.code], "year": [None, year],
                    "decision": [None, decision_number]})
    return entry


@transaction.atomic
def revoke_award(actor, entry: AwardRecord, *, reason: str, on: datetime.date) -> AwardRecord:
    """Revoke (thu hồi, hủy bỏ) an award (Law 2022 Art. 93): it stays in the ledger, marked, and
    never counts again for eligibility. Side effect: audit entry `awards.record.revoke`."""
    if not reason.strip():
        raise ValidationError({"reason": _("Give a reason.")})
    entry = AwardRecord.objects.select_for_update().get(pk=entry.pk)
    if entry.revoked:
        raise ValidationError(_("This award was already revoked on %(date)s.") % {
            "date": entry.revoked_on.strftime("%d/%m/%Y") if entry.revoked_on else "?"})
    entry.revoked, entry.revoked_on, entry.revoked_reason = True, on, reason
    entry.save(update_fields=["revoked", "revoked_on", "revoked_reason"])
    record(actor, "awards.record.revoke", entry, unit=entry.unit,
           changes={"revoked": [False, True]}, reason=reason)
    return entry


@transaction.atomic
def set_rating(actor, *, year: int, rating: str, person=None, collective=None,
               source: str = "manual") -> TaskRating:
    """Record or correct the annual task rating. Side effect: audit entry with old → new."""
    subject = person or collective
    existing = TaskRating.objects.select_for_update().filter(
        person=person, collective=collective, year=year).first()
    before = existing.rating if existing else None
    if existing is None:
        existing = TaskRating(person=person, collective=collective, year=year,
                              unit=subject.unit, source=source)
    existing.rating = rating
    existing.full_clean()
    existing.save()
    if before != rating:
        record(actor, "awards.rating.set", subject, unit=subject.unit,
               changes={f"rating {year}": [before, rating]})
    return existing
