"""The audit log as the reader may see it: everything for a system administrator, otherwise
entries about units in their scope."""

import datetime

from django.db.models import QuerySet

from accounts.domain.scope import restrict_to_scope
from accounts.enums import AUDIT_READER_ROLES
from audit.models import AuditEntry
from core.search import word_match
from core.text import fold


def entries_for_user(user, *, actor: str = "", action: str = "", object_type: str = "",
                     date_from: datetime.date | None = None,
                     date_to: datetime.date | None = None, q: str = "") -> QuerySet:
    qs = restrict_to_scope(AuditEntry.objects.select_related("unit"), user,
                           roles=AUDIT_READER_ROLES)
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
