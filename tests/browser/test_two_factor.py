"""End to end in a real browser: turn two-factor sign-in on (the QR code loads under the strict
CSP, no script error), then sign in with password + code."""

import re

import pytest

from accounts.domain import totp
from tests.browser.test_sign_in_and_search import SCREENSHOTS, page, sign_in  # noqa: F401
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser,
              pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("reference_data")]


def test_enrol_then_sign_in_with_a_code(page, live_server, officer_a):  # noqa: F811
    from playwright.sync_api import expect

    sign_in(page, live_server.url, officer_a.username, PASSWORD)
    page.goto(live_server.url + "/accounts/security/2fa/enrol/")
    qr = page.locator("img[src$='qr.svg']")
    expect(qr).to_be_visible()
    assert page.evaluate("document.querySelector(\"img[src$='qr.svg']\").naturalWidth") > 0
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "two-factor-enrol.png"), full_page=True)
    secret = page.locator("code").first.inner_text()
    page.locator("#id_code").fill(totp.code_at(secret, totp.step_at()))
    page.locator("#id_code").press("Enter")
    page.wait_for_load_state()
    expect(page.locator(".recovery-codes li")).to_have_count(10)

    page.locator("header .account summary").click()  # the account menu folds its links
    page.locator("form[action$='/logout/'] button").click()
    page.wait_for_load_state()
    sign_in(page, live_server.url, officer_a.username, PASSWORD)
    expect(page).to_have_url(re.compile(r"/accounts/login/code/$"))
    page.locator("#id_code").fill(totp.code_at(secret, totp.step_at() + 1))
    page.locator("#id_code").press("Enter")
    page.wait_for_load_state()
    expect(page).not_to_have_url(re.compile(r"/accounts/login/"))
    assert page.errors == []
