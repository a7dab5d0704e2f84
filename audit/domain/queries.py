"""The audit log as the reader may see it: everything for a system administrator, otherwise
entries about units in their scope."""

import datetime

from django.db import connections
from django.db.models import QuerySet
from django.db.models.expressions import RawSQL
from django.utils import timezone

from accounts.domain.scope import restricted, scope_shape
from accounts.enums import AUDIT_READER_ROLES
from audit.models import AuditEntry
from core.search import word_match
from core.text import fold
from organisations.models import UnitClosure


def entries_for_user(user, **filters) -> QuerySet:
    return entries_in_scope(reader_shape(user), **filters)


def reader_shape(user) -> tuple[str, tuple[int, ...]]:
    """The filter the reader's scope puts on the log (accounts.domain.scope.scope_shape): every
    reader of one shape reads the log through the same SQL."""
    return scope_shape(user, AuditEntry, roles=AUDIT_READER_ROLES)


def filtered(qs: QuerySet, *, actor: str = "", action: str = "", object_type: str = "",
             date_from: datetime.date | None = None, date_to: datetime.date | None = None,
             q: str = "") -> QuerySet:
    """`qs` (entries) narrowed by the log's filters."""
    if actor:
        qs = qs.filter(actor_label__icontains=actor)
    if action:
        qs = qs.filter(action__startswith=action)
    if object_type:
        qs = qs.filter(object_type=object_type)
    # The days are the reader's (the current time zone), as `at__date` read them; the bounds
    # are instants, which the log's order index (`at`, `id`) reads from: `at__date` compared
    # each entry's local day, walking the whole log for a range of last year (~370 ms of
    # PostgreSQL on 335,000 entries; session 17).
    # Every entry is of the first day there is or later, and of the last or earlier (and their
    # bounds in a zone ahead of or behind UTC would be out of a datetime's range).
    if date_from and date_from > datetime.date.min:
        qs = qs.filter(at__gte=_day_start(date_from))
    if date_to and date_to < datetime.date.max:
        qs = qs.filter(at__lt=_day_start(date_to + datetime.timedelta(days=1)))
    if q := fold(q):
        # Diacritics-free, as the people search: the folded label's trigram index (PostgreSQL);
        # one or two letters at a word's start, as every search (core.search).
        qs = qs.filter(word_match("search_text", q))
    return qs


def _day_start(day: datetime.date) -> datetime.datetime:
    """The first instant of `day` in the current time zone: an entry is of that day or later
    exactly when it is at or after it (a zone's clock moved at midnight included: `make_aware`
    places a missing midnight at the change, a repeated one at its first time)."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time()))


class UnitWalk:
    """A page's entries' ids for a scope of some units' trees (the "closure" shape), found unit
    by unit (PostgreSQL): each covered unit's newest entries matching the filters read from
    `audit_unit_log_order` — (unit, at, id), the action included — as far as the page reaches,
    then the page cut from their union in the log's order. The newest entries of the scope are
    among each unit's newest, so the page is the same; the page's own statement keeps its
    scope and filters (`qs.filter(pk__in=…)`). Read through the units' index instead, a
    department's `?action=proposals.proposal` gathered its 10,817 matches to sort them for 101
    (the planner expects few: an action's entries sit in a few units) and page 50 sorted all
    32,556 of its entries (18–19 ms; session 15)."""

    def __init__(self, roots: tuple[int, ...], entries: QuerySet):
        self.roots, self.entries = roots, entries  # `entries`: filtered, not scoped, no order

    def page_of(self, offset: int, limit: int) -> RawSQL:
        """The ids of the entries `offset` to `offset + limit` of the scope, newest first."""
        walked = UnitClosure.objects.filter(ancestor_id__in=self.roots).values(
            "descendant_id").distinct().order_by()
        per_unit = (self.entries.filter(unit_id=RawSQL('"walked"."descendant_id"', ()))
                    .order_by("-at", "-id").values_list("id", "at")[:offset + limit])
        units_sql, units_params = walked.query.sql_with_params()
        walk_sql, walk_params = per_unit.query.sql_with_params()
        return RawSQL(
            f'SELECT "walk"."id" FROM ({units_sql}) AS "walked" CROSS JOIN LATERAL ({walk_sql})'
            ' AS "walk" ORDER BY "walk"."at" DESC, "walk"."id" DESC LIMIT %s OFFSET %s',
            (*units_params, *walk_params, limit, offset))


def unit_walk(shape: tuple[str, tuple[int, ...]], **filters) -> UnitWalk | None:
    """The page's walk unit by unit (UnitWalk) for a scope of units' trees and no search (a
    search's few matches are found by its trigram index and sorted), on PostgreSQL; else
    None."""
    kind, roots = shape
    if kind != "closure" or filters.get("q", "").strip() \
            or connections[AuditEntry.objects.db].vendor != "postgresql":
        return None
    return UnitWalk(roots, filtered(AuditEntry.objects.all(), **filters))


def entries_in_scope(shape: tuple[str, tuple[int, ...]], *, actor: str = "", action: str = "",
                     object_type: str = "", date_from: datetime.date | None = None,
                     date_to: datetime.date | None = None, q: str = "") -> QuerySet:
    """The log under the scope `shape` and the filters, newest first. Reads nothing of the
    database while built: a statement of it may be kept by the shape and the filters (and the
    current time zone, which `date_from` and `date_to` are days of)."""
    qs = restricted(AuditEntry.objects.select_related("unit"), shape)
    qs = filtered(qs, actor=actor, action=action, object_type=object_type, date_from=date_from,
                  date_to=date_to, q=q)
    return qs.order_by("-at", "-id")
