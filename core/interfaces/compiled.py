"""A list page's rows read with SQL the ORM compiled once per shape of the list (issue 14).

Building a scoped, filtered, ordered values() queryset and compiling it was ~0.8 ms of Python on
every proposal list or appraisal inbox page of ~4 ms (session 12): the same SQL each time for
the same user, state filter and page size. `Compiled(key, build)` names a list by `key`, which
must hold everything `build()` reads to build its queryset — the user's scope as values (e.g.
the root unit ids of their roles), the filters — so that two requests with equal keys build
the same SQL and parameters; the first compiles `build()` (without its page's LIMIT and
OFFSET), the others send the kept SQL with their page's LIMIT and OFFSET as parameters. Nothing
read from the rows is kept: the SQL runs on every request, so the rows are never stale. A key
of None compiles every time (a search: its text would make every key new).
"""

from collections.abc import Callable, Hashable
from dataclasses import dataclass

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import QuerySet
from django.db.models.query import ValuesListIterable

from core.interfaces.paging import Page, ids_first, kept_cursor, page_number

# (key) → (alias, sql, params, names, col_count or None, converters), or None for a list the
# ORM knows to be empty (it sends no query). Bounded: the keys are scopes × filters, a few
# hundred on a province; cleared if something ever made more.
_kept: dict[Hashable, tuple | None] = {}
MAX_KEPT = 1024
_MISSING = object()


@dataclass(frozen=True)
class Compiled:
    key: Hashable | None
    build: Callable[[], QuerySet]
    # False for a search: a prepared statement's generic plan, made without its words, walks
    # the list's order for a rare word (the proposal search: 0.1 → 14-22 ms of the statement
    # from its sixth execution on a connection), where the words' own plan reads their index.
    prepare: bool = True
    # The list as `build()` before it was narrowed to what the rows show (the same WHERE clause
    # and order, none of the joins and subqueries of its shown columns): a page past the first
    # finds its rows' ids in it first (core.interfaces.paging.ids_first). Counted off by
    # OFFSET, the appraisal inbox's page 20 joined the proposer's unit and counted the
    # nominees of the 950 rows it skipped (3.3 ms of PostgreSQL against 0.9 by ids).
    ids: Callable[[], QuerySet] | None = None

    def page(self, request, per_page: int) -> Page:
        """One page as core.interfaces.paging.paginate pages by offset (one row more than
        the page to know whether there is a next)."""
        number = page_number(request.GET.get("page"))
        offset = (number - 1) * per_page
        if offset and self.ids is not None and self.key is not None:
            # The offset and limit are in the subquery's SQL: one statement a page number.
            rows = self._sent("", (), key=(self.key, "ids", offset, per_page + 1),
                              build=lambda: ids_first(self.build(), self.ids(), offset,
                                                       per_page + 1))
        else:
            rows = self.rows(per_page + 1, offset)
        return Page(rows[:per_page], number, len(rows) > per_page, per_page)

    def all(self) -> list[dict]:
        """Every row of `build()` (a grouping of a few rows: the dashboard's proposal figures),
        as the dicts values() yields."""
        if self.key is None:
            return list(self.build())
        return self._sent("", ())

    def rows(self, limit: int, offset: int) -> list[dict]:
        """`build()[offset:offset + limit]` as the dicts values() yields."""
        if self.key is None:
            return list(self.build()[offset:offset + limit])
        return self._sent(" LIMIT %s OFFSET %s", (limit, offset))

    def _sent(self, suffix: str, values: tuple, *, key: Hashable | None = None,
              build: Callable[[], QuerySet] | None = None) -> list[dict]:
        """The kept SQL (compiled now if this process has not yet) with `suffix` and its
        parameters `values` appended; `key` and `build` in place of the list's own (a page by
        its ids first)."""
        key, build = (self.key, self.build) if key is None else (key, build)
        # One lookup, then the local value: another thread may clear the dict in between.
        if (kept := _kept.get(key, _MISSING)) is _MISSING:
            if len(_kept) >= MAX_KEPT:
                _kept.clear()
            kept = _kept[key] = _compile(build())
        if kept is None:
            return []
        alias, sql, params, names, col_count, converters = kept
        connection = connections[alias]
        # Prepared on PostgreSQL (planned once) unless a search.
        with kept_cursor(connection, prepare=self.prepare) as cursor:
            cursor.execute(f"{sql}{suffix}", (*params, *values))
            fetched = cursor.fetchall()
        if col_count is not None or converters:  # PostgreSQL's rows need neither
            fetched = _converted(fetched, col_count, converters, connection)
        # dict(zip()): a dict comprehension indexing both was ~20 % slower a row
        return [dict(zip(names, row, strict=False)) for row in fetched]


def _compile(qs: QuerySet) -> tuple | None:
    """What django.db.models.query.ValuesIterable and SQLCompiler.results_iter work out before
    and after sending a values() query: its SQL, the names of its columns, the converters of
    its values (SQLite's UUIDs and dates, for instance)."""
    query = qs.query
    compiler = query.get_compiler(qs.db)
    try:
        sql, params = compiler.as_sql()
    except EmptyResultSet:
        return None
    names = (list(query.selected) if query.selected
             else [*query.extra_select, *query.values_select, *query.annotation_select])
    fields = [selected[0] for selected in compiler.select[0:compiler.col_count]]
    return (qs.db, sql, tuple(params), names,
            compiler.col_count if compiler.has_extra_select else None,
            list(compiler.get_converters(fields).items()))


def _converted(rows, col_count, converters, connection):
    """SQLCompiler.apply_converters, on rows trimmed as SQLCompiler.execute_sql trims them."""
    for row in rows:
        if col_count is not None:
            row = row[:col_count]
        if converters:
            row = list(row)
            for position, (functions, expression) in converters:
                value = row[position]
                for convert in functions:
                    value = convert(value, expression, connection)
                row[position] = value
        yield row


# (key) → (alias, sql, params, {position: argument index}, col_count, converters), or
# UNKEPT for a statement the arguments shape (the ORM builds it every time).
_parameterised: dict[Hashable, tuple | object] = {}
UNKEPT = object()


def kept_rows(key: Hashable | None, build: Callable[..., QuerySet], *args,
              prepare: bool = False) -> list[tuple]:
    """`list(build(*args))` for `build(*args)` a `values_list` queryset (rows as tuples), its
    SQL compiled once per process for `key` and sent again with this call's `args` in their
    places: building and compiling a screening chunk's seven history statements was ~3 ms of a
    "who qualifies" page's ~20 ms of Python (session 14, hD), for the same SQL every time. `key`
    must hold everything else `build` reads (the arguments are the values that change from call
    to call: an id range, an array of ids, a year). Each argument must reach the SQL as a
    parameter of its own, unchanged (an int, a list sent as one array): its places are found
    by compiling `build` again with that argument changed — the parameters that change are its
    own. A statement whose SQL an argument shapes (an `IN` list of its values, an empty result)
    is not kept: the ORM builds it every time. Nothing read from the rows is kept. Key None:
    the ORM's. `prepare`: prepared on PostgreSQL (kept_cursor), for a statement whose plan
    does not hang on its values (a history read by an id range or array: index scans)."""
    if key is None:
        return list(build(*args))
    if (kept := _parameterised.get(key, _MISSING)) is _MISSING:
        if len(_parameterised) >= MAX_KEPT:
            _parameterised.clear()
        kept = _parameterised[key] = _with_places(build, args)
    if kept is UNKEPT:
        return list(build(*args))
    alias, sql, params, places, col_count, converters = kept
    params = list(params)
    for position, index in places:
        params[position] = args[index]
    connection = connections[alias]
    with kept_cursor(connection, prepare=prepare) as cursor:
        cursor.execute(sql, params)
        fetched = cursor.fetchall()
    if col_count is None and not converters:
        return fetched
    return [tuple(row) for row in _converted(fetched, col_count, converters, connection)]


def _with_places(build: Callable[..., QuerySet], args: tuple) -> tuple | object:
    """`_compile(build(*args))` with the places of each argument among its parameters, or
    UNKEPT (kept_rows)."""
    qs = build(*args)
    base = _compile(qs) if qs._iterable_class is ValuesListIterable else None
    if base is None:
        return UNKEPT
    alias, sql, params, _names, col_count, converters = base
    places = []
    for index, value in enumerate(args):
        other = _changed(value)
        if other is None:
            return UNKEPT
        changed = _compile(build(*args[:index], other, *args[index + 1:]))
        if changed is None or changed[1] != sql or len(changed[2]) != len(params):
            return UNKEPT
        moved = [position for position, (old, new) in enumerate(zip(params, changed[2],
                                                                    strict=True))
                 if old != new]
        if not moved or any(params[p] != value or changed[2][p] != other for p in moved):
            return UNKEPT
        places.extend((position, index) for position in moved)
    if len({position for position, _index in places}) != len(places):
        return UNKEPT
    return alias, sql, params, tuple(places), col_count, converters


def _changed(value):
    """Another value of the same kind (an int, a list of ints, a text), or None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value + 1
    if isinstance(value, str):
        return f"{value}~"
    if isinstance(value, list) and all(isinstance(item, int) for item in value):
        return [*value, (value[-1] + 1) if value else 1]
    return None
