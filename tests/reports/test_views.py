"""Statistics pages: access by role and scope, real figures on screen, exports' content."""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests.reports.helpers import build_province

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

FAIRNESS = reverse("reports:fairness")
DASHBOARD = reverse("reports:dashboard")
PERIOD = "year_from=2022&year_to=2024"


@pytest.fixture
def english(client):
    client.cookies["django_language"] = "en"


def body(response) -> bytes:
    return b"".join(response.streaming_content)


@pytest.mark.parametrize("url", [FAIRNESS, DASHBOARD])
def test_anonymous_is_sent_to_login(client, url):
    response = client.get(url)
    assert response.status_code == 302 and "/login" in response["Location"]


@pytest.mark.parametrize("url", [FAIRNESS, DASHBOARD])
def test_roles_without_statistics_are_refused(client_for, council_user, approver_user, url):
    assert client_for(council_user).get(url).status_code == 403
    assert client_for(approver_user).get(url).status_code == 403


@pytest.mark.parametrize("url", [FAIRNESS, DASHBOARD])
def test_officer_cannot_open_another_units_subtree(client_for, outsider, dept_a, url):
    assert client_for(outsider).get(f"{url}?unit={dept_a.code}").status_code == 404


def test_board_sees_one_row_per_department(client_for, board_user, province, dept_a, school_a,
                                           dept_b):
    build_province(province, dept_a, school_a, dept_b)
    response = client_for(board_user).get(f"{FAIRNESS}?{PERIOD}")
    assert response.status_code == 200
    table = response.context["table"]
    assert [(r.unit.code, r.awards["total"], r.people["total"], r.below_threshold)
            for r in table] == [(dept_a.code, 4, 4, True), (dept_b.code, 1, 1, False),
                                (province.code, 5, 5, True)]
    assert "below threshold" in response.content.decode()


def test_officer_sees_own_subtree_by_default(client_for, officer_a, province, dept_a,
                                             school_a, dept_b):
    build_province(province, dept_a, school_a, dept_b)
    response = client_for(officer_a).get(f"{FAIRNESS}?{PERIOD}&threshold=20")
    assert response.context["root"] == dept_a
    assert [(r.unit.code, r.awards["total"], r.below_threshold)
            for r in response.context["table"]] == [(school_a.code, 1, True),
                                                    (dept_a.code, 4, False)]


def test_fairness_page_query_count(client_for, board_user, province, dept_a, school_a, dept_b,
                                   django_assert_max_num_queries):
    build_province(province, dept_a, school_a, dept_b)
    client = client_for(board_user)
    with django_assert_max_num_queries(14):
        assert client.get(f"{FAIRNESS}?{PERIOD}").status_code == 200


def test_fairness_csv(client_for, board_user, province, dept_a, school_a, dept_b):
    build_province(province, dept_a, school_a, dept_b)
    response = client_for(board_user).get(f"{FAIRNESS}?{PERIOD}&export=csv")
    rows = list(csv.reader(io.StringIO(body(response).decode("utf-8-sig"))))
    assert rows[0][:7] == ["Unit code", "Unit", "Individual awards", "People",
                           "Leaders / managers: awards", "Leaders / managers: share of awards",
                           "Leaders / managers: share of people"]
    assert [row[:7] + row[-1:] for row in rows[1:]] == [
        [dept_a.code, dept_a.name, "4", "4", "3", "75.0", "50.0", "Yes"],
        [dept_b.code, dept_b.name, "1", "1", "0", "0.0", "0.0", "No"],
        [province.code, province.name, "5", "5", "3", "60.0", "40.0", "Yes"]]


def test_fairness_xlsx(client_for, board_user, province, dept_a, school_a, dept_b):
    build_province(province, dept_a, school_a, dept_b)
    response = client_for(board_user).get(f"{FAIRNESS}?{PERIOD}&export=xlsx")
    sheet = load_workbook(io.BytesIO(body(response))).active
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert len(rows) == 4
    assert rows[1][:7] == [dept_a.code, dept_a.name, 4, 4, 3, 75, 50]
    assert rows[3][-1] == "Yes"


def test_ledger_exports_follow_the_screen_filters(client_for, officer_a, province, dept_a,
                                                  school_a, dept_b):
    people = build_province(province, dept_a, school_a, dept_b)
    client = client_for(officer_a)
    url = reverse("awards:ledger")
    response = client.get(f"{url}?year=2023&award=ldtt&export=csv")
    rows = list(csv.reader(io.StringIO(body(response).decode("utf-8-sig"))))
    assert [(r[0], r[4], r[6], r[11], r[13]) for r in rows[1:]] == [
        (people["p1"].full_name, "ldtt", "2023", dept_a.code, "No"),
        (people["p2"].full_name, "ldtt", "2023", dept_a.code, "No"),
        (people["p4"].full_name, "ldtt", "2023", school_a.code, "No")]
    response = client.get(f"{url}?revoked=1&export=xlsx")
    sheet = load_workbook(io.BytesIO(body(response))).active
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert rows[1:] == [[people["p4"].full_name, people["p4"].cccd, None, None, "ldtt",
                         "Lao động tiên tiến", 2024, "cong_trang", "2024/QĐ-ldtt",
                         datetime.datetime(2025, 1, 15), "UBND tỉnh", school_a.code,
                         school_a.name, "Yes"]]


def test_outsider_ledger_export_is_empty(client_for, outsider, province, dept_a, school_a,
                                         dept_b):
    build_province(province, dept_a, school_a, dept_b)
    response = client_for(outsider).get(f"{reverse('awards:ledger')}?award=ldtt&export=csv")
    rows = list(csv.reader(io.StringIO(body(response).decode("utf-8-sig"))))
    assert [r[11] for r in rows[1:]] == [dept_b.code]
