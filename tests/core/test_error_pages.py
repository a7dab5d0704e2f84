"""Friendly 404/500 pages in the site's layout, also under DEBUG (`make run`), never Django's
technical page with the URL list and the settings."""

import uuid

import pytest
from django.test import Client
from django.urls import reverse

TECHNICAL_MARKERS = ("URLconf", "urlpatterns", "Traceback", "SECRET_KEY")


def _technical(text: str) -> list[str]:
    return [marker for marker in TECHNICAL_MARKERS if marker in text]


def _ours(response) -> list[str]:
    """Our templates rendered for the response (under DEBUG Django renders its technical page
    first, unnamed, which the middleware then replaces)."""
    return [t.name for t in response.templates if t.name]


@pytest.mark.parametrize("debug", [True, False])
def test_unknown_address_shows_the_site_404(client, settings, officer_a, debug):
    settings.DEBUG = debug
    client.force_login(officer_a)
    response = client.get("/khong-co-trang-nay/")
    assert response.status_code == 404
    assert _ours(response)[:2] == ["core/404.html", "core/base.html"]
    assert _technical(response.text) == []
    assert 'class="mainnav"' in response.text  # in the site's layout, with the menu


@pytest.mark.parametrize("debug", [True, False])
def test_object_outside_scope_shows_the_same_404(client, settings, outsider, debug):
    settings.DEBUG = debug
    client.force_login(outsider)
    response = client.get(reverse("proposals:detail", args=[uuid.uuid4()]))
    assert response.status_code == 404
    assert _ours(response)[0] == "core/404.html"
    assert _technical(response.text) == []


def test_anonymous_unknown_address_shows_the_404_without_menu(client, settings):
    settings.DEBUG = True
    response = client.get("/khong-co-trang-nay/")
    assert response.status_code == 404
    assert _ours(response)[0] == "core/404.html"
    assert 'class="mainnav"' not in response.text


@pytest.mark.urls("tests.core.crash_urls")
@pytest.mark.parametrize("debug", [True, False])
def test_crash_shows_the_site_500(settings, officer_a, debug):
    settings.DEBUG = debug
    client = Client(raise_request_exception=False)
    client.force_login(officer_a)
    response = client.get("/crash/")
    assert response.status_code == 500
    assert _ours(response)[0] == "core/500.html"
    assert _technical(response.text) == []
    assert "the database went away" not in response.text


def test_technical_pages_come_back_on_request(client, settings):
    settings.DEBUG = True
    settings.TDKT_TECHNICAL_ERROR_PAGES = True
    response = client.get("/khong-co-trang-nay/")
    assert response.status_code == 404
    assert "URLconf" in response.text


def test_api_errors_stay_json_under_debug(client, settings, officer_a):
    settings.DEBUG = True
    client.force_login(officer_a)
    response = client.get("/api/v1/people/" + str(uuid.uuid4()))
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
