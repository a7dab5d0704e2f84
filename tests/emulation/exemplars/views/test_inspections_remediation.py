"""The inspection loop through the pages: the inspected unit reads its own inspection (and no
other), reports completion with evidence, the board returns it with a reason and later accepts
it; finished tasks stay listed and exported with their notes; overdue tasks reach the home
pages and the dashboard."""

import datetime

import pytest
from django.urls import reverse

from emulation.exemplars.domain import inspections
from emulation.exemplars.models import RemediationTask, TaskReport
from tests.emulation.helpers import PDF, evidence_file, make_task, make_visit
from tests.export_helpers import csv_rows


@pytest.fixture(autouse=True)
def english(client):
    client.cookies["django_language"] = "en"


@pytest.fixture
def visit(province, school_a):
    visit = make_visit(province, school_a)
    inspections.record_findings(visit, actor=None, findings="Thiếu biên bản bình xét.",
                                minutes=evidence_file("bien-ban-kiem-tra.pdf"))
    return inspections.conclude_visit(visit, actor=None, conclusion="Bổ sung trong 30 ngày.",
                                      notice=evidence_file("thong-bao-ket-luan.pdf"))


def test_inspected_unit_reads_its_own_inspection_only(client, visit, officer_a, province,
                                                      dept_b, outsider):
    other = make_visit(province, dept_b, state="concluded")
    client.force_login(officer_a)
    listed = client.get(reverse("emulation:my_inspections")).context["page"].object_list
    assert list(listed) == [visit]
    page = client.get(reverse("emulation:visit_detail", args=[visit.public_id]))
    assert (page.context["manages"], page.context["can_add_task"]) == (False, False)
    assert "Thiếu biên bản bình xét." in page.text and "Bổ sung trong 30 ngày." in page.text
    names = [d.original_name for d in page.context["documents"]]
    assert names == ["bien-ban-kiem-tra.pdf", "thong-bao-ket-luan.pdf"]
    download = client.get(reverse("emulation:inspection_document",
                                  args=[page.context["documents"][1].public_id]))
    assert (download.status_code, b"".join(download.streaming_content)) == (200, PDF)
    assert client.get(reverse("emulation:visit_detail", args=[other.public_id])
                      ).status_code == 404
    client.force_login(outsider)
    assert client.get(reverse("emulation:visit_detail", args=[visit.public_id])
                      ).status_code == 404


def test_report_return_report_accept(client, visit, school_a, officer_a, board_user):
    task = make_task(visit, school_a, deadline=datetime.date(2025, 6, 1))
    report_url = reverse("emulation:task_report", args=[task.public_id])
    review_url = reverse("emulation:task_review", args=[task.public_id])
    client.force_login(officer_a)
    refused = client.post(report_url, {"note": "Đã bổ sung"})
    assert refused.context["form"].errors == {
        "evidence_1": ["Attach at least one evidence file."]}
    client.post(report_url, {"note": "Đã bổ sung", "evidence_1": evidence_file()})
    client.force_login(board_user)
    no_reason = client.post(review_url, {"decision": "return", "reason": ""})
    assert no_reason.context["form"].errors == {"reason": ["Say why the task is returned."]}
    client.post(review_url, {"decision": "return", "reason": "Thiếu chữ ký"})
    task.refresh_from_db()
    assert task.state == "returned"
    client.force_login(officer_a)
    client.post(report_url, {"note": "Đã ký bổ sung", "evidence_1": evidence_file("ky.pdf")})
    client.force_login(board_user)
    client.post(review_url, {"decision": "accept", "reason": ""})
    assert list(TaskReport.objects.values_list("note", "outcome", "review_note")) == [
        ("Đã bổ sung", "returned", "Thiếu chữ ký"), ("Đã ký bổ sung", "accepted", "")]
    page = client.get(reverse("emulation:task_detail", args=[task.public_id]))
    assert (page.context["can_report"], page.context["can_review"]) == (False, False)
    assert "ky.pdf" in page.text and "Thiếu chữ ký" in page.text


def test_finished_tasks_stay_listed_and_exported_with_notes(client, visit, school_a,
                                                            officer_a):
    make_task(visit, school_a, deadline=datetime.date(2025, 6, 1), state="accepted",
              description="Đã nghiệm thu")
    make_task(visit, school_a, deadline=datetime.date(2025, 6, 2), state="returned",
              description="Bị trả lại")
    client.force_login(officer_a)
    url = reverse("emulation:task_list")
    accepted = client.get(url, {"state": "accepted"}).context["page"].object_list
    assert [t.description for t in accepted] == ["Đã nghiệm thu"]
    assert csv_rows(client.get(url, {"export": "csv"}))[1:] == [
        ["Đã nghiệm thu", school_a.name, "Trần Thị Hoa", "2025-06-01", "Accepted",
         "Đã bổ sung.", ""],
        ["Bị trả lại", school_a.name, "Trần Thị Hoa", "2025-06-02", "Overdue",
         "Đã bổ sung.", "Thiếu chữ ký"]]


@pytest.mark.parametrize(("persona", "shown"), [
    ("officer_a", True), ("board_user", True), ("outsider", False), ("council_user", False)])
def test_overdue_tasks_on_the_home_page(client, request, visit, school_a, persona, shown):
    make_task(visit, school_a, deadline=datetime.date(2025, 6, 1), description="Trễ hạn")
    make_task(visit, school_a, deadline=datetime.date(2099, 1, 1), description="Còn hạn")
    client.force_login(request.getfixturevalue(persona))
    todos = client.get(reverse("core:home")).context["todos"]
    assert [(t.key, t.count, t.url) for t in todos if t.key == "tasks"] == (
        [("tasks", 1, reverse("emulation:task_list") + "?overdue=1")] if shown else [])


def test_overdue_tasks_on_the_dashboard(client, visit, school_a, board_user):
    make_task(visit, school_a, deadline=datetime.date(2025, 6, 1), description="Trễ hạn")
    client.force_login(board_user)
    page = client.get(reverse("reports:dashboard"))
    assert page.context["overdue_panel"]["count"] == 1
    assert "1 overdue remediation task" in page.text


def test_unit_cannot_accept_its_own_task(client, visit, school_a, officer_a):
    task = make_task(visit, school_a, state="done")
    client.force_login(officer_a)
    response = client.post(reverse("emulation:task_review", args=[task.public_id]),
                           {"decision": "accept", "reason": ""})
    assert (response.status_code, RemediationTask.objects.get(pk=task.pk).state) == (
        403, "done")
