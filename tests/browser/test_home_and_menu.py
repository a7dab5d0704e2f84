"""The home page (Việc cần làm) of every demo persona and the menu by task, in Chromium at
1280 px and on a 390 px phone: something to do on every home page, no horizontal scrolling, the
menu groups fold and open with no script, the appraisal inbox shows state and deadline on a
phone.

Screenshots go to a temporary folder; with TDKT_SCREENSHOTS=1 they replace
docs/screenshots/home-<persona>-<width>.png, which docs/user-guide.md shows."""

import os
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse

from accounts.interfaces.demo import DEMO_PASSWORD, PERSONAS
from tests.browser.test_sign_in_and_search import page, sign_in  # noqa: F401
from tests.conftest import PASSWORD
from tests.proposals.helpers import submitted

pytestmark = [pytest.mark.browser,
              pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("reference_data")]

WIDTHS = {1280: {"width": 1280, "height": 900}, 390: {"width": 390, "height": 844}}


@pytest.fixture
def shots(tmp_path) -> Path:
    if os.environ.get("TDKT_SCREENSHOTS") == "1":
        return Path(settings.BASE_DIR) / "docs" / "screenshots"
    return tmp_path


def _fits_width(page) -> bool:  # noqa: F811
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_every_persona_home_page_has_something_to_do(page, live_server, shots):  # noqa: F811
    from playwright.sync_api import expect

    call_command("seed_demo", people=300, verbosity=0)
    base = live_server.url
    for username, *_rest in PERSONAS:
        for width, size in WIDTHS.items():
            page.context.clear_cookies()
            page.set_viewport_size(size)
            sign_in(page, base, username, DEMO_PASSWORD)
            page.goto(base + reverse("core:home"))
            expect(page.locator("main h2#todo-title")).to_have_text("Việc cần làm")
            items = page.locator("main li.todo-item")
            assert items.count() >= 1, (username, width)
            expect(items.first).to_be_visible()
            assert _fits_width(page), (username, width)
            page.screenshot(path=str(shots / f"home-{username}-{width}.png"), full_page=True)
    assert page.errors == []


def test_menu_folds_on_a_phone_and_the_inbox_fits(page, live_server, officer_a,  # noqa: F811
                                                  board_user, dept_a):
    from playwright.sync_api import expect

    proposal = submitted(officer_a, dept_a, dept_a)
    page.set_viewport_size(WIDTHS[390])
    sign_in(page, live_server.url, board_user.username, PASSWORD)
    page.goto(live_server.url + reverse("core:home"))
    menu = page.locator("header nav.mainnav")
    inbox_link = menu.get_by_role("link", name="Hồ sơ chờ thẩm định")
    expect(inbox_link).to_be_hidden()  # every group folded
    assert menu.locator("details").count() == 7
    menu.locator("summary", has_text="Hồ sơ khen thưởng").click()
    expect(inbox_link).to_be_visible()
    assert _fits_width(page)
    # One group open at a time (details name="mainnav"): opening another folds the first.
    menu.locator("summary", has_text="Quản trị").click()
    expect(inbox_link).to_be_hidden()
    menu.locator("summary", has_text="Hồ sơ khen thưởng").click()
    inbox_link.click()

    row = page.locator("main table.stack tbody tr").first
    expect(row).to_contain_text(proposal.code)
    for label in ("Trạng thái", "Hạn xử lý"):
        cell = row.locator(f'td[data-label="{label}"]')
        expect(cell).to_be_visible()
        box = cell.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390, label
    expect(row.locator('td[data-label="Trạng thái"]')).to_contain_text("Đã gửi")
    assert _fits_width(page)
    assert page.errors == []
