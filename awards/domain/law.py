"""Maintaining the law's dated values (`LegalValue`) on the law screen. A new dated value closes
the one it replaces; a correction changes a row in place. Both are audited, and both settle a
difference with the data files: the file's current fields become the row's baseline (`seeded`),
so the sync reports the row again only when the file changes again (awards/data/sync.py)."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from audit.domain.record import record
from awards.data.lawbook import criteria_rows, general_rows
from awards.data.sync import plain
from awards.models import LegalValue

ONE_DAY = datetime.timedelta(days=1)
FIELDS = ("value", "citation", "verified")


def file_rows() -> dict:
    """The data files' rows not tied to an award, by natural key (key, valid_from)."""
    return {(r.key, r.valid_from): r for r in (*general_rows(), *criteria_rows())}


def unsettled(row: LegalValue, files: dict):
    """The data file's row when it differs from `row` and the difference was not settled."""
    found = files.get((row.key, row.valid_from))
    if found is None or plain(found) == plain(row) or row.seeded == plain(found):
        return None
    return found


def _same_shape(old, new) -> bool:
    numbers = (int, float)
    if isinstance(old, bool) or isinstance(new, bool):
        return isinstance(old, bool) and isinstance(new, bool)
    if isinstance(old, numbers):
        return isinstance(new, numbers)
    return type(old) is type(new)


def _check(key: str, previous, value, citation: str) -> None:
    if not citation.strip():
        raise ValidationError({"citation": _("Cite the legal basis of the value.")})
    if previous is not None and not _same_shape(previous, value):
        raise ValidationError({"value": _(
            "“%(key)s” holds a value like %(example)s; %(value)s is not of that kind.") % {
                "key": key, "example": previous, "value": value}})


@transaction.atomic
def set_legal_value(actor, key: str, *, value, valid_from: datetime.date, citation: str,
                    verified: bool) -> LegalValue:
    """The value of `key` in force from `valid_from`; the open value before it ends the day
    before. A value already starting on or after that date refuses (history is edited forward
    only). Side effect: audit entry `awards.law.set`."""
    rows = LegalValue.objects.select_for_update().filter(key=key)
    previous = rows.filter(valid_from__lt=valid_from).order_by("-valid_from").first()
    _check(key, previous.value if previous else None, value, citation)
    if rows.filter(valid_from__gte=valid_from).exists():
        raise ValidationError({"valid_from": _("A value already starts on or after this date.")})
    if previous is not None and previous.valid_to is None:
        previous.valid_to = valid_from - ONE_DAY
        previous.save(update_fields=["valid_to"])
    new = LegalValue.objects.create(key=key, value=value, valid_from=valid_from,
                                    citation=citation, verified=verified)
    record(actor, "awards.law.set", new, changes={key: [previous.value if previous else None,
                                                        value]},
           reason=f"{citation} ({valid_from.isoformat()})")
    return new


@transaction.atomic
def correct_legal_value(actor, row: LegalValue, *, value, citation: str, verified: bool,
                        reason: str) -> LegalValue:
    """Correct a row in place (a wrong number, a better citation, a sign-off). Settles any
    difference with the data file (the file's fields become the baseline). Side effect: audit
    entry `awards.law.correct` with every changed field old → new and the reason."""
    row = LegalValue.objects.select_for_update().get(pk=row.pk)
    _check(row.key, row.value, value, citation)
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the value is corrected.")})
    before = {name: getattr(row, name) for name in FIELDS}
    row.value, row.citation, row.verified = value, citation, verified
    found = file_rows().get((row.key, row.valid_from))
    if found is not None:
        row.seeded = plain(found)
    row.save(update_fields=[*FIELDS, "seeded"])
    changes = {name: [before[name], getattr(row, name)] for name in FIELDS
               if before[name] != getattr(row, name)}
    record(actor, "awards.law.correct", row, changes=changes, reason=reason)
    return row
