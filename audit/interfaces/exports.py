"""Export of the audit log through the one streamed exporter
(core.interfaces.exports.export): the page's filtered queryset, rows straight from the
database CHUNK at a time (never model instances: the log can hold millions of rows), and only
the page's columns — no IP address, no object ids."""

from collections.abc import Iterable

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from core.interfaces.exports import CHUNK, export

FIELDS = ("at", "actor_label", "action", "object_label", "unit__name", "changes", "reason")
NONE = "—"  # what the page shows for an empty old or new value (default_if_none)


def audit_header() -> list[str]:
    return [_("Time"), _("Actor"), _("Action"), _("Object"), _("Unit"),
            _("Changes (old → new)"), _("Reason")]


def _shown(value) -> str:
    return NONE if value is None else str(value)


def change_rows(changes) -> list[tuple[str, bool, object, object]]:
    """(field, is_pair, old, new) per changed field. Most actions write {field: [old, new]};
    some write a bare value (a criterion code, a list of codes), shown as it is (old None)."""
    if not isinstance(changes, dict):
        return [("", False, None, changes)] if changes else []
    return [(field, True, *values) if isinstance(values, list) and len(values) == 2
            else (field, False, None, values) for field, values in changes.items()]


def _changes(changes) -> str:
    """`field: old → new` per changed field, as the page lists them."""
    return "; ".join(f"{field}: {_shown(old)} → {_shown(new)}" if pair
                     else f"{field}: {_shown(new)}"
                     for field, pair, old, new in change_rows(changes))


def audit_rows(entries: QuerySet) -> Iterable[tuple]:
    zone = timezone.get_current_timezone()  # captured now: the generator runs after the view
    rows = entries.values_list(*FIELDS).iterator(chunk_size=CHUNK)
    # Local time to the second, without a zone: an .xlsx cell cannot hold one.
    return ((at.astimezone(zone).replace(tzinfo=None, microsecond=0), actor, action, label,
             unit or "", _changes(changes), reason)
            for at, actor, action, label, unit, changes, reason in rows)


def audit_export(kind: str, entries: QuerySet):
    return export(kind, audit_header(), audit_rows(entries), "nhat-ky-he-thong", _("Audit log"))
