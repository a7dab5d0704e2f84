"""In Chromium: the unit officer whose nominee the province awarded opens the decision from the
decisions list, downloads its PDF and the awardee's certificate (issue 13)."""

from pathlib import Path

import pytest
from django.urls import reverse

from decisions.domain import issuing
from tests.browser.test_sign_in_and_search import page, sign_in  # noqa: F401
from tests.conftest import PASSWORD
from tests.decisions.helpers import DECIDED_ON, draft_for, to_the_province

pytestmark = [pytest.mark.browser,
              pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("reference_data")]


def _downloaded(page, locator) -> bytes:  # noqa: F811 — `page` is the fixture imported above
    with page.expect_download() as info:
        locator.click()
    return Path(info.value.path()).read_bytes()


def test_unit_officer_downloads_its_decision_and_certificate(page, live_server,  # noqa: F811
                                                            officer_a, outsider, board_user,
                                                            approver_user, province, dept_a,
                                                            dept_b):
    from playwright.sync_api import expect

    ours = to_the_province(officer_a, board_user, dept_a, province)
    theirs = to_the_province(outsider, board_user, dept_b, province)
    decision = issuing.issue_decision(
        approver_user, draft_for(board_user, [ours, theirs], province, symbol="QĐ-UBND"),
        date=DECIDED_ON)
    awardee = decision.items.get(unit=dept_a)
    other = decision.items.get(unit=dept_b)
    base = live_server.url

    sign_in(page, base, officer_a.username, PASSWORD)
    page.goto(base + reverse("decisions:list"))
    page.get_by_role("link", name=decision.number_label).click()
    expect(page).to_have_url(base + reverse("decisions:detail", args=[decision.public_id]))
    expect(page.locator("main")).to_contain_text(awardee.certificates.get().code)
    expect(page.locator("main")).not_to_contain_text(other.certificates.get().code)

    toolbar = page.locator("main .toolbar")
    pdf = _downloaded(page, toolbar.get_by_role("link", name="PDF", exact=True))
    certificate = _downloaded(page, page.locator(
        f"a[href='{reverse('decisions:item_certificate', args=[awardee.public_id])}']"))
    assert (pdf[:5], certificate[:5]) == (b"%PDF-", b"%PDF-")
    assert page.locator(f"a[href*='{other.public_id}']").count() == 0
    assert page.errors == []
