"""A signed-in user's list pages kept per process under the commit epochs of the tables they
read (core.table_epochs), layout included.

An officer who opens a list again — the inbox after a proposal, the ledger's first page after a
record, the back button, a second tab — asks for a page that changes only when the data it is
read from does. Each request read and rendered it again: 1.5–3 ms of server CPU for the lists
against ~0.5 for /healthz (docs/performance.md, "Kept pages for signed-in users"). Kept, a page
costs the signed-in request, one small statement (its tables' epochs) and a join.

What the page is rendered from, besides the rows its tables hold, is its key:

- the user: id, name and flags (the layout's account menu), and what the apps add through
  KEY_PARTS (accounts: the active roles, which decide the menu, the permissions and the scope;
  notifications: the unread count in the header);
- language, time zone, today, script prefix, path and query string, and the htmx headers
  (a partial answers `HX-Request`);
- the epochs of the tables the page reads, which the view names (a test per view captures the
  tables its statements read and fails when one is missing).

Never kept: anything but a 200 text/html answer; a page with a message waiting (shown once, by
the render) or one whose view adds a message or sets a cookie; a long query string; a
transaction that has written (it may see rows no one else sees yet); SQLite (no epochs: pages
render as before). The view's guard runs before `kept_page` on every request, so a refused
user is refused again whatever was kept.

The CSRF token: the kept html holds TOKEN_MARK where the page's forms put the token (the
`csrf_token` context variable, set to the mark by `marking`, a context processor listed after
Django's), and each answer joins the pieces with the request's own token — asked, as a render
asks it, only where the page has a form.

Memory: at most KEPT_PAGES pages and KEPT_CHARACTERS characters a process, least recently
asked first out; pages of the same tables under older epochs are dropped as soon as a page under
newer ones is kept (their key can never be asked again).
"""

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable

from django.conf import settings
from django.db import connection
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.urls import get_script_prefix
from django.utils import timezone
from django.utils.translation import get_language

from core.context_processors import request_user
from core.table_epochs import epochs

KEPT_PAGES = 512
KEPT_CHARACTERS = 16_000_000  # ~16–32 MB a process whatever the pages' sizes (a ledger page ~60 kB)
MAX_QUERY_STRING = 300
# Stands for the CSRF token in a page rendered for keeping. It holds NUL, which no content can:
# PostgreSQL text has none, and the epochs (so keeping) are PostgreSQL's only.
TOKEN_MARK = "\x00csrf-token\x00"
MARKING = "_tdkt_kept_marking"

# What the apps add to a page's key about the user (AppConfig.ready): each is called with the
# request and its user and returns something hashable.
KEY_PARTS: list[Callable[[object, object], Hashable]] = []

_pages: OrderedDict = OrderedDict()  # key -> Kept
_size = [0]  # the kept pages' characters
_lock = threading.Lock()


class Kept:
    """A kept answer: its html split at its CSRF tokens, and its headers."""

    __slots__ = ("headers", "pieces", "size")

    def __init__(self, pieces: tuple[str, ...], headers: tuple):
        self.pieces, self.headers = pieces, headers
        self.size = sum(map(len, pieces))

    def response(self, request) -> HttpResponse:
        body = (get_token(request).join(self.pieces) if len(self.pieces) > 1
                else self.pieces[0])
        return HttpResponse(body, headers=dict(self.headers))


def marking(request) -> dict:
    """Context processor: the CSRF token as TOKEN_MARK while a page is rendered for keeping."""
    return {"csrf_token": TOKEN_MARK} if getattr(request, MARKING, False) else {}


def _waiting_messages(request) -> bool:
    """A message waits: the render shows it once, so the page is neither kept nor served kept.
    Asked as the layout asks (`{% if messages %}`), without marking them read."""
    return bool(getattr(request, "_messages", ()))


def _key(request, tables: tuple[str, ...], also: Hashable) -> tuple | None:
    query = request.META.get("QUERY_STRING", "")
    user = request_user(request)
    if (not settings.TDKT_KEEP_PAGES or request.method not in ("GET", "HEAD")
            or len(query) > MAX_QUERY_STRING or user is None or not user.is_authenticated
            or _waiting_messages(request)):
        return None
    stamp = epochs(connection, tables)
    if stamp is None:
        return None
    # The htmx headers, read from META itself (request.headers builds a dict of them all).
    hx = tuple(sorted(item for item in request.META.items() if item[0].startswith("HTTP_HX_")))
    return (stamp, tables, also, user.pk, str(user), user.is_superuser, user.is_staff,
            *(part(request, user) for part in KEY_PARTS),
            get_language(), timezone.get_current_timezone_name(), timezone.localdate(),
            get_script_prefix(), request.path, query, hx)


def _keepable(request, response) -> bool:
    storage = getattr(request, "_messages", None)
    return (response.status_code == 200 and not response.streaming and not response.cookies
            and response.get("Content-Type", "").startswith("text/html")
            and not getattr(storage, "added_new", False))


def _keep(key: tuple, page: Kept) -> None:
    stamp, tables = key[0], key[1]
    with _lock:
        # Pages of the same tables under older epochs are never asked again: let them go.
        for old in [k for k in _pages if k[1] == tables and k[0] != stamp]:
            _size[0] -= _pages.pop(old).size
        if (before := _pages.pop(key, None)) is not None:  # two threads rendered it at once
            _size[0] -= before.size
        _pages[key] = page
        _size[0] += page.size
        while len(_pages) > KEPT_PAGES or _size[0] > KEPT_CHARACTERS:
            _size[0] -= _pages.popitem(last=False)[1].size


def forget_all() -> None:
    """Every kept page let go (tests: each starts with none)."""
    with _lock:
        _pages.clear()
        _size[0] = 0


def kept_page(request, tables, respond: Callable[[], HttpResponse],
              also: Hashable = None) -> HttpResponse:
    """`respond()`'s answer, kept under `tables`' epochs and the key (module doc); call it
    after the view's guard. `tables`: every table the page's statements read; `also`: what
    else decides the page, read before it (versions kept outside the database)."""
    tables = tuple(sorted(set(tables)))
    key = _key(request, tables, also)
    if key is None:
        return respond()
    with _lock:
        page = _pages.get(key)
        if page is not None:
            _pages.move_to_end(key)
    if page is not None:
        return page.response(request)
    setattr(request, MARKING, True)
    try:
        response = respond()
    finally:
        setattr(request, MARKING, False)
    if not _keepable(request, response):
        return _unmarked(request, response)
    page = Kept(tuple(response.content.decode().split(TOKEN_MARK)),
                tuple((name, value) for name, value in response.items()))
    _keep(key, page)
    return page.response(request)


def _unmarked(request, response):
    """An answer rendered for keeping but not kept: its marks replaced by the request's token."""
    if response.streaming or TOKEN_MARK.encode() not in response.content:
        return response
    response.content = response.content.replace(TOKEN_MARK.encode(),
                                                get_token(request).encode())
    return response
