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

A visitor who is not signed in and has no message waiting (almost every portal visitor) sees
the layout too the same as every such visitor of the same key — no menu, no name, the footer's
`next` the key's own path and query string — but for the CSRF token of the language form. For
them the whole page is kept as well, split where the token goes, and a request joins the pieces
with its own token: rendering the layout (two `{% extends %}`, the context processors) was
~0.3 ms of the ~0.6 ms a kept page cost above /healthz (docs/performance.md, session 17).
"""

import threading
from collections import OrderedDict
from collections.abc import Callable

from django.db import connection
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import render
from django.urls import get_script_prefix
from django.utils import timezone
from django.utils.translation import get_language

from core.context_processors import request_user
from portal.domain.public_epoch import EPOCH_SQL

KEPT_PAGES = 256
MAX_QUERY_STRING = 300

_pages: OrderedDict = OrderedDict()  # key -> Kept
# Stands for the CSRF token while a whole page is rendered for keeping. It holds NUL, which no
# content can: PostgreSQL text has none, and the epoch (so keeping) is PostgreSQL's only.
TOKEN_MARK = "\x00csrf-token\x00"
_lock = threading.Lock()
_seen = [None]  # the last epoch read: kept pages of an older one are let go at once


class Kept:
    """A kept page: its HTTP status code, its `{% keep %}` parts' html, and for a plain visit
    (`_plain_visit`) the whole page's html split at its CSRF tokens, with the script prefix it
    was rendered under (None until a plain visitor asks)."""

    __slots__ = ("code", "parts", "whole")

    def __init__(self, code: int, parts: dict):
        self.code, self.parts, self.whole = code, parts, None


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


def _plain_visit(request) -> bool:
    """Not signed in, no message waiting: the layout then shows nothing of the visitor's own
    but the CSRF token. Asked as the layout asks (`{% if user.is_authenticated %}`,
    `{% if messages %}`), so the session is read exactly as a render would read it."""
    user = request_user(request)
    if user is not None and user.is_authenticated:
        return False
    return not getattr(request, "_messages", ())


def _whole_page(request, page: Kept, template: str) -> tuple[str, ...]:
    """The page's html split at its CSRF tokens, rendered once per kept page and script prefix
    from its kept parts (so from the same rows the parts were)."""
    prefix = get_script_prefix()
    if page.whole is None or page.whole[0] != prefix:
        html = render(request, template, {"kept_parts": Parts(page.parts),
                                          "csrf_token": TOKEN_MARK}).content.decode()
        page.whole = (prefix, tuple(html.split(TOKEN_MARK)))
    return page.whole[1]


def _served(request, page: Kept, template: str):
    if _plain_visit(request):
        pieces = _whole_page(request, page, template)
        # The token asked only where the page has a form: as `{% csrf_token %}` would.
        body = get_token(request).join(pieces) if len(pieces) > 1 else pieces[0]
        return HttpResponse(body, status=page.code)
    return render(request, template, {"kept_parts": Parts(page.parts)}, status=page.code)


def kept_page(request, template: str, build: Callable[[], tuple[dict, int]]):
    """The page of `template`, its `{% keep %}` parts kept (module doc). `build()` reads the
    page's data and returns (context, status); it may raise Http404."""
    key = _key(request)
    if key is not None and (page := _pages.get(key)) is not None:
        with _lock:
            if key in _pages:
                _pages.move_to_end(key)
        return _served(request, page, template)
    context, status = build()
    if key is None:
        return render(request, template, context, status=status)
    parts = context["kept_parts"] = Parts()
    response = render(request, template, context, status=status)
    with _lock:
        _pages[key] = Kept(status, parts.recorded)
        _pages.move_to_end(key)
        while len(_pages) > KEPT_PAGES:
            _pages.popitem(last=False)
    return response
