"""The audit trail as the floors below the audit app write to it. Every change is audited by
`audit.domain.record.record`, but core imports no app, and accounts and organisations sit below
audit in the layering (the log screen reads their scope): the audit app hands its writer over
when it starts (`AuditConfig.ready`), as the apps hand their home panels over (core/home.py).
Until it has, a change refuses to run rather than go unrecorded. `snapshot`/`diff` (the
{field: [old, new]} of a change) are here for every app.
"""

import datetime
import decimal
import uuid

from django.core.exceptions import ImproperlyConfigured
from django.db import models

_writer = None


def install(writer) -> None:
    global _writer
    _writer = writer


def record(actor, action: str, obj=None, **details):
    """`audit.domain.record.record(actor, action, obj, **details)`, which it forwards to."""
    if _writer is None:
        raise ImproperlyConfigured("core.trail: the audit app did not install its writer")
    return _writer(actor, action, obj, **details)


def plain(value):
    """Make a field value JSON-safe and readable in the log."""
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, (decimal.Decimal, uuid.UUID)):
        return str(value)
    if isinstance(value, (list, tuple, set)):
        return [plain(v) for v in value]
    return value


def snapshot(obj: models.Model, fields: list[str]) -> dict:
    """The current values of `fields` on `obj`, ready for `diff`."""
    return {name: plain(getattr(obj, name)) for name in fields}


def diff(before: dict, after: dict) -> dict:
    """{field: [old, new]} for the fields whose value changed."""
    return {k: [before.get(k), after.get(k)] for k in after if before.get(k) != after.get(k)}
