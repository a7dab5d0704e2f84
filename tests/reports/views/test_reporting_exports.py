"""Report request list and overdue list exports: the page's queryset, filters, scope and
columns."""

import datetime

import pytest
from django.urls import reverse

from tests.export_helpers import csv_rows, export_queries, xlsx_rows, xlsx_sheet
from tests.reports.reporting_helpers import file_at, make_request, set_due

pytestmark = pytest.mark.django_db
REQUESTS = reverse("reports:request_list")
OVERDUE = reverse("reports:overdue")
REQUEST_HEADER = ["Title", "Kind", "Year", "Requesting unit", "Due date", "Filed", "State"]
OVERDUE_HEADER = ["Unit", "Report", "Requesting unit", "Due date", "State"]
QUARTER = "Báo cáo công tác thi đua quý 1"
YEARLY = "Báo cáo tổng kết năm của Sở"
DUE, LATER = datetime.date(2025, 3, 10), datetime.date(2025, 4, 10)


@pytest.fixture(autouse=True)
def english(client):
    client.cookies["django_language"] = "en"


@pytest.fixture
def world(province, dept_a, school_a):
    """The province asks dept_a (and below) for a quarterly report, dept_a files on time and
    its school does not; dept_a asks its school for a yearly one, not filed either."""
    quarterly = make_request(province, [dept_a])
    set_due(quarterly, DUE)
    file_at(quarterly, dept_a, datetime.datetime(2025, 3, 9, tzinfo=datetime.UTC))
    yearly = make_request(dept_a, [school_a], title=YEARLY, kind="yearly", period=None)
    set_due(yearly, LATER)
    return quarterly, yearly


def test_request_csv_rows_and_filters(client, world, board_user, province, dept_a):
    client.force_login(board_user)
    quarterly = [QUARTER, "Quarterly", "2025", province.name, "2025-03-10", "1/2", "Issued"]
    yearly = [YEARLY, "Yearly", "2025", dept_a.name, "2025-04-10", "0/1", "Issued"]
    assert csv_rows(client.get(REQUESTS, {"export": "csv"})) == [
        REQUEST_HEADER, yearly, quarterly]
    assert csv_rows(client.get(REQUESTS, {"export": "csv", "kind": "yearly"})) == [
        REQUEST_HEADER, yearly]
    assert csv_rows(client.get(REQUESTS, {"export": "csv", "state": "draft"})) == [
        REQUEST_HEADER]


def test_request_xlsx_rows(client, world, board_user, province):
    client.force_login(board_user)
    response = client.get(REQUESTS, {"export": "xlsx", "kind": "quarterly", "year": "2025"})
    sheet = xlsx_sheet(response)
    assert sheet.title == "Report requests"
    assert [list(row) for row in sheet.iter_rows(values_only=True)] == [
        REQUEST_HEADER, [QUARTER, "Quarterly", 2025, province.name,
                         datetime.datetime(2025, 3, 10), "1/2", "Issued"]]


def test_overdue_csv_rows_by_reader(client, world, board_user, officer_a, outsider, school_a,
                                    province, dept_a):
    client.force_login(board_user)
    assert csv_rows(client.get(OVERDUE, {"export": "csv"})) == [
        OVERDUE_HEADER,
        [school_a.name, QUARTER, province.name, "2025-03-10", "Not filed yet"],
        [school_a.name, YEARLY, dept_a.name, "2025-04-10", "Not filed yet"]]
    # The list is the requester's: dept_a chases its own request only, dept_b nothing.
    client.force_login(officer_a)
    assert csv_rows(client.get(OVERDUE, {"export": "csv"})) == [
        OVERDUE_HEADER, [school_a.name, YEARLY, dept_a.name, "2025-04-10", "Not filed yet"]]
    client.force_login(outsider)
    assert csv_rows(client.get(OVERDUE, {"export": "csv"})) == [OVERDUE_HEADER]
    assert csv_rows(client.get(REQUESTS, {"export": "csv"})) == [REQUEST_HEADER]


def test_overdue_xlsx_rows(client, world, officer_a, school_a, dept_a):
    client.force_login(officer_a)
    response = client.get(OVERDUE, {"export": "xlsx"})
    assert response["Content-Disposition"] == 'attachment; filename="bao-cao-qua-han.xlsx"'
    assert xlsx_rows(response) == [
        OVERDUE_HEADER,
        [school_a.name, YEARLY, dept_a.name, datetime.datetime(2025, 4, 10), "Not filed yet"]]


def test_role_without_reporting_is_refused_the_exports(client, world, council_user):
    client.force_login(council_user)
    for url in (REQUESTS, OVERDUE):
        assert client.get(url, {"export": "csv"}).status_code == 403, url


def test_anonymous_is_sent_to_sign_in(client):
    for url in (REQUESTS, OVERDUE):
        response = client.get(url, {"export": "xlsx"})
        assert response.status_code == 302 and response.url.startswith("/accounts/login")


def test_export_query_counts_do_not_grow(client, world, board_user, province, dept_b,
                                         django_assert_max_num_queries):
    client.force_login(board_user)
    (few_requests, requests), (few_overdue, overdue) = (
        export_queries(client, REQUESTS), export_queries(client, OVERDUE))
    for n in range(3):
        set_due(make_request(province, [dept_b], title=f"Báo cáo đột xuất {n}", kind="ad_hoc",
                             period=None), DUE)
    with django_assert_max_num_queries(few_requests):
        assert len(csv_rows(client.get(REQUESTS, {"export": "csv"}))) == requests + 3
    with django_assert_max_num_queries(few_overdue):
        assert len(csv_rows(client.get(OVERDUE, {"export": "csv"}))) == overdue + 3
    assert max(few_requests, few_overdue) <= 10


def test_pages_offer_both_links_with_the_filters(client, world, board_user):
    client.force_login(board_user)
    text = client.get(REQUESTS, {"kind": "yearly"}).text
    assert 'href="?kind=yearly&amp;export=xlsx"' in text
    assert 'href="?kind=yearly&amp;export=csv"' in text
    assert 'href="?export=csv"' in client.get(OVERDUE).text
