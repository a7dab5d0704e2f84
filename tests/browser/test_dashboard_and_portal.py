"""The board's dashboard and the public portal in Chromium, on a phone and on a desktop screen,
over the demo province: the charts and the awardees are visible, nothing breaks the strict CSP,
and the portal fits a phone's width.

Screenshots go to a temporary folder; with TDKT_SCREENSHOTS=1 the desktop and phone pictures
replace docs/screenshots/{dashboard,portal,portal-decision}.png and their -phone
variants (README shows them)."""

import os
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse

from accounts.interfaces.demo import DEMO_PASSWORD
from decisions.models import Decision
from tests.browser.test_sign_in_and_search import page, sign_in  # noqa: F401

pytestmark = [pytest.mark.browser,
              pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("reference_data")]

VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}


@pytest.fixture
def shots(tmp_path) -> Path:
    if os.environ.get("TDKT_SCREENSHOTS") == "1":
        return Path(settings.BASE_DIR) / "docs" / "screenshots"
    return tmp_path


def _shot(page, folder: Path, name: str, viewport: str) -> None:  # noqa: F811
    suffix = "" if viewport == "desktop" else "-phone"
    page.screenshot(path=str(folder / f"{name}{suffix}.png"), full_page=True)


def _fits_width(page) -> bool:  # noqa: F811
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_dashboard_and_portal_on_phone_and_desktop(page, live_server, shots):  # noqa: F811
    from playwright.sync_api import expect

    call_command("seed_demo", people=300, verbosity=0)
    # The department's decision: the one with a corrected and a revoked awardee.
    decision = Decision.objects.filter(state="issued", kind="award",
                                       amendments__isnull=False).distinct().get()
    awardee = decision.items.order_by("ordinal").first().recipient_name
    base = live_server.url
    for viewport, size in VIEWPORTS.items():
        page.set_viewport_size(size)
        sign_in(page, base, "banthidua", DEMO_PASSWORD)
        page.goto(base + reverse("reports:dashboard"))
        charts = page.locator("svg.chart")
        expect(charts.first).to_be_visible()
        assert charts.count() >= 3, viewport
        _shot(page, shots, "dashboard", viewport)
        page.context.clear_cookies()  # the portal as the public sees it


        page.goto(base + reverse("portal:home"))
        expect(page.get_by_role("link", name=decision.number_label)).to_be_visible()
        assert _fits_width(page), viewport

        page.goto(base + reverse("portal:decision_list") + "?" + urlencode({"q": awardee}))
        expect(page.locator("ul.hits").first).to_contain_text(awardee)
        assert _fits_width(page), viewport
        _shot(page, shots, "portal", viewport)

        page.goto(base + reverse("portal:decision_detail", args=[decision.public_id]))
        # On a phone each cell is labelled by CSS ("Tên: …"), so match the text, not the name.
        expect(page.locator("table.awardees td", has_text=awardee)).to_be_visible()
        expect(page.locator("table.awardees .badge.danger")).to_be_visible()  # the revoked one
        assert _fits_width(page), viewport
        _shot(page, shots, "portal-decision", viewport)
    assert page.errors == []
