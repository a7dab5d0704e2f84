"""End to end in a real browser: a department's officer may not revoke an award the province
granted (no button; the page says who may); the province's board staff revoke it with the
revoking decision, which the ledger then shows (awards.domain.authority)."""

import datetime

import pytest
from django.urls import reverse

from awards.domain.ledger import record_award
from awards.models import AwardRecord, AwardType
from tests.browser.test_sign_in_and_search import page, sign_in  # noqa: F401
from tests.conftest import PASSWORD
from tests.factories import PersonFactory

pytestmark = [pytest.mark.browser,
              pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("reference_data")]


def test_revocation_refused_to_the_department_then_done_by_the_province(
        page, live_server, province, dept_a, officer_a, board_user):  # noqa: F811
    from playwright.sync_api import expect

    person = PersonFactory(unit=dept_a, full_name="Hoàng Thị Thu")
    entry = record_award(None, award_type=AwardType.objects.get(code="ldtt"), year=2024,
                         decision_number="15/QĐ-UBND", decision_date=datetime.date(2025, 1, 15),
                         issuer="Chủ tịch UBND tỉnh", issuer_unit=province, person=person)
    base = live_server.url
    revoke_url = base + reverse("awards:record_revoke", args=[entry.public_id])

    sign_in(page, base, officer_a.username, PASSWORD)
    page.goto(base + reverse("awards:ledger"))
    row = page.locator("tr", has_text="Hoàng Thị Thu")
    expect(row).to_be_visible()
    expect(row.get_by_role("link", name="Thu hồi")).to_have_count(0)  # no button offered
    response = page.goto(revoke_url)  # and the address typed by hand is refused, in words
    assert response.status == 403
    expect(page.get_by_role("alert")).to_contain_text(
        "Chỉ cán bộ của cơ quan đã quyết định khen thưởng (Ủy ban nhân dân tỉnh Thử Nghiệm)")
    expect(page.locator("form[method=post] #id_decision_number")).to_have_count(0)
    page.context.clear_cookies()

    sign_in(page, base, board_user.username, PASSWORD)
    page.goto(base + reverse("awards:ledger"))
    page.locator("tr", has_text="Hoàng Thị Thu").get_by_role("link", name="Thu hồi").click()
    page.locator("#id_decision_number").fill("21/QĐ-UBND")
    page.locator("#id_decision_date").fill("2026-02-10")
    page.locator("#id_decision_issuer").fill("Chủ tịch UBND tỉnh")
    page.locator("#id_reason").fill("Kết luận thanh tra: kê khai thành tích không trung thực")
    page.get_by_role("button", name="Thu hồi").click()
    expect(page.locator("tr", has_text="Hoàng Thị Thu")).to_contain_text(
        "theo Quyết định số 21/QĐ-UBND ngày 10/02/2026 của Chủ tịch UBND tỉnh")
    entry.refresh_from_db()
    assert (entry.revoked, entry.revoking_decision_number) == (True, "21/QĐ-UBND")
    assert AwardRecord.objects.filter(revoked=False).count() == 0
    # The one console error is the refusal's own 403 status; nothing else (CSP included).
    assert [e for e in page.errors if "status of 403" not in e] == []
    assert len(page.errors) == 1
