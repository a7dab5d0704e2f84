"""Writing the award ledger and the annual task ratings. Every ledger row is written by
`record_awards` (manual entry, decision issue, history import) and revoked by `revoke_award`."""

import datetime
import operator
from contextlib import contextmanager

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.domain.record import record
from awards.domain.authority import ensure_may_amend
from awards.enums import RecordSource
from awards.models import AwardRecord, TaskRating
from core.bulk import insert_objects, insert_rows
from core.caching import bump_version
from core.trail import diff, snapshot

# The version of the ledger's figures (core.caching): the dashboard's award counts are kept per
# version. Records saved or deleted one by one bump it through signals (awards.apps); the bulk
# inserts below bump it themselves.
LEDGER = "award-ledger"

LIVE_KEY_FIELDS = ("person_id", "collective_id", "household_id", "award_type_id", "year")


live_key = operator.attrgetter(*LIVE_KEY_FIELDS)
"""What may be held live only once: the subject, the award type and the year (a tuple; one C
call, since an import asks it of every row)."""


def conflict_message(existing: AwardRecord) -> str:
    """"Trần Văn An đã được khen Lao động tiên tiến năm 2024 theo Quyết định số 12/QĐ-UBND
    ngày 20/01/2025 (Chủ tịch UBND tỉnh)." — the same words on the form, the import row and
    the refused decision. An unsaved `existing` is an earlier entry of the same batch."""
    if existing.pk is None:
        return _("%(subject)s appears twice for %(award)s %(year)s.") % {
            "subject": existing.subject, "award": existing.award_type.name,
            "year": existing.year}
    return _("%(subject)s was already awarded %(award)s for %(year)s by decision %(number)s "
             "dated %(date)s (%(issuer)s).") % {
        "subject": existing.subject, "award": existing.award_type.name, "year": existing.year,
        "number": existing.decision_number,
        "date": existing.decision_date.strftime("%d/%m/%Y"), "issuer": existing.issuer}


def _held_by(subject: str, ids: set, keys: set) -> dict[tuple, AwardRecord]:
    """The live records of these subjects whose live key is one of `keys`. Asked by subject
    alone: with the award types and years in the WHERE clause too, SQLite's planner takes the
    (award_type, year) index for a batch of a few hundred subjects and reads every record of
    those awards and years, a scan that grows with the ledger (an import of 200,000 rows spent
    most of its commit there). The keys are compared here; only matches are loaded whole."""
    matching = [pk for pk, *key in AwardRecord.objects.filter(
        **{f"{subject}_id__in": ids}, revoked=False).order_by().values_list(
        "pk", *LIVE_KEY_FIELDS) if tuple(key) in keys]
    if not matching:
        return {}
    return {live_key(existing): existing for existing in AwardRecord.objects.filter(
        pk__in=matching).order_by().select_related("award_type", "person", "collective",
                                                   "household")}


def live_conflicts(entries: list[AwardRecord]) -> dict[int, AwardRecord]:
    """{index in `entries`: the live record it would duplicate}, in the ledger or earlier in
    `entries` itself. Revoked entries conflict with nothing. Two queries at most per subject
    kind, whatever the number of entries (an import batch, a decision of a thousand people),
    each by subject id (see `_held_by`)."""
    wanted = [(i, e) for i, e in enumerate(entries) if not e.revoked]
    keys = {live_key(e) for _i, e in wanted}
    held: dict[tuple, AwardRecord] = {}
    for subject in ("person", "collective", "household"):
        ids = {getattr(e, f"{subject}_id") for _i, e in wanted} - {None}
        if ids:
            held.update(_held_by(subject, ids, keys))
    found = {}
    for index, entry in wanted:
        key = live_key(entry)
        if key in held and (entry.pk is None or held[key].pk != entry.pk):  # not itself
            found[index] = held[key]
        else:
            held[key] = entry
    return found


class LedgerConflict(ValidationError):
    """Entries that would make a second live award; `conflicts` maps the entry's index to the
    live record (already in the ledger, or earlier in the same batch)."""

    def __init__(self, conflicts: dict[int, AwardRecord]):
        self.conflicts = conflicts
        super().__init__([conflict_message(existing) for existing in conflicts.values()])


def record_awards(entries: list[AwardRecord], *, ids: bool = True) -> list[AwardRecord]:
    """THE writer of the ledger (manual entry, decision issue, history import): check that no
    entry would be a second live award of its subject, award type and year, then write them
    all, or raise `LedgerConflict` having written nothing. The unique indexes
    (`award_one_live_*`) stand behind the check: a concurrent writer that slipped between check
    and write is reported the same way. The callers audit (one entry per manual record, the
    decision's `issued`, the import job's `commit`). With `ids=False` (a history import of a
    million rows, which needs no ids back) the rows go in by `core.bulk.insert_objects`, at
    the database's own speed, without the check beforehand (the indexes refuse, then the
    conflicts are named), and the entries keep `pk` None."""
    # A history import (ids=False) was checked against the ledger moments before, batch by
    # batch; it relies on the unique indexes alone and asks which entries conflict only when
    # they refuse the insert (a fifth of its commit time saved, the same LedgerConflict).
    conflicts = live_conflicts(entries) if ids else None
    if conflicts:
        raise LedgerConflict(conflicts)
    bump_version(LEDGER)
    with _refusal_named(lambda: entries), transaction.atomic():
        # (a savepoint: the caller's transaction survives a refusal)
        if not ids:
            insert_objects(entries)
            return entries
        return AwardRecord.objects.bulk_create(entries, batch_size=2000)


IMPORT_FIELDS = ("award_type_id", "person_id", "collective_id", "unit_id", "year", "kind",
                 "decision_number", "decision_date", "issuer", "issuer_unit_id", "revoked",
                 "revoked_reason", "source")
"""The fields of a history import's row, in the order `record_award_rows` takes them."""


def record_award_rows(rows: list) -> None:
    """`record_awards(…, ids=False)` for rows kept as tuples of IMPORT_FIELDS' values (the
    form a history import's check keeps them in, so that its commit builds no model instance
    per row): written at the database's own speed (`core.bulk.insert_rows`: COPY on
    PostgreSQL), relying on the unique indexes (`award_one_live_*`); on their refusal, the
    entries are built and `LedgerConflict` names the rows, having written nothing. The caller
    audits (the import job's `commit`)."""
    bump_version(LEDGER)
    with _refusal_named(lambda: [AwardRecord(**dict(zip(IMPORT_FIELDS, row, strict=True)))
                                 for row in rows]), transaction.atomic():
        insert_rows(AwardRecord, IMPORT_FIELDS, rows)


@contextmanager
def _refusal_named(entries):
    """A unique index's refusal of the live-award rule becomes `LedgerConflict` naming the
    entries (`entries()` builds them, only then); any other refusal is not ours to explain."""
    try:
        yield
    except IntegrityError:
        conflicts = live_conflicts(entries())
        if not conflicts:
            raise
        raise LedgerConflict(conflicts) from None


def _subject_unit(person=None, collective=None, household=None):
    subject = person or collective or household
    if subject is None:
        raise ValidationError(_("Choose the person, collective or household."))
    return subject.unit


@transaction.atomic
def record_award(actor, *, award_type, year: int, decision_number: str,
                 decision_date: datetime.date, issuer: str, issuer_unit=None, person=None,
                 collective=None, household=None, kind: str = "cong_trang",
                 source: str = "manual", note: str = "") -> AwardRecord:
    """Enter an award already granted (historical entry) through `record_awards`.
    `issuer_unit` is the granting authority (who may later revoke or correct it). Side effect:
    audit entry `awards.record.create`."""
    subject_kinds = award_type.subject_kinds
    kind_of = "individual" if person else "collective" if collective else "household"
    if kind_of not in subject_kinds:
        raise ValidationError(_("%(award)s is not awarded to a %(kind)s.") % {
            "award": award_type.name, "kind": kind_of})
    if year > decision_date.year:
        raise ValidationError({"year": _("The achievement year is after the decision date.")})
    entry = AwardRecord(award_type=award_type, year=year, kind=kind, person=person,
                        collective=collective, household=household,
                        unit=_subject_unit(person, collective, household),
                        decision_number=decision_number, decision_date=decision_date,
                        issuer=issuer, issuer_unit=issuer_unit, source=source, note=note)
    entry.full_clean(validate_constraints=False)  # the live-award rule: record_awards' message
    [entry] = record_awards([entry])
    record(actor, "awards.record.create", entry, unit=entry.unit,
           changes={"award": [None, award_type.code], "year": [None, year],
                    "decision": [None, decision_number],
                    "issuer_unit": [None, issuer_unit.code if issuer_unit else None]})
    return entry


def _check_act(entry, *, reason, number, date, issuer, keys) -> None:
    """The revoking or correcting decision is complete and dated between the award and today.
    `keys` name the form fields (number, date, issuer) the errors belong to."""
    errors = {}
    if not reason.strip():
        errors["reason"] = _("Give a reason.")
    if not number.strip():
        errors[keys[0]] = _("Give the number of the decision.")
    if not issuer.strip():
        errors[keys[2]] = _("Give the authority that issued the decision.")
    if date > timezone.localdate():
        errors[keys[1]] = _("A decision cannot be dated in the future.")
    elif date < entry.decision_date:
        errors[keys[1]] = _("The decision is dated before the award (%(date)s).") % {
            "date": entry.decision_date.strftime("%d/%m/%Y")}
    if errors:
        raise ValidationError(errors)


REVOKING_KEYS = ("decision_number", "decision_date", "decision_issuer")
CORRECTING_KEYS = ("correcting_number", "correcting_date", "correcting_issuer")


@transaction.atomic
def revoke_award(actor, entry: AwardRecord, *, reason: str, decision_number: str,
                 decision_date: datetime.date, decision_issuer: str) -> AwardRecord:
    """Revoke (thu hồi, hủy bỏ) an award by the revoking decision (Law 06/2022/QH15 Art. 93):
    only the staff of the granting authority or its successor may (awards.domain.authority);
    the record stays in the ledger, marked with that decision, and never counts again. Side
    effect: audit entry `awards.record.revoke` (old → new)."""
    entry = AwardRecord.objects.select_for_update().get(pk=entry.pk)
    ensure_may_amend(actor, entry)
    if entry.revoked:
        raise ValidationError(_("This award was already revoked on %(date)s.") % {
            "date": entry.revoked_on.strftime("%d/%m/%Y") if entry.revoked_on else "?"})
    _check_act(entry, reason=reason, number=decision_number, date=decision_date,
               issuer=decision_issuer, keys=REVOKING_KEYS)
    fields = ["revoked", "revoked_on", "revoked_reason", "revoking_decision_number",
              "revoking_decision_date", "revoking_issuer"]
    before = snapshot(entry, fields)
    entry.revoked, entry.revoked_on, entry.revoked_reason = True, decision_date, reason.strip()
    entry.revoking_decision_number = decision_number.strip()
    entry.revoking_decision_date = decision_date
    entry.revoking_issuer = decision_issuer.strip()
    entry.save(update_fields=fields)
    record(actor, "awards.record.revoke", entry, unit=entry.unit,
           changes=diff(before, snapshot(entry, fields)), reason=entry.revoked_reason)
    return entry


CORRECTABLE = ["award_type", "year", "kind", "decision_number", "decision_date", "issuer",
               "issuer_unit"]


@transaction.atomic
def correct_award(actor, entry: AwardRecord, *, reason: str, correcting_number: str,
                  correcting_date: datetime.date, correcting_issuer: str,
                  **values) -> AwardRecord:
    """Correct a record entered by hand or imported (`values`: any of CORRECTABLE) by the
    correcting decision — like a revocation, only the granting authority's staff may (Law
    06/2022/QH15 Art. 93, awards.domain.authority). A record written by a decision issued here
    is corrected by an amending decision instead (decisions.domain.corrections), so the
    decision, its certificate and the ledger never disagree. The corrected record must still be
    the only live award of its subject, award and year. Side effect: audit
    `awards.record.correct`, old → new, with the correcting decision."""
    entry = AwardRecord.objects.select_for_update().get(pk=entry.pk)
    ensure_may_amend(actor, entry)
    if entry.source == RecordSource.DECISION:
        raise ValidationError(_("This award was written by a decision issued here: correct it "
                                "with an amending decision from the decision's page."))
    _check_act(entry, reason=reason, number=correcting_number, date=correcting_date,
               issuer=correcting_issuer, keys=CORRECTING_KEYS)
    before = snapshot(entry, [*CORRECTABLE, "note"])
    for name, value in values.items():
        if name in CORRECTABLE:
            setattr(entry, name, value)
    entry.note = (_("Corrected by decision %(number)s dated %(date)s by %(issuer)s") % {
        "number": correcting_number.strip(), "date": correcting_date.strftime("%d/%m/%Y"),
        "issuer": correcting_issuer.strip()})[:255]
    if entry.year > entry.decision_date.year:
        raise ValidationError({"year": _("The achievement year is after the decision date.")})
    entry.full_clean(validate_constraints=False)
    if conflicts := live_conflicts([entry]):
        raise LedgerConflict(conflicts)
    try:
        with transaction.atomic():
            entry.save(update_fields=[*CORRECTABLE, "note"])
    except IntegrityError:
        raise LedgerConflict(live_conflicts([entry])) from None
    record(actor, "awards.record.correct", entry, unit=entry.unit, reason=reason.strip(),
           changes=diff(before, snapshot(entry, [*CORRECTABLE, "note"])))
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
