"""The one function every domain function calls to leave a trace (directly, or through
`core.trail` for core and the apps below audit in the layering: accounts, organisations)."""


from django.db import models

from audit.models import AuditEntry
from core.trail import plain


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
        changes={k: plain(v) for k, v in (changes or {}).items()},
        reason=reason,
        ip_address=ip_address,
    )
