"""The session and its user are read through the shared cache (accounts.domain.user_cache,
cached_db sessions): a second page asks the database for neither, and a deactivated account, a
changed name or a signed-out session is seen on the very next request."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.domain.users import set_active
from accounts.models import User

pytestmark = pytest.mark.django_db


def _queries(client, url) -> list[str]:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return [q["sql"] for q in ctx.captured_queries]


def _touching(queries, table) -> int:
    return sum(f'"{table}"' in sql for sql in queries)


def test_a_second_page_reads_neither_session_nor_user_from_the_database(client_for, board_user):
    client = client_for(board_user)
    url = reverse("organisations:person_list")
    client.get(url)  # warm-up: the layout's own caches (roles, scope, menu)
    second = _queries(client, url)
    assert (_touching(second, "django_session"), _touching(second, "accounts_user")) == (0, 0)


def test_a_cold_cache_reads_each_once_and_keeps_them(client_for, board_user):
    client = client_for(board_user)
    url = reverse("organisations:person_list")
    client.get(url)
    cache.clear()  # the file cache culls entries at random: the database answers, then the cache
    first = _queries(client, url)
    second = _queries(client, url)
    assert (_touching(first, "django_session"), _touching(first, "accounts_user")) == (1, 1)
    assert (_touching(second, "django_session"), _touching(second, "accounts_user")) == (0, 0)


def test_a_deactivated_account_is_signed_out_on_the_next_request(client_for, officer_a,
                                                                 admin_user):
    client = client_for(officer_a)
    url = reverse("organisations:person_list")
    assert client.get(url).status_code == 200
    set_active(admin_user, officer_a, False, "Nghỉ hưu")
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_a_changed_name_shows_on_the_next_page(client_for, officer_a):
    client = client_for(officer_a)
    url = reverse("organisations:person_list")
    assert "Nguyễn Văn Mới" not in client.get(url).content.decode()
    user = User.objects.get(pk=officer_a.pk)
    user.full_name = "Nguyễn Văn Mới"
    user.save(update_fields=["full_name"])
    assert client.get(url).context["user"].full_name == "Nguyễn Văn Mới"


def test_a_signed_out_session_stays_out(client_for, officer_a):
    client = client_for(officer_a)
    url = reverse("organisations:person_list")
    assert client.get(url).status_code == 200
    stolen = client.cookies["sessionid"].value
    assert client.post(reverse("accounts:logout")).status_code == 302
    replay = Client()
    replay.cookies["sessionid"] = stolen
    response = replay.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
