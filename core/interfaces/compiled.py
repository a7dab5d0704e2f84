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

from core.interfaces.paging import Page, kept_cursor
from core.interfaces.paging import _number as page_number

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

    def page(self, request, per_page: int) -> Page:
        """One page as core.interfaces.paging.paginate pages by offset (one row more than
        the page to know whether there is a next)."""
        number = page_number(request.GET.get("page"))
        rows = self.rows(per_page + 1, (number - 1) * per_page)
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

    def _sent(self, suffix: str, values: tuple) -> list[dict]:
        """The kept SQL (compiled now if this process has not yet) with `suffix` and its
        parameters `values` appended."""
        # One lookup, then the local value: another thread may clear the dict in between.
        if (kept := _kept.get(self.key, _MISSING)) is _MISSING:
            if len(_kept) >= MAX_KEPT:
                _kept.clear()
            kept = _kept[self.key] = _compile(self.build())
        if kept is None:
            return []
        alias, sql, params, names, col_count, converters = kept
        connection = connections[alias]
        with kept_cursor(connection) as cursor:  # prepared on PostgreSQL: planned once
            cursor.execute(f"{sql}{suffix}", (*params, *values))
            fetched = cursor.fetchall()
        indexes = range(len(names))
        return [{names[i]: row[i] for i in indexes}
                for row in _converted(fetched, col_count, converters, connection)]


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
