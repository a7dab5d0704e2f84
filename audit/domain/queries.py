"""The audit log as the reader may see it: everything for a system administrator, otherwise
entries about units in their scope."""

import datetime

from django.db.models import QuerySet

from accounts.domain.scope import restricted, scope_shape
from accounts.enums import AUDIT_READER_ROLES
from audit.models import AuditEntry
from core.search import word_match
from core.text import fold


def entries_for_user(user, **filters) -> QuerySet:
    return entries_in_scope(reader_shape(user), **filters)


def reader_shape(user) -> tuple[str, tuple[int, ...]]:
    """The filter the reader's scope puts on the log (accounts.domain.scope.scope_shape): every
    reader of one shape reads the log through the same SQL."""
    return scope_shape(user, AuditEntry, roles=AUDIT_READER_ROLES)


def entries_in_scope(shape: tuple[str, tuple[int, ...]], *, actor: str = "", action: str = "",
                     object_type: str = "", date_from: datetime.date | None = None,
                     date_to: datetime.date | None = None, q: str = "") -> QuerySet:
    """The log under the scope `shape` and the filters, newest first. Reads nothing of the
    database while built: a statement of it may be kept by the shape and the filters (and the
    current time zone, which `date_from` and `date_to` are days of)."""
    qs = restricted(AuditEntry.objects.select_related("unit"), shape)
    if actor:
        qs = qs.filter(actor_label__icontains=actor)
    if action:
        qs = qs.filter(action__startswith=action)
    if object_type:
        qs = qs.filter(object_type=object_type)
    if date_from:
        qs = qs.filter(at__date__gte=date_from)
    if date_to:
        qs = qs.filter(at__date__lte=date_to)
    if q := fold(q):
        # Diacritics-free, as the people search: the folded label's trigram index (PostgreSQL);
        # one or two letters at a word's start, as every search (core.search).
        qs = qs.filter(word_match("search_text", q))
    return qs.order_by("-at", "-id")
