"""The one function every domain function calls to leave a trace."""

import datetime
import decimal
import uuid

from django.db import models

from audit.models import AuditEntry


def _plain(value):
    """Make a field value JSON-safe and readable in the log."""
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, (decimal.Decimal, uuid.UUID)):
        return str(value)
    if isinstance(value, (list, tuple, set)):
        return [_plain(v) for v in value]
    return value


def snapshot(obj: models.Model, fields: list[str]) -> dict:
    """The current values of `fields` on `obj`, ready for `diff`."""
    return {name: _plain(getattr(obj, name)) for name in fields}


def diff(before: dict, after: dict) -> dict:
    """{field: [old, new]} for the fields whose value changed."""
    return {k: [before.get(k), after.get(k)] for k in after if before.get(k) != after.get(k)}


def record(actor, action: str, obj: models.Model | None = None, *, changes: dict | None = None,
           unit=None, reason: str = "", label: str | None = None, ip_address: str | None = None,
           object_type: str | None = None) -> AuditEntry:
    """Write one audit entry. Call inside the same transaction as the change it describes."""
    actor_obj = actor if getattr(actor, "is_authenticated", False) else None
    return AuditEntry.objects.create(
        actor=actor_obj,
        actor_label=actor_obj.get_username() if actor_obj else "system",
        action=action,
        object_type=object_type or (obj._meta.label_lower if obj is not None else ""),
        object_id=str(getattr(obj, "public_id", None) or obj.pk or "") if obj is not None else "",
        object_label=(label if label is not None else str(obj) if obj is not None else "")[:300],
        unit=unit,
        changes={k: _plain(v) for k, v in (changes or {}).items()},
        reason=reason,
        ip_address=ip_address,
    )
