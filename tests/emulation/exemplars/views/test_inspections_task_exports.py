"""Remediation task list export: the page's filtered queryset (overdue only), scope and
columns."""

import datetime

import pytest
from django.urls import reverse

from tests.emulation.helpers import make_task, make_visit
from tests.export_helpers import csv_rows, export_queries, xlsx_rows, xlsx_sheet

URL = reverse("emulation:task_list")
HEADER = ["Description", "Responsible unit", "Responsible person", "Deadline", "State",
          "Completion note", "Review note"]
LATE, LATER = datetime.date(2025, 6, 1), datetime.date(2099, 1, 1)


@pytest.fixture(autouse=True)
def english(client):
    client.cookies["django_language"] = "en"


@pytest.fixture
def world(province, school_a, dept_b):
    visit = make_visit(province, school_a, state="concluded")
    make_task(visit, school_a, deadline=LATE, description="Bổ sung biên bản")
    make_task(visit, school_a, deadline=LATER, description="Còn hạn")
    make_task(visit, school_a, deadline=LATE, description="Đã xong", state="done")
    make_task(make_visit(province, dept_b, state="concluded"), dept_b, deadline=LATE,
              description="Việc của Sở Y tế")


def test_csv_rows_and_overdue_filter(client, world, officer_a, school_a):
    client.force_login(officer_a)
    late = ["Bổ sung biên bản", school_a.name, "Trần Thị Hoa", "2025-06-01", "Overdue", "", ""]
    # A reported task stays listed (with what was done), not overdue: the unit did its part.
    assert csv_rows(client.get(URL, {"export": "csv"})) == [
        HEADER, late, ["Đã xong", school_a.name, "Trần Thị Hoa", "2025-06-01",
                       "Completion reported", "Đã bổ sung.", ""],
        ["Còn hạn", school_a.name, "Trần Thị Hoa", "2099-01-01", "Open", "", ""]]
    assert csv_rows(client.get(URL, {"export": "csv", "overdue": "1"})) == [HEADER, late]


def test_xlsx_rows(client, world, board_user, school_a, dept_b):
    client.force_login(board_user)
    response = client.get(URL, {"export": "xlsx", "overdue": "1"})
    assert response["Content-Disposition"] == 'attachment; filename="viec-khac-phuc.xlsx"'
    assert xlsx_rows(response) == [
        HEADER,
        ["Bổ sung biên bản", school_a.name, "Trần Thị Hoa", datetime.datetime(2025, 6, 1),
         "Overdue", None, None],
        ["Việc của Sở Y tế", dept_b.name, "Trần Thị Hoa", datetime.datetime(2025, 6, 1),
         "Overdue", None, None]]
    assert xlsx_sheet(client.get(URL, {"export": "xlsx"})).title == "Remediation tasks"


def test_outsider_exports_only_its_own_units_tasks(client, world, outsider):
    client.force_login(outsider)
    assert [row[0] for row in csv_rows(client.get(URL, {"export": "csv"}))] == [
        "Description", "Việc của Sở Y tế"]


@pytest.mark.parametrize("persona", ["council_user", "approver_user"])
def test_roles_without_tasks_are_refused_the_export(request, client, world, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(URL, {"export": "csv"}).status_code == 403


def test_anonymous_is_sent_to_sign_in(client):
    response = client.get(URL, {"export": "xlsx"})
    assert response.status_code == 302 and response.url.startswith(reverse("accounts:login"))


def test_query_count_does_not_grow(client, world, board_user, province, school_a,
                                   django_assert_max_num_queries):
    client.force_login(board_user)
    few, lines = export_queries(client, URL)
    visit = make_visit(province, school_a, state="concluded")
    for n in range(6):
        make_task(visit, school_a, description=f"Việc {n}")
    with django_assert_max_num_queries(few):
        assert len(csv_rows(client.get(URL, {"export": "csv"}))) == lines + 6
    assert few <= 10


def test_page_links_keep_the_filter(client, world, officer_a):
    client.force_login(officer_a)
    text = client.get(URL, {"overdue": "1"}).text
    assert 'href="?overdue=1&amp;export=xlsx"' in text
    assert 'href="?overdue=1&amp;export=csv"' in text
