"""Portal pages' content kept per process under the public epoch (portal.domain.public_epoch).

A portal page is the same for every visitor and changes only when published data does, yet
each request read and rendered it again (the decision with 333 awardees: 15.5 ms of Python a
request). Its content — the template's `{% keep %}` parts: the title and the content block,
never the layout, which carries the CSRF token of the language form, the messages and the
visitor's own path — is kept under (epoch, language, time zone, today, path, query string):
everything the parts are rendered from besides the database, whose writes move the epoch. A
request then costs one small statement (the epoch) and the layout.

Anonymous visitors can send endlessly many query strings: the pages are kept in a per-process
LRU of KEPT_PAGES entries, a long query string is never kept, and a page the view answers
with Http404 is never kept (its view raises again on every request). A transaction that has
written (a test's, a view's after a write) neither keeps nor reads kept pages: it may see rows
no other transaction sees yet, under an epoch its commit will change. Where there is no epoch
(SQLite: the migration is PostgreSQL's only) nothing is kept and the pages render as before.

The epoch is read before the page's rows: a page kept under an epoch was read at that epoch or
a later one, never an earlier one.
"""

import threading
from collections import OrderedDict
from collections.abc import Callable

from django.db import connection
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import get_language

from portal.domain.public_epoch import EPOCH_SQL

KEPT_PAGES = 256
MAX_QUERY_STRING = 300

_pages: OrderedDict = OrderedDict()  # key -> (status, {part name: html})
_lock = threading.Lock()
_seen = [None]  # the last epoch read: kept pages of an older one are let go at once


class Parts:
    """What `{% keep name %}` reads from the context (`kept_parts`): the kept parts' html on a
    kept page, else where the render records them."""

    __slots__ = ("html", "recorded")

    def __init__(self, html: dict | None = None):
        self.html = html
        self.recorded: dict = {}


def _epoch() -> int | None:
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute(EPOCH_SQL)
        row = cursor.fetchone()
    return row[0] if row is not None and row[1] else None


def _key(request) -> tuple | None:
    query = request.META.get("QUERY_STRING", "")
    if len(query) > MAX_QUERY_STRING or (epoch := _epoch()) is None:
        return None
    if _seen[0] != epoch:
        with _lock:
            if _seen[0] != epoch:
                _seen[0] = epoch
                _pages.clear()
    return (epoch, get_language(), timezone.get_current_timezone_name(),
            timezone.localdate(), request.path, query)


def kept_page(request, template: str, build: Callable[[], tuple[dict, int]]):
    """The page of `template`, its `{% keep %}` parts kept (module doc). `build()` reads the
    page's data and returns (context, status); it may raise Http404."""
    key = _key(request)
    if key is not None and (kept := _pages.get(key)) is not None:
        with _lock:
            if key in _pages:
                _pages.move_to_end(key)
        status, html = kept
        return render(request, template, {"kept_parts": Parts(html)}, status=status)
    context, status = build()
    parts = context["kept_parts"] = Parts() if key is not None else None
    response = render(request, template, context, status=status)
    if parts is not None:
        with _lock:
            _pages[key] = (status, parts.recorded)
            _pages.move_to_end(key)
            while len(_pages) > KEPT_PAGES:
                _pages.popitem(last=False)
    return response
