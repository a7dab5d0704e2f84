"""A movement's sum-up followed to its awards in Chromium: the registered school's officer enters
its results (figures, each registered title achieved) and submits them; the board confirms them
and drafts the award proposal, which opens with the achiever as its nominee, linked to the
movement."""

import pytest
from django.urls import reverse

from awards.models import AwardType
from proposals.models import Proposal
from tests.browser.test_sign_in_and_search import SCREENSHOTS, page, sign_in  # noqa: F401
from tests.conftest import PASSWORD
from tests.emulation.movement_helpers import make_movement, make_registration
from tests.factories import PersonFactory

pytestmark = [pytest.mark.browser,
              pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("reference_data")]


def _as(page, base, user):  # noqa: F811 — `page` is the fixture imported above
    page.context.clear_cookies()
    sign_in(page, base, user.username, PASSWORD)


def _submit(page):  # noqa: F811
    page.locator("main form.card button[type=submit]").click()
    page.wait_for_load_state()


def test_sum_up_results_to_drafted_proposal(page, live_server, province, dept_a,  # noqa: F811
                                            school_a, officer_a, board_user):
    from playwright.sync_api import expect

    base = live_server.url
    movement = make_movement(province, [dept_a], state="mid_reviewed")
    make_registration(movement, school_a, state="approved", entries=[
        (PersonFactory(unit=school_a, full_name="Trần Thị Bình"),
         AwardType.objects.get(code="cstd_co_so"))])
    review_url = base + reverse("emulation:review_results",
                                args=[movement.reviews.get().public_id])

    # 1. The school's officer enters its results and submits them.
    _as(page, base, officer_a)
    page.goto(base + reverse("emulation:movement_detail", args=[movement.public_id]))
    page.get_by_role("link", name="Kết quả", exact=True).click()
    page.get_by_role("link", name=f"{school_a.name} (2025)").click()
    page.fill("#id_targets", "100% học sinh lên lớp")
    page.fill("#id_figures", "99,2% học sinh lên lớp")
    page.check("#id_achieved")
    page.get_by_label("Đạt: Trần Thị Bình", exact=False).check()
    _submit(page)
    page.get_by_role("link", name="Gửi", exact=True).click()
    _submit(page)
    expect(page.locator("main dd.result-state")).to_have_text("Đã gửi")

    # 2. The board confirms and drafts the award proposal.
    _as(page, base, board_user)
    page.goto(review_url)
    page.get_by_role("link", name=school_a.name, exact=True).click()
    page.get_by_role("link", name="Xác nhận", exact=True).click()
    _submit(page)
    expect(page.locator("main dd.result-state")).to_have_text("Đã xác nhận")
    page.goto(review_url)
    page.get_by_role("link", name="Lập dự thảo đề nghị khen thưởng").click()
    _submit(page)
    proposal = Proposal.objects.get()
    assert page.url == base + reverse("proposals:detail", args=[proposal.public_id])
    expect(page.locator("main")).to_contain_text("Trần Thị Bình")
    expect(page.locator("main")).to_contain_text(movement.code)
    page.screenshot(path=str(SCREENSHOTS / "movement-results-proposal.png"), full_page=True)
