"""A signed-in user's list page kept under its tables' epochs (core.interfaces.kept_pages), on
the people list: asked again it is the same bytes with a CSRF token of its own, read with one
statement; every committed write the page shows, a change of role, a message waiting, another
user, another language or an htmx request asks a new page; the page's statements read only the
tables it is kept under. PostgreSQL only (SQLite has no epochs: nothing is kept there — the last
test); committed transactions (`transaction=True`): the epochs move at commit."""

import re

import pytest
from django.contrib.messages import constants
from django.contrib.messages.storage.base import Message
from django.contrib.messages.storage.cookie import CookieStorage
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.enums import Role
from accounts.models import RoleAssignment
from core.interfaces import kept_pages
from organisations.domain import people
from organisations.views.people import PERSON_LIST_TABLES
from tests.factories import PersonFactory

URL = reverse("organisations:person_list")
# Never a page's data: the epochs themselves and PostgreSQL's row estimate (which decides how
# a page is read, not what).
KEYED_OTHERWISE = {"core_table_epoch", "organisations_person_words_epoch", "portal_public_epoch",
                   "pg_class"}
TABLE = re.compile(r'(?:FROM|JOIN)\s+(?!LATERAL\b)"?(\w+)"?')


def key_read(sql: str, user_pk: int) -> bool:
    """Whether a statement is one of the reads the key holds otherwise — the session, the
    signed-in user's own row (its id, name and flags are in the key), the user's roles with
    their units and clusters (KEY_PARTS), the user's unread count (KEY_PARTS) — and nothing
    else: another user's name (the audit log's actors) or all roles (the users' list) are a
    page's data, whose tables must be among its TABLES."""
    own = rf'= {user_pk}\b'
    return ('FROM "django_session"' in sql
            or (re.search(rf'FROM "accounts_user" WHERE "accounts_user"\."id" {own}', sql)
                is not None and " JOIN " not in sql)
            or (sql.count("FROM ") == 1 and 'FROM "accounts_roleassignment"' in sql
                and re.search(rf'"accounts_roleassignment"\."user_id" {own}', sql) is not None)
            or (sql.startswith('SELECT COUNT(*) AS "__count" FROM "notifications_notification"')
                and re.search(rf'"notifications_notification"\."recipient_id" {own}', sql)
                is not None))


def tables_of(sql: str, user_pk: int) -> set[str]:
    """The tables a page's statement reads for its page (none for the key's own reads)."""
    return set() if key_read(sql, user_pk) else set(TABLE.findall(sql)) - KEYED_OTHERWISE


TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def page(client, url: str = URL, **headers) -> tuple[int, str, int, list[str]]:
    """Status, html (CSRF tokens blanked), statements sent, and the tokens of one request."""
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, headers=headers)
    html = response.content.decode()
    return (response.status_code, TOKEN.sub("csrf", html), len(ctx.captured_queries),
            TOKEN.findall(html))


@pytest.fixture
def listed(school_a):
    return [PersonFactory(unit=school_a, full_name=f"Lê Văn {i:02d}") for i in range(3)]


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
class TestKept:

    def test_asked_again_it_is_the_same_page_read_with_one_statement(self, client, officer_a,
                                                                      listed):
        client.force_login(officer_a)
        first, again, third = page(client), page(client), page(client)
        assert (again[:2], again[2], third[:3]) == (first[:2], 1, first[:2] + (1,))
        assert first[2] > 1
        assert "Lê Văn 01" in first[1]

    def test_each_answer_carries_a_token_of_its_own_which_the_forms_accept(self, officer_a,
                                                                           listed):
        client = Client(enforce_csrf_checks=True)
        client.force_login(officer_a)
        tokens = [page(client)[3] for _ in range(3)]
        assert [len(set(t)) for t in tokens] == [1, 1, 1]  # both forms of a page: one token
        assert len({t[0] for t in tokens}) == 3
        assert "\x00" not in client.get(URL).content.decode()
        response = client.post(reverse("set_language"),
                               {"csrfmiddlewaretoken": tokens[2][0], "language": "en",
                                "next": URL})
        assert response.status_code == 302

    def test_every_committed_write_it_shows_is_on_the_next_request(self, client, officer_a,
                                                                   listed, school_a):
        client.force_login(officer_a)
        page(client)
        people.update_person(None, listed[1], full_name="Trần Thị Bình")
        renamed = page(client)
        assert ("Trần Thị Bình" in renamed[1], renamed[2] > 1) == (True, True)
        school_a.name = "Trường Tiểu học Đổi Tên"
        school_a.save()
        assert "Trường Tiểu học Đổi Tên" in page(client)[1]

    def test_a_change_of_role_asks_a_new_page(self, client, officer_a, listed, dept_b):
        client.force_login(officer_a)
        page(client)
        RoleAssignment.objects.create(user=officer_a, role=Role.UNIT_OFFICER, unit=dept_b)
        assert page(client)[2] > 1

    def test_another_user_language_or_htmx_request_is_another_page(self, client, officer_a,
                                                                   board_user, listed):
        client.force_login(officer_a)
        mine = page(client)
        client.force_login(board_user)
        assert page(client)[2] > 1
        client.force_login(officer_a)  # a sign-in writes the user: read again, then cached
        assert [page(client)[:2], page(client)[:3]] == [mine[:2], mine[:2] + (1,)]
        client.cookies["django_language"] = "en"
        english = page(client)
        assert (english[2] > 1, english[1] != mine[1]) == (True, True)
        partial = page(client, HX_Request="true")
        assert (partial[2] > 1, "<html" in partial[1]) == (True, False)
        assert page(client, HX_Request="true")[:3] == partial[:2] + (1,)

    def test_a_waiting_message_is_shown_once_and_the_kept_page_returns(self, client,
                                                                        officer_a, listed):
        client.force_login(officer_a)
        first = page(client)
        storage = CookieStorage(None)
        client.cookies["messages"] = storage._encode([Message(constants.INFO, "Đã lưu.")])
        shown = page(client)
        assert ("Đã lưu." in shown[1], "Đã lưu." in first[1]) == (True, False)
        assert page(client)[:3] == first[:2] + (1,)

    def test_what_is_kept_stays_within_its_bounds(self, client, officer_a, board_user, listed,
                                                   monkeypatch):
        client.force_login(officer_a)
        page(client)
        size = kept_pages._size[0]
        monkeypatch.setattr(kept_pages, "KEPT_CHARACTERS", size * 2 + size // 2)
        for query in ("?page=1", "?q=le"):
            page(client, URL + query)
        assert (len(kept_pages._pages), kept_pages._size[0] <= size * 2.5) == (2, True)
        monkeypatch.setattr(kept_pages, "KEPT_PAGES", 1)
        page(client, URL + "?q=van")
        assert (len(kept_pages._pages), kept_pages._size[0]) == (
            1, next(iter(kept_pages._pages.values())).size)
        assert page(client, URL + "?q=van")[2] == 1

    def test_the_pages_statements_read_only_the_tables_it_is_kept_under(
            self, client, officer_a, board_user, listed, school_a, settings):
        """Cold (no role, user or page cached): every statement a people page sends."""
        settings.TDKT_KEEP_PAGES = False
        read = set()
        for user in (officer_a, board_user):
            client.force_login(user)
            for query in ("", "?q=le", "?q=le+van&page=2", f"?unit={school_a.code}&gender=male",
                          "?page=2", "?q=nguyen&after=zz"):
                from django.core.cache import cache  # noqa: PLC0415 this test's
                cache.clear()
                with CaptureQueriesContext(connection) as ctx:
                    assert client.get(URL + query).status_code == 200
                read |= {table for q in ctx.captured_queries
                         for table in tables_of(q["sql"], user.pk)}
        assert sorted(read - set(PERSON_LIST_TABLES)) == []


@pytest.mark.django_db
def test_on_sqlite_nothing_is_kept_and_the_forms_carry_real_tokens(client, officer_a, listed):
    if connection.vendor == "postgresql":
        pytest.skip("SQLite's own behaviour")
    client.force_login(officer_a)
    first, again = page(client), page(client)
    assert (again[:2], dict(kept_pages._pages)) == (first[:2], {})
    assert ([len(t[0]) for t in (first[3], again[3])], first[3] != again[3]) == ([64, 64], True)
