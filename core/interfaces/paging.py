"""Pagination for back-office lists.

Large lists (100,000 people) are paged without COUNT(*) over the whole table on every page:
we fetch one row more than the page size to know whether a next page exists.

Lists that run deep (people, the award ledger, the audit log) also page by seek key
(`paginate(..., seek=True)`): the "next" link carries the last row's sort key (`?after=…`) and
"previous" the first row's (`?before=…`), so page 2,000 costs what page 1 does — the database
starts reading its index at the key instead of counting off 100,000 rows with OFFSET. A page
number alone (`?page=50`, old bookmarks) still works, by offset.

A search on such a list (`paginate(..., matches=True)`) is where PostgreSQL's planner guesses
wrong: it walks the order's index and filters, assuming the matches are spread evenly through
the order, and they are not — a name search's matches sit together (the family name leads the
folded text), so "nguyen van" walked 67,000 people to find 51 (94 ms) where the trigram
bitmap of its 413 matches and a top-N sort take 2–6 ms. When the planner itself estimates few
matches (`FEW_MATCHES`), the page sorts the matches instead; a common word ("van", 12,844
people) keeps the walk, which finds its 51 rows in a few hundred (1.6 ms against 21 ms).
"""

import base64
import datetime
import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import EmptyResultSet, FullResultSet, ValidationError
from django.db import connections
from django.db.backends.utils import CursorDebugWrapper
from django.db.models import (
    CharField,
    DateTimeField,
    F,
    Field,
    Func,
    QuerySet,
    Subquery,
    TextField,
    Value,
    prefetch_related_objects,
)
from django.db.models.lookups import GreaterThan, LessThan, Lookup
from django.db.models.query import NamedValuesListIterable
from django.db.models.utils import create_namedtuple_class


@dataclass
class Page:
    object_list: list
    number: int
    has_next: bool
    per_page: int
    next_key: str = ""  # seek keys of the rows after / before this page ("" when offset-paged)
    previous_key: str = ""

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def next_page_number(self) -> int:
        return self.number + 1

    @property
    def previous_page_number(self) -> int:
        return self.number - 1

    @property
    def start_index(self) -> int:
        return (self.number - 1) * self.per_page + 1 if self.object_list else 0


def paginate(request, qs: QuerySet, per_page: int = 50, *, seek: bool = False,
             matches: bool = False, ids: QuerySet | None = None,
             matched: QuerySet | None = None) -> Page:
    """One page of `qs`; `seek` pages by the ordering's key, `matches` says `qs` is narrowed by a
    search (its few matches are sorted rather than found by walking the order: module doc).
    `ids`: the list as `qs` before it was narrowed to what the rows show (the same WHERE clause
    and order, without the joins of the shown columns): a page by number past the first then
    finds its rows' ids in it first (`ids_first`); or an object whose `page_of(offset, limit)`
    is an expression of the ids of `qs[offset:offset + limit]`, found its own way (every page
    by number, the first too: the audit log's walk unit by unit, audit.domain.queries.UnitWalk)
    — the page is then `qs` narrowed to them. `matched`: the search's matches in a narrow
    copy of `qs`'s table (the same rows by the same conditions, ids equal to `qs`'s primary
    keys, the same ordering): a search's page by number sorts them there (`_matched_first`)."""
    rows, finish = _planned(request, qs, per_page, seek=seek, matches=matches, ids=ids,
                            matched=matched)
    return finish(list(rows))


class AtOffset:
    """`paginate`'s `ids` where the caller finds a page's own ids itself: `condition` keeps the
    rows of `qs` from the page's offset on, at least the page's (`per_page` + 1) and none
    before it, so a page by number past the first is `qs` narrowed by it and read from its
    start. The ledger's officer pages: the units' first records merged and cut at the offset
    from their own order's entries, where `ids_first` read all the offset's rows from the
    table again to skip them (2,551 for page 50: 12 ms of PostgreSQL; session 16 hC)."""

    def __init__(self, condition):
        self.condition = condition


def _planned(request, qs: QuerySet, per_page: int, *, seek: bool, matches: bool,
             ids: QuerySet | None, matched: QuerySet | None = None,
             ) -> tuple[QuerySet, Callable[[list], Page]]:
    """The rows `paginate` reads (a sliced queryset) and how it makes them a page: everything
    here follows from `qs` and the request's `page`, `after` and `before` (`paginate_kept`
    keeps the statement by them)."""
    number = page_number(request.GET.get("page"))
    narrow = sort_few_matches if matches else _unchanged
    # A search's few matches are sorted in their narrow copy on every page, by number or by seek
    # key alike: read in the table, the page after a key bitmapped and sorted the people's wide
    # rows, or read them whole (the planner's costs of the two were 3 % apart for "nguyen van").
    in_copy = bool(matches and matched is not None and _sortable_in_copy(qs))
    if seek:
        key = SeekKey(qs)
        after, before = key.decode(request.GET.get("after")), key.decode(request.GET.get("before"))
        if after is not None or before is not None:
            def beyond(part: QuerySet) -> QuerySet:
                return key.after(part, after) if after is not None else key.before(part, before)
            rows = (_matched_first(beyond(qs), beyond(matched), 0, per_page + 1) if in_copy
                    else narrow(beyond(qs)))[:per_page + 1]
            if after is not None:
                return rows, lambda rows: key.page(
                    rows[:per_page], number, len(rows) > per_page, per_page)

            def before_key(rows: list) -> Page:
                rows = rows[::-1]
                # Fewer rows than asked for before the key: this is the first page, whatever
                # the link said.
                first = len(rows) <= per_page
                return key.page(rows[-per_page:], 1 if first else max(2, number), True, per_page)
            return rows, before_key

    def by_number(rows: list) -> Page:
        page = Page(rows[:per_page], number, len(rows) > per_page, per_page)
        return SeekKey(qs).page(page.object_list, number, page.has_next, per_page) if seek else page
    offset = (number - 1) * per_page
    if in_copy:
        return _matched_first(qs, matched, offset, per_page + 1)[:per_page + 1], by_number
    if offset and isinstance(ids, AtOffset):  # the page's own ids: read from their start
        return qs.filter(ids.condition)[:per_page + 1], by_number
    if (page_of := getattr(ids, "page_of", None)) is not None:  # the list finds its own ids
        return qs.filter(pk__in=page_of(offset, per_page + 1))[:per_page + 1], by_number
    ordered = narrow(qs)
    if offset and ids is not None and ordered is qs:  # not a search's sorted matches
        return ids_first(qs, ids, offset, per_page + 1)[:per_page + 1], by_number
    return ordered[offset:offset + per_page + 1], by_number


# Statements of pages by number kept per process (`paginate_kept`), at most this many: the
# first pages of a list for each scope shape and filter (page 1, `make load`'s page 50) are
# asked again and again; a page number out of the way costs one eviction of the oldest.
KEPT_STATEMENTS = 256
_statements: dict[tuple, tuple] = {}
_statements_lock = threading.Lock()  # a threaded worker's requests share them


def paginate_kept(request, key: tuple, build: Callable[[], tuple], per_page: int = 50, *,
                  seek: bool = False, matches: bool = False,
                  around: Callable[[str, str], str] | None = None,
                  epoch: str | None = None) -> Page:
    """`paginate(request, qs, per_page, seek=seek, matches=matches, ids=ids, matched=matched)`
    for `qs, ids = build()` (or `qs, ids, matched = build()`, or `qs, ids, matched, by_id`: the
    rows `epoch` reads by id), `qs` a named `values_list`, with
    its statement built and compiled once per process for `key` and the page's number, then
    executed with its parameters: building and compiling the ledger's scoped queryset and
    making its rows were ~1 ms of a page's ~5.5 ms of Python (session 12 hD). `key` must hold
    everything `build` reads (the ledger: the user's scope shape and the filters; the people's
    search: the shape and the folded words); the page number is added here. A search's statement
    (`matches`) holds the planner's verdict on its matches (sorted, sorted in their copy, or
    walked): it is kept as long as the verdict is (VERDICT_SECONDS), then built again. A page by
    seek key (`after`, `before`: each key names one page) is paged as `paginate` pages it,
    unkept. Nothing of the rows is kept: the statement is executed on every request.

    `around(page, order)`, where the statement is kept: a statement around the page's, `page`
    (to be read `FROM (page) AS page`), adding columns after the page's own and ending with
    `ORDER BY order` (the page's order, of `page`'s columns): what the page shows of its rows'
    neighbours read in the same round trip (the ledger: its subjects' names, the law tables'
    stamp). Each row then carries the added columns as `row.around` (a tuple); the row itself
    is the page's, equal to the ORM's. Not kept (a seek key, SQLite's converted columns), the
    rows have no `around`: the caller reads those values itself.

    `epoch` (PostgreSQL; not with `around`): a statement reading a number the database changes
    in every transaction that may change which rows `qs` keeps and in what order (the people's
    search copy's commit epoch: organisations.models.person_words). The page's ids are then
    kept too, under the epoch they were read with (`_PageIds`)."""
    if request.GET.get("after") or request.GET.get("before"):
        qs, ids, matched, _unused = _built(build())
        return paginate(request, qs, per_page, seek=seek, matches=matches, ids=ids,
                        matched=matched)
    full_key = (*key, per_page, seek, matches, page_number(request.GET.get("page")))
    now = time.monotonic()
    if (kept := _statements.get(full_key)) is None or kept[0] <= now:
        qs, ids, matched, by_id = _built(build())
        rows, finish = _planned(request, qs, per_page, seek=seek, matches=matches, ids=ids,
                                matched=matched)
        if (statement := _statement(rows)) is None:
            return finish(list(rows))
        if around is not None and (order := _order_of(rows)) is not None:
            db, sql, params, row = statement
            statement = (db, around(sql, order), params, _around_row(row))
        by_ids = (_PageIds.made(qs, by_id, statement, per_page, epoch)
                  if epoch is not None and around is None else None)
        kept = (now + VERDICT_SECONDS if matches else float("inf"), *statement, finish, by_ids)
        with _statements_lock:
            _statements.pop(full_key, None)
            if len(_statements) >= KEPT_STATEMENTS:
                del _statements[next(iter(_statements))]
            _statements[full_key] = kept
    _until, db, sql, params, row, finish, by_ids = kept
    if by_ids is not None:
        return finish([row._make(values)
                       for values in by_ids.read(connections[db], prepare=not matches)])
    # A search is not prepared: its prepared statement's generic plan, made without its words,
    # read 1.5–2.3 times the PostgreSQL time of its own plan ("a" 6.2 → 14.1 ms, "hoang" 3.8 →
    # 5.3, session 13), where a list's plan does not depend on its values (the ledger: 1.4 →
    # 0.4 ms, its planning saved).
    with kept_cursor(connections[db], prepare=not matches) as cursor:
        cursor.execute(sql, params)
        return finish([row._make(values) for values in cursor.fetchall()])


class _PageIds:
    """A kept page's ids, kept under the commit epoch they were read with (`paginate_kept`'s
    `epoch`): the page asked again at the same epoch is read by them — one prepared statement
    reading its rows by primary key, the search's matches neither found nor sorted again.

    Two statements, both returning the epoch and whether the transaction has written anything
    (`pg_current_xact_id_if_assigned()`) beside the page's rows, in one snapshot: the page's own
    (`full`, its ids kept when the epoch says so) and the page by its kept ids (`by_ids`: `qs`
    with its own WHERE clause — the user's scope and words — narrowed to the ids and sorted,
    so that ids grown stale can only drop rows, never show one the user may not see). A
    transaction that has written may see rows no other sees yet, under an epoch its commit will
    change: it neither keeps ids nor reads by them. A page read by ids at another epoch is read
    again the full way (a second round trip, once a write)."""

    def __init__(self, full: str, by_ids: str, params: tuple, by_ids_params: tuple, at: int,
                 pk: int):
        self.full, self.by_ids = full, by_ids
        self.params, self.by_ids_params = params, by_ids_params
        self.at, self.pk = at, pk  # the ids' place among `by_ids_params`, the pk's in a row
        self.kept: tuple | None = None  # (epoch, ids): replaced whole, read whole (threads)

    @classmethod
    def made(cls, qs: QuerySet, by_id: QuerySet, statement: tuple, per_page: int,
             epoch: str) -> "_PageIds | None":
        """For the kept `statement` (of `_statement`) of a page of `qs`, read by ids from `by_id`
        (`qs`'s rows by the same conditions, written so that only the primary key's index
        serves them, or `qs` itself); None where its ids cannot be kept (not PostgreSQL, an
        ordering not of its own columns, no primary key)."""
        db, sql, params, row = statement
        connection = connections[db]
        ordering = list(qs.query.order_by or qs.model._meta.ordering)
        pk = qs.model._meta.pk
        if (connection.vendor != "postgresql" or (order := _order_of(qs)) is None
                or pk.attname not in row._fields):
            return None
        marker = _IdsMarker()
        by_ids = _statement(_sorted(by_id.filter(_AnyOfIds(F("pk"), marker)), ordering)
                            [:per_page + 1])
        if by_ids is None:
            return None
        by_ids_params = by_ids[2]
        at = next(i for i, param in enumerate(by_ids_params) if param is marker)
        return cls(_with_epoch(sql, order, epoch), _with_epoch(by_ids[1], order, epoch),
                   params, by_ids_params, at, row._fields.index(pk.attname))

    @classmethod
    def around_union(cls, by_id: QuerySet, union: tuple, per_page: int,
                     around: Callable[[str, str], str] | None, epoch: str) -> "_PageIds | None":
        """For the kept statement `union` (of `_union_statement`: its values written in) of a
        page of parts whose rows are `by_id`'s, narrowed by a search (`paginate_union_kept`)."""
        db, sql, row, key, order = union
        marker = _IdsMarker()
        ordering = list(by_id.query.order_by or by_id.model._meta.ordering)
        by_ids = _statement(_sorted(by_id.filter(_AnyOfIds(F("pk"), marker)), ordering)
                            [:per_page + 1])
        if by_ids is None or by_ids[0] != db or "id" not in row._fields or tuple(
                by_ids[3]._fields) != tuple(row._fields):
            return None
        _db, by_ids_sql, by_ids_params, _row = by_ids
        if around is not None:
            by_ids_sql = around(by_ids_sql, order)
        at = next(i for i, param in enumerate(by_ids_params) if param is marker)
        # The union's values are written in (`%` in its words is no placeholder): no parameter.
        return cls(_with_epoch(sql, order, epoch), _with_epoch(by_ids_sql, order, epoch),
                   None, by_ids_params, at, row._fields.index("id"))

    def read(self, connection, *, prepare: bool) -> list:
        """The page's rows (as `values` tuples of its statement's columns)."""
        if (kept := self.kept) is not None:
            epoch, ids = kept
            params = (*self.by_ids_params[:self.at], list(ids), *self.by_ids_params[self.at + 1:])
            rows, now, clean = self._execute(connection, self.by_ids, params, prepare=True)
            if clean and now == epoch:
                return rows
        rows, now, clean = self._execute(connection, self.full, self.params, prepare=prepare)
        if clean and now is not None:
            self.kept = (now, tuple(values[self.pk] for values in rows))
        return rows

    def _execute(self, connection, sql: str, params: tuple, *, prepare: bool) -> tuple:
        with kept_cursor(connection, prepare=prepare) as cursor:
            cursor.execute(sql, params)
            found = cursor.fetchall()
        # One row at least (the epoch's), its page columns NULL when the page has no rows.
        epoch, clean = found[0][-2:]
        return [values[:-2] for values in found if values[self.pk] is not None], epoch, clean


def _with_epoch(sql: str, order: str, epoch: str) -> str:
    """`sql` (a page's statement) with the epoch and whether this transaction has written
    after its columns, read in the same snapshot; one row even when the page is empty."""
    return (f"SELECT page.*, now.epoch, pg_current_xact_id_if_assigned() IS NULL"
            f" FROM (SELECT ({epoch}) AS epoch) AS now LEFT JOIN ({sql}) AS page ON true"
            f" ORDER BY {order}")


class _IdsMarker(list):
    """The place of the kept ids among a statement's parameters (found by identity)."""

    def __eq__(self, other):
        return self is other

    __hash__ = object.__hash__


class _AnyOfIds(Lookup):
    """`lhs = ANY(%s::<the pk's type>[])`: the rows of the kept ids (`_PageIds`), one parameter
    whatever their number, so that the statement is prepared once."""

    lookup_name = "any_of_ids"
    prepare_rhs = False

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        kind = self.lhs.output_field.cast_db_type(connection)
        return f"{lhs} = ANY(%s::{kind}[])", (*lhs_params, self.rhs)


PREPARE_NEVER_BY_COUNT = 2**62


def kept_cursor(connection, *, prepare: bool = True):
    """A cursor for a statement kept per process: on PostgreSQL (psycopg 3) one that binds its
    parameters on the server and prepares the statement, once per connection, so that its
    executions are not planned again — planning the ledger's page was half of its PostgreSQL
    time (0.6 ms of 1.2, session 13 hC). Django's own cursors bind on the client, which cannot
    prepare: the ORM does not write every statement in a form the server can prepare (Django
    #20516); a kept statement is one the ORM wrote as values of plain columns (`_statement`).
    Through Django's cursor wrapper: logged and counted as any other statement, as the
    client would have sent it. `prepare=False`: a plain cursor (a search: module doc)."""
    if not prepare or connection.vendor != "postgresql" or Prepared is None:
        return connection.cursor()
    connection.ensure_connection()
    connection.validate_thread_sharing()
    if connection.connection.prepare_threshold is None:
        # Django turns psycopg's preparing off (None): on, at a count no statement reaches, it
        # prepares only what is asked to (Django's own cursors never are: they bind on the
        # client).
        connection.connection.prepare_threshold = PREPARE_NEVER_BY_COUNT
    raw = Prepared(connection.connection)
    return (PreparedDebug(raw, connection) if connection.queries_logged
            else connection.make_cursor(raw))


try:
    from django.db.backends.postgresql.base import ServerBindingCursor

    class Prepared(ServerBindingCursor):
        """psycopg's cursor binding on the server, every statement prepared from the first
        execution (psycopg prepares a statement only at its fifth by default)."""

        def execute(self, query, params=None, **options):
            return super().execute(query, params, prepare=True)
except ImportError:  # psycopg 2 or none: Django's own cursors
    Prepared = None


class PreparedDebug(CursorDebugWrapper):
    """Django's debug cursor logging the statement as a client-binding cursor sends it (the
    ORM's SQL with its values), not the server's `$1` form."""

    def execute(self, sql, params=None):
        with self.debug_sql(self.db.ops.compose_sql(sql, params)):
            return self._execute_with_wrappers(sql, params, many=False,
                                               executor=self._execute)


def _around_row(row: type) -> type:
    """The page's row class, made from a row of more values (`paginate_kept`'s `around`): the
    page's own values, equal to the ORM's row, and the rest as `around`."""
    width = len(row._fields)

    class Around(row):
        # No __slots__: a tuple's subclass holds `around` in its instance dict.
        @classmethod
        def _make(cls, values):
            made = tuple.__new__(cls, values[:width])
            made.around = values[width:]
            return made

    # Shown as the page's row (a named tuple's repr names its class).
    Around.__name__ = Around.__qualname__ = row.__name__
    return Around


def _order_of(rows: QuerySet) -> str | None:
    """The ORDER BY of `rows` (a named values_list) as the columns of its statement read
    `FROM (…) AS page`; None when it orders by anything but its own selected fields."""
    ordering = list(rows.query.order_by or rows.model._meta.ordering)
    names = set(rows._fields)
    quote = connections[rows.db].ops.quote_name
    order = []
    for name in ordering:
        if not isinstance(name, str):
            return None
        field = name.lstrip("-")
        field = "id" if field == "pk" else field
        if field not in names:
            return None
        descending = name.startswith("-") == rows.query.standard_ordering
        order.append(f"page.{quote(field)}{' DESC' if descending else ''}")
    return ", ".join(order) or None


def _built(built: tuple) -> tuple:
    """`paginate_kept`'s `build()` as (list, its ids, its search's matches in a narrow copy or
    None, the list read by kept ids: `qs` itself unless given)."""
    qs, ids, matched, by_id = (*built, None, None)[:4]
    return qs, ids, matched, qs if by_id is None else by_id


def _statement(rows: QuerySet) -> tuple | None:
    """(database, SQL, parameters, row class) of `rows`, a named `values_list`, made as Django
    makes its rows (`NamedValuesListIterable`: the class of the selected names, in their
    order); None when Django would do more — values converted after reading, columns
    reordered or cut — or the statement matches nothing (`none()`): those stay the ORM's."""
    query = rows.query
    if rows._iterable_class is not NamedValuesListIterable:
        return None
    compiler = query.get_compiler(rows.db)
    try:
        sql, params = compiler.as_sql()
    except EmptyResultSet:
        return None
    names = [*query.extra_select, *query.values_select, *query.annotation_select]
    if list(rows._fields) != names or compiler.has_extra_select or compiler.get_converters(
            [expression for expression, _, _ in compiler.select]):
        return None
    return rows.db, sql, tuple(params), create_namedtuple_class(*names)


def ids_first(qs: QuerySet, ids: QuerySet, offset: int, limit: int) -> QuerySet:
    """The rows of `qs[offset:offset + limit]`, found as their ids first: the walk to the
    offset reads only the ids (an index holding the order's and the WHERE clause's columns
    walks without visiting the table: organisations' `person_name_scope`), then the page's
    rows are read by id and joined to what they show. `?page=50` of the people walked 2,501
    rows of the table, and joined each to its unit, to show 51; the ledger's page 50 made
    2,450 title and unit lookups for rows it skipped. Same rows, same order: the outer query
    is `qs` itself (its WHERE clause again, its ORDER BY) narrowed to those ids. Only where
    `qs` walks its order's index (not a search's sorted matches, which a second reading of the
    WHERE clause would read twice). The ids come from `ids`, not `qs`: a join `qs` made for a
    shown column (the unit's name) stays in its query, and the walk would join every skipped
    row."""
    ordering = list(qs.query.order_by or qs.model._meta.ordering)
    if list(ids.query.order_by or ids.model._meta.ordering) != ordering:
        raise ValueError(f"the ids are not in the order of the page: {ordering}")
    page_ids = ids.values("pk")[offset:offset + limit]
    return qs.filter(pk__in=Subquery(page_ids))


def paginate_union(request, parts: list[QuerySet], per_page: int = 50, *,
                   matches: bool = True) -> Page:
    """One seek-paged page of the union of `parts` — querysets of one model in one ordering,
    whose union is the list (a row may be in several) — each estimated and fetched on its own.

    A search whose matches are an OR of unlike parts (the ledger: a subject's name, or the
    decision number) is estimated by PostgreSQL as a whole, badly (898,824 records for the
    real 4,130 of "nguyen van"), so it walks the order's index instead of sorting the few.
    Apart, each part's estimate is its own: a part with few matches sorts them, a common one
    walks the order — the planner's own choice when a part names its rows' ids (`matches`
    False: one statement a part), else `sort_few_matches` overrules its cost of the walk.
    Each part gives at most the rows the page needs from where the page starts (`per_page`
    + 1 beyond the seek key, or offset + `per_page` + 1 by page number); merged by key in
    Python they are the page of the union, in the same order. The key's fields must sort in
    Python as in the database (numbers, dates: a text key would meet the database's
    collation). The first part's prefetches run once, for the page."""
    key = SeekKey(parts[0])
    narrow = sort_few_matches if matches else _unchanged
    lookups = parts[0]._prefetch_related_lookups
    parts = [part.prefetch_related(None) for part in parts]
    number = page_number(request.GET.get("page"))
    after, before = key.decode(request.GET.get("after")), key.decode(request.GET.get("before"))
    if after is not None:
        rows = key.merged([narrow(key.after(part, after)) for part in parts], per_page + 1)
        page = key.page(rows[:per_page], number, len(rows) > per_page, per_page)
    elif before is not None:
        rows = key.merged([narrow(key.before(part, before)) for part in parts],
                          per_page + 1, forward=False)[::-1]
        first = len(rows) <= per_page  # as in paginate: fewer than a page is the first page
        page = key.page(rows[-per_page:], 1 if first else max(2, number), True, per_page)
    else:
        offset = (number - 1) * per_page
        rows = key.merged([narrow(part) for part in parts], offset + per_page + 1)[offset:]
        page = key.page(rows[:per_page], number, len(rows) > per_page, per_page)
    prefetch_related_objects(page.object_list, *lookups)
    return page


def paginate_union_kept(request, key: tuple, build: Callable[[int | None], list[QuerySet]],
                        per_page: int = 50, *, around: Callable[[str, str], str] | None = None,
                        by_id: Callable[[], QuerySet] | None = None, epoch: str | None = None
                        ) -> Page:
    """`paginate_union(request, build(None), per_page, matches=False)`, with a page by number read
    by one statement kept per process for `key` and the page's number: the parts' first rows
    (each `ORDER BY … LIMIT offset + per_page + 1`, as `paginate_union` reads them) merged by
    `UNION` (a row of two parts is one row) and cut at the page, wrapped by `around` as
    `paginate_kept` wraps its statement; `build(limit)` may then give parts of only their first
    `limit` rows (in their order). The ledger search's three to four statements a page,
    built and compiled each time, were ~14 ms of Python (session 14 hC). `key` must hold all
    `build` reads; its parts must hold no data read from the database (their statements are
    kept; their verdicts for VERDICT_SECONDS, as a search's statement is).

    The values are written into the statement (the key holds them all) and it is executed
    prepared: planned once per connection with its own values, as a plain statement is, not
    with the generic plan of a parametrised one (`paginate_kept`: a search's generic plan read
    1.5–2.3 times more). Pages by seek key, other databases and parts whose rows Django converts
    after reading are `paginate_union`'s.

    `epoch` and `by_id()` (PostgreSQL): the page's ids kept under `epoch` as `paginate_kept`
    keeps them (`_PageIds`), `epoch` changing in every transaction that may change which rows
    the parts find and in what order; `by_id()` the parts' rows by the same scope and filters,
    without the search (a named `values_list` of the parts' columns, in their order): the page
    asked again at the same epoch is those of its ids still in it, wrapped by `around` too."""
    number = page_number(request.GET.get("page"))
    full_key = (*key, per_page, number)
    now = time.monotonic()
    if request.GET.get("after") or request.GET.get("before"):
        return paginate_union(request, build(None), per_page, matches=False)
    if (kept := _unions.get(full_key)) is None or kept[0] <= now:
        offset = (number - 1) * per_page
        kept = _union_statement(build(offset + per_page + 1), offset, per_page, around)
        if kept is None:
            return paginate_union(request, build(None), per_page, matches=False)
        page_ids = (_PageIds.around_union(by_id(), kept, per_page, around, epoch)
                    if epoch is not None and by_id is not None else None)
        kept = (now + VERDICT_SECONDS, *kept, page_ids)
        with _statements_lock:
            _unions.pop(full_key, None)
            if len(_unions) >= KEPT_STATEMENTS:
                del _unions[next(iter(_unions))]
            _unions[full_key] = kept
    _until, db, sql, row, key_of, _order, page_ids = kept
    if page_ids is not None:
        rows = [row._make(values) for values in page_ids.read(connections[db], prepare=True)]
    else:
        with kept_cursor(connections[db]) as cursor:
            cursor.execute(sql)
            rows = [row._make(values) for values in cursor.fetchall()]
    return key_of.page(rows[:per_page], number, len(rows) > per_page, per_page)


_unions: dict[tuple, tuple] = {}


def _union_statement(parts: list[QuerySet], offset: int, per_page: int,
                     around: Callable[[str, str], str] | None) -> tuple | None:
    """(database, SQL with its values written in, row class, seek key) of the page of `parts`'
    union at `offset` (`paginate_union_kept`), or None where it cannot be one statement."""
    key = SeekKey(parts[0])
    statements = [_statement(part[:offset + per_page + 1]) for part in parts]
    if any(statement is None for statement in statements) or len(
            {(db, row._fields) for db, _, _, row in statements}) != 1:
        return None
    db, _, _, row = statements[0]
    connection = connections[db]
    if connection.vendor != "postgresql":
        return None
    quote = connection.ops.quote_name
    order = ", ".join(f"page.{quote(field.column)}{' DESC' if key.descending else ''}"
                      for field in key.fields)
    union = " UNION ".join(f"({connection.ops.compose_sql(sql, params)})"
                           for _, sql, params, _ in statements)
    sql = (f"SELECT page.* FROM ({union}) AS page ORDER BY {order} "
           f"LIMIT {per_page + 1} OFFSET {offset}")
    if around is not None:
        sql, row = around(sql, order), _around_row(row)
    return db, sql, row, key, order


# Up to this many estimated matches, and at most this share of the table, a top-N sort of them
# costs at most ~20 ms on PostgreSQL (4,811 people named "nguyen" of 100,000: 20 ms; 413 for
# "nguyen van": 2–6 ms); beyond either the matches are dense enough that walking the order's
# index finds a page in a few hundred rows, and their sort would read most of the table. The
# share is 5 %, not 10 %: at 1,751 estimated of 20,000 (8.75 %) the planner, told to sort, read
# the whole people table of one province among two (test_list_plans), where the walk of the
# province's own index had found the page.
FEW_MATCHES = 8000
FEW_MATCHES_SHARE = 0.05


def _unchanged(qs: QuerySet) -> QuerySet:
    return qs


def sort_few_matches(qs: QuerySet) -> QuerySet:
    """`qs` ordered so that PostgreSQL sorts its matches instead of walking the order's index,
    when its planner estimates few of them (FEW_MATCHES, FEW_MATCHES_SHARE): its estimate of
    the matches is right (681 for 413), its cost of the walk is what is wrong. Same rows, same
    order.
    Other databases: unchanged (SQLite has no trigram bitmap to prefer)."""
    ordering = list(qs.query.order_by or qs.model._meta.ordering)
    if connections[qs.db].vendor != "postgresql" or not ordering or not all(
            isinstance(name, str) for name in ordering):
        return qs
    if not _few_matches(qs):
        return qs
    return _sorted(qs, ordering)


def sorted_unindexed(qs: QuerySet) -> QuerySet:
    """`qs` in its own ordering, sorted by PostgreSQL after reading its matches (`_sorted`)."""
    return _sorted(qs, list(qs.query.order_by or qs.model._meta.ordering))


def _sorted(qs: QuerySet, ordering: list[str]) -> QuerySet:
    """`qs` in `ordering` (field names), its first field wrapped so that no index serves it:
    the planner reads the matches and sorts them."""
    first, *rest = ordering
    name = first.lstrip("-")
    expression = Unindexed(F(name), output_field=qs.model._meta.get_field(
        "id" if name == "pk" else name))
    return qs.order_by(expression.desc() if first.startswith("-") else expression.asc(), *rest)


# Up to this share of the table (and FEW_MATCHES), a search's matches are sorted in a narrow copy
# of the table (`paginate(..., matched=)`) rather than found by walking the order. Wider than
# FEW_MATCHES_SHARE: the copy's rows are a seventh of the people's, so its recheck and sort of
# the matches cost what the few's did in the table. "hoang" (5,188 estimated of 102,720, 5.05 %;
# every one of its 4,580 people after the 37,388 whose text sorts before "hoang") walked the
# order in 12 ms; sorted in the copy its page's ids take ~1.8 ms. A word in more people than
# this ("van": 12,844, 12.5 %) is dense enough that the walk finds a page in a few hundred rows.
MATCHED_SHARE = 0.10


def _sortable_in_copy(qs: QuerySet) -> bool:
    """Whether `qs`'s matches are few enough to be sorted in a narrow copy of its table
    (MATCHED_SHARE); PostgreSQL only (elsewhere there is no copy)."""
    if connections[qs.db].vendor != "postgresql":
        return False
    estimated, table = _estimate(qs)
    return estimated <= min(FEW_MATCHES, MATCHED_SHARE * table)


def _matched_first(qs: QuerySet, matched: QuerySet, offset: int, limit: int) -> QuerySet:
    """The rows of `qs[offset:offset + limit]` (a search), their ids found first in `matched`:
    the same matches in a narrow copy of the table, sorted there (its trigram index's candidates
    are rechecked in ~100 rows a page instead of 14), then the page's rows read by primary key.
    Same rows, same order: the outer statement is `qs` itself (its WHERE clause again) narrowed
    to those ids and sorted (`_sorted`: 51 rows; no walk of the name order, whatever the
    planner's estimate of the semi-join)."""
    ordering = list(qs.query.order_by or qs.model._meta.ordering)
    if list(matched.query.order_by or matched.model._meta.ordering) != ordering:
        raise ValueError(f"the matches are not in the order of the page: {ordering}")
    page_ids = _sorted(matched, ordering).values("pk")[offset:offset + limit]
    return _sorted(qs.filter(AnyOf(F("pk"), Subquery(page_ids))), ordering)


class AnyOf(Lookup):
    """`lhs = ANY(ARRAY(subquery))` (PostgreSQL): the subquery's ids as one array, which the
    outer statement looks up by primary key. As `IN (subquery)` the planner made it a semi-join
    and, estimating "le minh" at 19 people of its 502, read the search's matches again from the
    trigram index to join them to the 51 ids (1.6 ms, against ~0.2 by key)."""

    lookup_name = "any_of"
    prepare_rhs = False

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = compiler.compile(self.rhs)  # a Subquery: "(SELECT …)"
        return f"{lhs} = ANY(ARRAY{rhs})", (*lhs_params, *rhs_params)


# The planner's verdict on a search, kept per process by the search's conditions for a few
# minutes: the same search asked again (its next pages, the officers' few common searches)
# skips the EXPLAIN — a second compilation of the query, its planning and two round trips, ~0.6
# ms of Python a request. Keyed by the WHERE clause alone, compiled (0.07 ms; the whole query
# compiled for its key was 0.2 ms, 0.36 with an officer's scope subquery): the matches are the
# table's rows that the WHERE clause keeps. A verdict grown stale, or shared by two queries of
# one WHERE clause, costs speed only, never rows: both orders give the same rows. Bounded: the
# oldest verdicts go first.
VERDICT_SECONDS = 300
VERDICTS_KEPT = 512
_verdicts: dict[tuple, tuple[float, tuple[float, float]]] = {}
_verdicts_lock = threading.Lock()  # a threaded worker's requests share the verdicts


def _few_matches(qs: QuerySet) -> bool:
    """Whether the planner estimates few matches of `qs`: FEW_MATCHES and FEW_MATCHES_SHARE of
    its table."""
    estimated, table = _estimate(qs)
    return estimated <= min(FEW_MATCHES, FEW_MATCHES_SHARE * table)


def _estimate(qs: QuerySet) -> tuple[float, float]:
    """The planner's estimate of the matches of `qs` and of its table's rows, kept (above)."""
    key = _verdict_key(qs)
    now = time.monotonic()
    if (kept := _verdicts.get(key)) is not None and kept[0] > now:
        return kept[1]
    plan = json.loads(qs.order_by().explain(format="json"))
    estimate = (plan[0]["Plan"]["Plan Rows"], _rows(qs))
    with _verdicts_lock:
        _verdicts.pop(key, None)
        if len(_verdicts) >= VERDICTS_KEPT:
            del _verdicts[next(iter(_verdicts))]
        _verdicts[key] = (now + VERDICT_SECONDS, estimate)
    return estimate


def _verdict_key(qs: QuerySet) -> tuple:
    """What decides the matches of `qs`: its table and its WHERE clause, compiled."""
    query = qs.query
    try:
        where, params = query.get_compiler(qs.db).compile(query.where)
    except EmptyResultSet:
        where, params = "0 = 1", []
    except FullResultSet:
        where, params = "", []
    return (qs.db, query.model._meta.db_table, where, repr(params))


def _rows(qs: QuerySet) -> float:
    """The planner's count of the rows of `qs`'s table (its statistics: no scan)."""
    with connections[qs.db].cursor() as cursor:
        cursor.execute("SELECT reltuples FROM pg_class WHERE oid = %s::regclass",
                       [qs.model._meta.db_table])
        return cursor.fetchone()[0]


class Unindexed(Func):
    """A column no index can order by, sorting exactly as the column does (`text || ''`,
    `number + 0`, `time + 0 seconds`): the planner then reads the matches by the search's
    index and sorts them."""

    function = ""

    def as_sql(self, compiler, connection, **extra):
        return super().as_sql(compiler, connection, template=self._template(), **extra)

    def _template(self) -> str:
        if isinstance(self.output_field, CharField | TextField):
            return "(%(expressions)s || '')"
        if isinstance(self.output_field, DateTimeField):  # the audit log's time
            return "(%(expressions)s + INTERVAL '0 seconds')"
        return "(%(expressions)s + 0)"


def page_number(raw) -> int:
    """The `?page=` asked, 1 where it is missing, not a number or under 1."""
    try:
        return max(1, int(raw or 1))
    except ValueError:
        return 1


class Row(Func):
    """An SQL row value, `(a, b, c)`, compared element by element: `(a, b) > (x, y)` is what an
    index on (a, b) can start reading from (SQLite ≥ 3.15 and PostgreSQL both have them)."""

    function = ""
    template = "(%(expressions)s)"

    def __init__(self, *expressions):
        super().__init__(*expressions, output_field=Field())


class SeekKey:
    """The ordering of a queryset as a seek key: its fields (concrete fields of the model, all
    in the same direction, ending with a unique one) and how to read, encode and compare them."""

    def __init__(self, qs: QuerySet):
        ordering = [_ordered_name(name) for name in qs.query.order_by or qs.model._meta.ordering]
        self.descending = ordering[0].startswith("-")
        self.names = [name.lstrip("-") for name in ordering]
        if any(name.startswith("-") != self.descending for name in ordering):
            raise ValueError(f"seek paging needs one direction: {ordering}")
        self.fields = [qs.model._meta.get_field("id" if n == "pk" else n) for n in self.names]

    def values(self, row) -> list:
        return [getattr(row, field.attname) for field in self.fields]

    def encode(self, row) -> str:
        raw = json.dumps([_plain(v) for v in self.values(row)], separators=(",", ":"))
        return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")

    def decode(self, text: str | None) -> list | None:
        """The key's values, or None when absent or not a key of this list (a tampered or
        stale link falls back to the page number)."""
        if not text:
            return None
        try:
            raw = json.loads(base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)))
            if len(raw) != len(self.fields):
                return None
            return [field.to_python(value) for field, value in zip(self.fields, raw, strict=True)]
        except (ValueError, TypeError, ValidationError):
            return None

    def _compare(self, qs: QuerySet, values: list, forward: bool) -> QuerySet:
        columns = Row(*[F(name) for name in self.names])
        key = Row(*[Value(v, output_field=f) for v, f in zip(values, self.fields, strict=True)])
        later = LessThan if self.descending else GreaterThan
        earlier = GreaterThan if self.descending else LessThan
        qs = qs.filter((later if forward else earlier)(columns, key))
        return qs if forward else qs.reverse()

    def after(self, qs: QuerySet, values: list) -> QuerySet:
        return self._compare(qs, values, forward=True)

    def before(self, qs: QuerySet, values: list) -> QuerySet:
        return self._compare(qs, values, forward=False)

    def merged(self, parts: list[QuerySet], limit: int, *, forward: bool = True) -> list:
        """The first `limit` rows of the union of `parts` (each already in the key's order, or
        its reverse when not `forward`), each cut at `limit`; a row found by several parts is
        kept once (by its key, which ends with a unique field: a row may be a named row of
        values, with no `pk`)."""
        found = {}
        for part in parts:
            for row in part[:limit]:
                found.setdefault(tuple(self.values(row)), row)
        return sorted(found.values(), key=self.values,
                      reverse=self.descending == forward)[:limit]

    def page(self, rows: list, number: int, has_next: bool, per_page: int) -> Page:
        return Page(rows, number, has_next, per_page,
                    next_key=self.encode(rows[-1]) if rows and has_next else "",
                    previous_key=self.encode(rows[0]) if rows and number > 1 else "")


def _ordered_name(name) -> str:
    """An ordering's field name ("-year"), also of a field ordered `Unindexed` (`_sorted`)."""
    if isinstance(name, str):
        return name
    expression = name.expression
    if isinstance(expression, Unindexed) and isinstance(field := expression.source_expressions[
            0], F):
        return f"{'-' if name.descending else ''}{field.name}"
    raise ValueError(f"seek paging needs fields: {name}")


def _plain(value):
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    return value
