"""Inspection pages: the board plans, visits and concludes; unit officers see and close the
remediation tasks their units own; overdue rows are highlighted."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from emulation.exemplars.domain import inspections
from emulation.exemplars.models import InspectionDocument, InspectionPlan, TaskEvidence
from tests.emulation.helpers import evidence_file, make_task, make_visit
from tests.persona_matrix import anonymous_test, persona_test

BOARD_ANYWHERE = {"admin_user": 200, "board_user": 200, "officer_a": 403, "outsider": 403,
                  "council_user": 403, "approver_user": 403}
# Plans and visits exist only in the board's scope: to everyone else they answer 404.
BOARD_IN_SCOPE = {"admin_user": 200, "board_user": 200, "officer_a": 404, "outsider": 404,
                  "council_user": 404, "approver_user": 404}
TASKS = {"admin_user": 200, "board_user": 200, "officer_a": 200, "outsider": 200,
         "council_user": 403, "approver_user": 403}
TASK_IN_SCOPE = TASKS | {"outsider": 404, "council_user": 404, "approver_user": 404}
# The owning unit's officer reports completion (the board reviews it, never reports it).
REPORT = TASK_IN_SCOPE | {"board_user": 403}
# The board of the inspecting unit reviews a reported completion; the unit cannot.
REVIEW = TASK_IN_SCOPE | {"officer_a": 403}


@pytest.fixture(autouse=True)
def english(client):
    client.cookies["django_language"] = "en"


@pytest.fixture
def world(province, school_a):
    visit = make_visit(province, school_a)
    inspections.record_findings(visit, actor=None, findings="Hồ sơ thiếu biên bản.",
                                minutes=evidence_file("bien-ban-kiem-tra.pdf"))
    inspections.conclude_visit(visit, actor=None, conclusion="Bổ sung biên bản.")
    task = make_task(visit, school_a, deadline=datetime.date(2025, 6, 1))
    reported = make_task(visit, school_a, state="done", description="Đã báo cáo")
    return {"plan": visit.plan.public_id, "visit": visit.public_id, "task": task.public_id,
            "reported": reported.public_id,
            "document": InspectionDocument.objects.get(visit=visit).public_id,
            "evidence": TaskEvidence.objects.get(report__task=reported).public_id}


VIEWS = [
    ("emulation:inspection_plan_list", None, BOARD_ANYWHERE),
    ("emulation:inspection_plan_create", None, BOARD_ANYWHERE),
    ("emulation:inspection_plan_detail", "plan", BOARD_IN_SCOPE),
    ("emulation:visit_create", "plan", BOARD_IN_SCOPE),
    ("emulation:visit_detail", "visit", TASK_IN_SCOPE),
    ("emulation:my_inspections", None, TASKS),
    ("emulation:inspection_document", "document", TASK_IN_SCOPE),
    ("emulation:visit_findings", "visit", BOARD_IN_SCOPE),
    ("emulation:visit_conclude", "visit", BOARD_IN_SCOPE),
    ("emulation:task_create", "visit", BOARD_IN_SCOPE),
    ("emulation:task_list", None, TASKS),
    ("emulation:task_detail", "task", TASK_IN_SCOPE),
    ("emulation:task_report", "task", REPORT),
    ("emulation:task_review", "reported", REVIEW),
    ("emulation:task_evidence", "evidence", TASK_IN_SCOPE),
]


test_view_answers_each_persona = persona_test(VIEWS)


test_anonymous_is_sent_to_sign_in = anonymous_test(VIEWS)


def test_board_runs_an_inspection_to_a_task(client, board_user, province, school_a):
    client.force_login(board_user)
    client.post(reverse("emulation:inspection_plan_create"), {"year": 2025, "unit": province.pk,
                                                   "title": "Kiểm tra công tác TĐKT 2025"})
    plan = InspectionPlan.objects.get()
    client.post(reverse("emulation:visit_create", args=[plan.public_id]), {
        "inspected_unit": school_a.pk, "date": "2025-04-02", "team": "Đoàn Ban TĐKT"})
    visit = plan.visits.get()
    client.post(reverse("emulation:visit_findings", args=[visit.public_id]),
                {"findings": "Thiếu biên bản bình xét"})
    client.post(reverse("emulation:visit_conclude", args=[visit.public_id]),
                {"conclusion": "Bổ sung biên bản trong 30 ngày"})
    response = client.post(reverse("emulation:task_create", args=[visit.public_id]), {
        "description": "Bổ sung biên bản", "owner_unit": school_a.pk, "owner_name": "Hiệu trưởng",
        "deadline": "2025-05-02"})
    assert response.status_code == 302
    visit.refresh_from_db()
    assert (visit.state, visit.findings, visit.conclusion) == (
        "concluded", "Thiếu biên bản bình xét", "Bổ sung biên bản trong 30 ngày")
    assert list(visit.tasks.values_list("description", "state")) == [
        ("Bổ sung biên bản", "open")]


def test_task_list_highlights_overdue_and_keeps_reported_tasks(client, world, officer_a,
                                                               province, school_a):
    visit = make_visit(province, school_a, state="concluded")
    make_task(visit, school_a, deadline=datetime.date(2099, 1, 1), description="Còn hạn")
    client.force_login(officer_a)
    response = client.get(reverse("emulation:task_list"))
    assert [t.description for t in response.context["page"].object_list] == [
        "Bổ sung biên bản họp hội đồng", "Đã báo cáo", "Còn hạn"]
    assert response.text.count('<tr class="overdue">') == 1
    overdue = client.get(reverse("emulation:task_list"), {"overdue": "1"}).context["page"]
    assert [t.description for t in overdue.object_list] == ["Bổ sung biên bản họp hội đồng"]
    reported = client.get(reverse("emulation:task_list"), {"state": "done"}).context["page"]
    assert [t.description for t in reported.object_list] == ["Đã báo cáo"]


def test_task_list_query_count_does_not_grow(client, board_user, officer_a, province,
                                             school_a):
    def count(user):
        client.force_login(user)
        url = reverse("emulation:task_list")
        client.get(url)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    visit = make_visit(province, school_a, state="concluded")
    make_task(visit, school_a)
    few = count(officer_a), count(board_user)
    for n in range(10):
        make_task(visit, school_a, description=f"Việc {n}")
    assert (count(officer_a), count(board_user)) == few
    assert max(few) <= 13  # the board's page also asks whether it may manage inspections


def test_plan_list_query_count_does_not_grow(client, board_user, province, school_a):
    client.force_login(board_user)
    url = reverse("emulation:inspection_plan_list")
    make_visit(province, school_a)
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        client.get(url)
    few = len(ctx.captured_queries)
    for _n in range(5):
        make_visit(province, school_a)
    with CaptureQueriesContext(connection) as ctx:
        client.get(url)
    assert len(ctx.captured_queries) == few <= 12


@pytest.mark.parametrize(("state", "offered"), [
    ("planned", (True, False, False)), ("done", (False, True, False)),
    ("concluded", (False, False, True))])
def test_visit_page_offers_the_steps_of_the_table(client, board_user, province, school_a, state,
                                                  offered):
    visit = make_visit(province, school_a, state=state)
    client.force_login(board_user)
    context = client.get(reverse("emulation:visit_detail", args=[visit.public_id])).context
    assert (context["can_findings"], context["can_conclude"], context["can_add_task"]) == offered


def test_inspected_unit_is_offered_no_step_of_the_visit(client, officer_a, province, school_a):
    visit = make_visit(province, school_a)
    client.force_login(officer_a)
    context = client.get(reverse("emulation:visit_detail", args=[visit.public_id])).context
    assert (context["can_findings"], context["can_conclude"], context["can_add_task"]) == (
        False, False, False)
