"""End to end in a real browser: sign in, search people without diacritics, sign-in lock-out.

Playwright drives Debian's chromium (`apt-get install chromium`; `.ci/run` installs it) against
pytest-django's live server. Without chromium the tests are skipped with a printed reason, unless
TDKT_REQUIRE_BROWSER=1 (set by `.ci/run`), where a missing browser is a failure.
"""

import os
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connections
from django.utils import translation

from accounts.interfaces.forms import ThrottledAuthenticationForm
from tests.conftest import PASSWORD
from tests.factories import PersonFactory

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",  # CI runs as root, where chromium's sandbox cannot start
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
SCREENSHOTS = Path(settings.BASE_DIR) / "var" / "screenshots"

pytestmark = [pytest.mark.browser,
              pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("reference_data")]


@pytest.fixture
def page(live_server, monkeypatch):
    """A fresh headless chromium page, UI language Vietnamese (the users' language)."""
    if not CHROMIUM.exists():
        reason = "Debian chromium is not installed (apt-get install chromium); .ci/run installs it"
        if os.environ.get("TDKT_REQUIRE_BROWSER") == "1":
            pytest.fail(reason)
        pytest.skip(reason)
    # Playwright's sync API keeps an asyncio event loop running in this thread (in a greenlet),
    # so Django's async-safety guard would refuse every ORM call the test makes meanwhile
    # (SynchronousOnlyOperation). The calls are plain synchronous ones, so the guard is lifted —
    # for these tests only: monkeypatch restores the environment afterwards instead of changing
    # it for the whole pytest session at import time.
    # The running loop also makes Django keep this thread's database connections in a separate
    # (context-variable) store: the test's ORM calls get their own connection, closed below
    # while the loop still runs — else PostgreSQL refuses to drop the test database at the end.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                    args=CHROMIUM_ARGS)
        context = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900})
        context.set_default_timeout(15_000)
        page = context.new_page()
        page.errors = []  # uncaught script errors and console errors (CSP violations included)
        page.on("pageerror", lambda exc: page.errors.append(str(exc)))
        page.on("console", lambda msg: _console_error(page, msg))
        try:
            yield page
        finally:
            connections.close_all()
            context.close()
            browser.close()


def _console_error(page, msg) -> None:
    # Chromium asks for /favicon.ico by itself; the site has none, which is not a page error.
    if msg.type == "error" and not msg.location.get("url", "").endswith("/favicon.ico"):
        page.errors.append(f"{msg.text} ({msg.location.get('url')})")


def sign_in(page, base_url: str, username: str, password: str) -> None:
    page.goto(base_url + "/accounts/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(password)
    page.locator("#id_password").press("Enter")  # the form posts to itself
    page.wait_for_load_state()


def test_officer_signs_in_and_finds_a_person_without_diacritics(page, live_server, dept_a,
                                                                officer_a):
    from playwright.sync_api import expect

    PersonFactory(full_name="Nguyễn Văn An", unit=dept_a)
    PersonFactory(full_name="Trần Thị Bình", unit=dept_a)

    sign_in(page, live_server.url, officer_a.username, PASSWORD)
    expect(page).not_to_have_url(re.compile(r"/accounts/login/"))

    page.goto(live_server.url + "/organisations/people/")
    results = page.locator("table")
    expect(results).to_contain_text("Trần Thị Bình")  # both listed before the search

    search = page.locator("form[method=get] input[name=q]")
    search.fill("nguyen van an")
    search.press("Enter")

    # htmx swaps the results in and pushes the URL (%20); without script the form navigates (+).
    expect(page).to_have_url(re.compile(r"[?&]q=nguyen(\+|%20)van(\+|%20)an(&|$)"))
    expect(results).not_to_contain_text("Trần Thị Bình")  # retried until the results change
    expect(results.get_by_role("link", name="Nguyễn Văn An")).to_be_visible()

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "people-search.png"), full_page=True)
    assert page.errors == []


def test_five_wrong_passwords_lock_the_account_out(page, live_server, officer_a):
    from playwright.sync_api import expect

    alert = page.get_by_role("alert")
    for _attempt in range(settings.TDKT_LOGIN_MAX_FAILURES_PER_USER):
        sign_in(page, live_server.url, officer_a.username, "sai-mat-khau")
        expect(alert).to_be_visible()

    sign_in(page, live_server.url, officer_a.username, PASSWORD)  # right, but too late
    with translation.override("vi"):
        locked_out = str(ThrottledAuthenticationForm.error_messages["locked_out"])
    expect(alert).to_have_text(locked_out)
    expect(page).to_have_url(re.compile(r"/accounts/login/$"))

    page.goto(live_server.url + "/organisations/people/")  # still signed out
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next="))
    assert page.errors == []
