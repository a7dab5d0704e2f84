"""What the kept pages' tests of each list share (tests/core/test_kept_pages.py holds the
mechanism's own): the tables a page's statements read, captured cold."""


from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.table_epochs import EPOCHS_SQL
from tests.core.test_kept_pages import page as any_page
from tests.core.test_kept_pages import tables_of

WRITES = ("INSERT", "UPDATE", "DELETE")
EPOCHS_READ = EPOCHS_SQL.split("{names}")[0]


def page_sql(captured) -> list[str]:
    """The statements of `captured` (CaptureQueriesContext.captured_queries) but the kept
    pages' key read: on PostgreSQL every kept view sends it (core.table_epochs.epochs), inside
    a test's transaction too, where it finds the transaction has written and keeps nothing.
    Tests of what a page itself reads leave it out; tests/core/test_kept_pages.py counts it."""
    return [q["sql"] for q in captured if not q["sql"].startswith(EPOCHS_READ)]


def page_at(default_url: str):
    """tests.core.test_kept_pages.page with `default_url` for its default (that one's is the
    people list): status, html (CSRF tokens blanked), statements sent and the tokens."""

    def page(client, url: str = default_url, **headers):
        return any_page(client, url, **headers)

    return page


def tables_read(client, users, urls, *, statuses=(200,)) -> set[str]:
    """Every table the statements of `urls` (full page and htmx partial) read for each of
    `users`, cold: no statement, role or figure cached (`cache.clear()` before each request).
    None of them may write: a page that wrote on GET could not be kept; and at least one
    answer is the page (200), whatever else `statuses` allows the others. Call with
    TDKT_KEEP_PAGES off: a kept page sends no statement of its own."""
    read, answered = set(), set()
    for user in users:
        client.force_login(user)
        for url in urls:
            for headers in ({}, {"HX-Request": "true"}):
                cache.clear()
                with CaptureQueriesContext(connection) as ctx:
                    status = client.get(url, headers=headers).status_code
                assert status in statuses, url
                answered.add(status)
                sql = [q["sql"] for q in ctx.captured_queries]
                assert (url, [s for s in sql if s.lstrip().upper().startswith(WRITES)]) == (
                    url, [])
                read |= {table for s in sql for table in tables_of(s, user.pk)}
    assert 200 in answered, urls
    return read


def unaccounted(read: set[str], tables) -> list[str]:
    """The tables read for the page (tables_of: not the key's own reads) but not kept under."""
    return sorted(read - set(tables))
