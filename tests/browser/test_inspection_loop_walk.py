"""An inspection followed to the end in Chromium: the board records the findings with the
signed minutes, concludes with the notice and sets a task; the inspected unit's officer reads
its inspection, reports completion with an evidence file; the board returns it with a reason;
the officer reports again; the board accepts, and the task stays listed with its notes."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from emulation.exemplars.models import RemediationTask, TaskReport
from tests.browser.test_sign_in_and_search import SCREENSHOTS, page, sign_in  # noqa: F401
from tests.conftest import PASSWORD
from tests.emulation.helpers import PDF, make_visit

pytestmark = [pytest.mark.browser,
              pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("reference_data")]


def _as(page, base, user):  # noqa: F811 — `page` is the fixture imported above
    page.context.clear_cookies()
    sign_in(page, base, user.username, PASSWORD)


def _submit(page):  # noqa: F811
    page.locator("main form.card button[type=submit]").click()
    page.wait_for_load_state()


def test_inspection_task_reported_returned_and_accepted(page, live_server, province,  # noqa: F811
                                                        school_a, officer_a, board_user,
                                                        tmp_path):
    from playwright.sync_api import expect

    base = live_server.url
    minutes, evidence = tmp_path / "bien-ban-kiem-tra.pdf", tmp_path / "bien-ban-bo-sung.pdf"
    for path in (minutes, evidence):
        path.write_bytes(PDF)
    visit = make_visit(province, school_a, date=timezone.localdate())
    visit_url = base + reverse("emulation:visit_detail", args=[visit.public_id])

    # 1. The board records the findings with the minutes, concludes, sets a task.
    _as(page, base, board_user)
    page.goto(visit_url)
    page.get_by_role("link", name="Ghi kết quả kiểm tra").click()
    page.fill("#id_findings", "Hồ sơ bình xét thiếu biên bản họp Hội đồng thi đua")
    page.set_input_files("#id_minutes", str(minutes))
    _submit(page)
    page.get_by_role("link", name="Kết luận").click()
    page.fill("#id_conclusion", "Bổ sung biên bản trong 30 ngày")
    _submit(page)
    page.get_by_role("link", name="Thêm nhiệm vụ khắc phục").click()
    page.fill("#id_description", "Bổ sung biên bản họp Hội đồng thi đua")
    page.select_option("#id_owner_unit", str(school_a.pk))
    page.fill("#id_deadline", (timezone.localdate() + datetime.timedelta(days=30)).isoformat())
    _submit(page)
    task = RemediationTask.objects.get()

    # 2. The unit's officer reads its inspection and reports completion with evidence.
    _as(page, base, officer_a)
    page.goto(base + reverse("emulation:my_inspections"))
    page.get_by_role("link", name=school_a.name).click()
    expect(page.locator("main dd.findings")).to_have_text(
        "Hồ sơ bình xét thiếu biên bản họp Hội đồng thi đua")
    expect(page.locator("main ul.documents")).to_contain_text("bien-ban-kiem-tra.pdf")
    page.get_by_role("link", name="Bổ sung biên bản họp Hội đồng thi đua").click()
    page.get_by_role("link", name="Báo cáo hoàn thành").click()
    page.fill("#id_note", "Đã họp bổ sung ngày 10/12")
    _submit(page)  # no evidence: refused, the field named
    expect(page.locator("#id_evidence_1 ~ ul.errorlist, #id_evidence_1 + ul.errorlist")
           ).to_contain_text("Đính kèm ít nhất một tệp minh chứng")
    page.set_input_files("#id_evidence_1", str(evidence))
    _submit(page)
    expect(page.locator("main dd.task-state")).to_have_text("Đã báo cáo hoàn thành")

    # 3. The board returns it with a reason: the task is the unit's again.
    _as(page, base, board_user)
    page.goto(base + reverse("emulation:task_detail", args=[task.public_id]))
    page.get_by_role("link", name="Chấp nhận hoặc trả lại").click()
    page.get_by_label("Trả lại để tiếp tục khắc phục").check()
    page.fill("#id_reason", "Biên bản chưa có chữ ký chủ tọa")
    _submit(page)
    expect(page.locator("main dd.task-state")).to_have_text("Bị trả lại, tiếp tục khắc phục")

    # 4. The officer reports again; the board accepts.
    _as(page, base, officer_a)
    page.goto(base + reverse("emulation:task_detail", args=[task.public_id]))
    expect(page.locator("main table.task-reports")).to_contain_text(
        "Biên bản chưa có chữ ký chủ tọa")
    page.get_by_role("link", name="Báo cáo hoàn thành").click()
    page.fill("#id_note", "Đã bổ sung chữ ký chủ tọa")
    page.set_input_files("#id_evidence_1", str(evidence))
    _submit(page)
    _as(page, base, board_user)
    page.goto(base + reverse("emulation:task_detail", args=[task.public_id]))
    page.get_by_role("link", name="Chấp nhận hoặc trả lại").click()
    page.get_by_label("Chấp nhận kết quả khắc phục").check()
    _submit(page)
    expect(page.locator("main dd.task-state")).to_have_text("Đã chấp nhận")
    assert list(TaskReport.objects.values_list("outcome", flat=True)) == [
        "returned", "accepted"]

    # 5. The accepted task stays on the list with its completion note.
    page.goto(base + reverse("emulation:task_list") + "?state=accepted")
    expect(page.locator("main table.tasks tbody tr")).to_contain_text(
        ["Đã bổ sung chữ ký chủ tọa"])
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "inspection-loop.png"), full_page=True)
    assert page.errors == []
