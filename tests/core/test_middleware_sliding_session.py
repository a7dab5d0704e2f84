"""core.middleware.SlidingSessionMiddleware: the idle window slides without a session write on
every request."""

import datetime
import time

import pytest
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.middleware import SlidingSessionMiddleware

pytestmark = pytest.mark.django_db

KEY = SlidingSessionMiddleware.KEY


def session_writes(client, path) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    writes = ('UPDATE "django_session"', 'INSERT INTO "django_session"')
    return sum(q["sql"].startswith(writes) for q in queries.captured_queries)


def expiry(client):
    return Session.objects.get(session_key=client.session.session_key).expire_date


def test_a_request_within_the_refresh_interval_writes_no_session(client, officer_a):
    client.force_login(officer_a)  # signing in stamps the session
    assert session_writes(client, reverse("core:home")) == 0


def test_a_request_after_the_refresh_interval_moves_the_expiry(client, officer_a, settings):
    client.force_login(officer_a)
    client.get(reverse("core:home"))
    session = client.session
    session[KEY] = int(time.time()) - settings.TDKT_SESSION_REFRESH_SECONDS
    session.save()
    Session.objects.filter(session_key=session.session_key).update(
        expire_date=Session.objects.get(session_key=session.session_key).expire_date
        - datetime.timedelta(minutes=5))
    before = expiry(client)
    assert session_writes(client, reverse("core:home")) == 1
    assert expiry(client) > before
    assert client.session[KEY] >= int(time.time()) - 5


def test_an_anonymous_request_creates_no_session(client):
    assert session_writes(client, reverse("accounts:login")) == 0
    assert Session.objects.count() == 0


# Sessions are read through the cache (cached_db), whose entry expires with the session: editing
# the database row alone would not age it. These tests let real time pass, on a short idle
# window, so both stores expire as they do in production.

def test_an_idle_session_ends(client, officer_a, settings):
    settings.SESSION_COOKIE_AGE = 1
    client.force_login(officer_a)
    assert client.get(reverse("core:home")).status_code == 200
    time.sleep(1.2)
    response = client.get(reverse("core:home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_a_used_session_outlives_its_first_expiry(client, officer_a, settings):
    settings.SESSION_COOKIE_AGE, settings.TDKT_SESSION_REFRESH_SECONDS = 2, 1
    client.force_login(officer_a)  # expires 2 s from now unless a request slides it
    time.sleep(1.2)
    assert client.get(reverse("core:home")).status_code == 200  # saved: 2 s from now
    time.sleep(1.2)  # 2.4 s after sign-in: past the first expiry
    assert client.get(reverse("core:home")).status_code == 200
