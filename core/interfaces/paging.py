"""Pagination for back-office lists.

Large lists (100,000 people) are paged without COUNT(*) over the whole table on every page:
we fetch one row more than the page size to know whether a next page exists.

Lists that run deep (people, the award ledger, the audit log) also page by seek key
(`paginate(..., seek=True)`): the "next" link carries the last row's sort key (`?after=…`) and
"previous" the first row's (`?before=…`), so page 2,000 costs what page 1 does — the database
starts reading its index at the key instead of counting off 100,000 rows with OFFSET. A page
number alone (`?page=50`, old bookmarks) still works, by offset.
"""

import base64
import datetime
import json
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db.models import F, Field, Func, QuerySet, Value
from django.db.models.lookups import GreaterThan, LessThan


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


def paginate(request, qs: QuerySet, per_page: int = 50, *, seek: bool = False) -> Page:
    number = _number(request.GET.get("page"))
    if seek:
        key = SeekKey(qs)
        after, before = key.decode(request.GET.get("after")), key.decode(request.GET.get("before"))
        if after is not None:
            rows = list(key.after(qs, after)[:per_page + 1])
            return key.page(rows[:per_page], number, len(rows) > per_page, per_page)
        if before is not None:
            rows = list(key.before(qs, before)[:per_page + 1])[::-1]
            # Fewer rows than asked for before the key: this is the first page, whatever the
            # link said.
            first = len(rows) <= per_page
            return key.page(rows[-per_page:], 1 if first else max(2, number), True, per_page)
    offset = (number - 1) * per_page
    rows = list(qs[offset:offset + per_page + 1])
    page = Page(rows[:per_page], number, len(rows) > per_page, per_page)
    return SeekKey(qs).page(page.object_list, number, page.has_next, per_page) if seek else page


def _number(raw) -> int:
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
        ordering = list(qs.query.order_by or qs.model._meta.ordering)
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

    def page(self, rows: list, number: int, has_next: bool, per_page: int) -> Page:
        return Page(rows, number, has_next, per_page,
                    next_key=self.encode(rows[-1]) if rows and has_next else "",
                    previous_key=self.encode(rows[0]) if rows and number > 1 else "")


def _plain(value):
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    return value
