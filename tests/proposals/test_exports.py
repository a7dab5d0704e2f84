"""Proposal list and appraisal inbox exports: the page's queryset, filters and permissions."""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from tests.proposals.helpers import draft, submitted

LIST = reverse("proposals:list")
INBOX = reverse("proposals:inbox")
LIST_HEADER = ["Code", "Summary (trích yếu)", "Proposing unit", "Addressed to", "Year", "State"]
INBOX_HEADER = ["Code", "Summary (trích yếu)", "Proposing unit", "Nominees", "Submitted",
                "State", "Step deadline"]
TITLE = "Đề nghị tặng Giấy khen năm 2025"


@pytest.fixture(autouse=True)
def en(client):
    client.cookies["django_language"] = "en"


def rows_of(response) -> list[list[str]]:
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def test_list_csv_rows_and_state_filter(client, officer_a, dept_a):
    old = draft(officer_a, dept_a, dept_a, people=0)
    sent = submitted(officer_a, dept_a, dept_a)
    client.force_login(officer_a)
    assert rows_of(client.get(LIST, {"export": "csv"})) == [
        LIST_HEADER,
        [sent.code, TITLE, dept_a.name, dept_a.name, "2025", "Submitted"],
        [old.code, TITLE, dept_a.name, dept_a.name, "2025", "Draft"],
    ]
    assert [row[0] for row in rows_of(client.get(LIST, {"export": "csv",
                                                        "state": "draft"}))] == [
        "Code", old.code]
    assert [row[0] for row in rows_of(client.get(LIST, {"export": "csv", "q": sent.code}))] == [
        "Code", sent.code]


def test_list_xlsx_rows(client, officer_a, dept_a):
    proposal = draft(officer_a, dept_a, dept_a, people=0)
    client.force_login(officer_a)
    response = client.get(LIST, {"export": "xlsx"})
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    assert sheet.title == "Award proposals"
    assert [list(row) for row in sheet.iter_rows(values_only=True)] == [
        LIST_HEADER, [proposal.code, TITLE, dept_a.name, dept_a.name, 2025, "Draft"]]


def test_outsider_export_holds_nothing_of_dept_a(client, officer_a, outsider, dept_a):
    draft(officer_a, dept_a, dept_a, people=0)
    client.force_login(outsider)
    assert rows_of(client.get(LIST, {"export": "csv"})) == [LIST_HEADER]
    assert client.get(INBOX, {"export": "csv"}).status_code == 403


def test_anonymous_export_is_sent_to_sign_in(client):
    for url in (LIST, INBOX):
        response = client.get(url, {"export": "csv"})
        assert response.status_code == 302 and "/accounts/" in response.url


def test_inbox_csv_and_xlsx_rows(client, officer_a, board_user, dept_a):
    draft(officer_a, dept_a, dept_a)  # a draft never reaches the inbox
    sent = submitted(officer_a, dept_a, dept_a, people=2)
    client.force_login(board_user)
    submitted_on = timezone.localdate(sent.submitted_at)
    due = sent.due_on.isoformat() if sent.due_on else ""
    assert rows_of(client.get(INBOX, {"export": "csv"})) == [
        INBOX_HEADER,
        [sent.code, TITLE, dept_a.name, "2", submitted_on.isoformat(), "Submitted", due]]
    response = client.get(INBOX, {"export": "xlsx"})
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert rows[0] == INBOX_HEADER
    assert rows[1][:4] == [sent.code, TITLE, dept_a.name, 2]
    assert rows[1][4].date() == submitted_on and len(rows) == 2


def test_inbox_export_refused_to_officer(client, officer_a):
    client.force_login(officer_a)
    assert client.get(INBOX).status_code == 403
    assert client.get(INBOX, {"export": "xlsx"}).status_code == 403


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        rows_of(client.get(url, {"export": "csv"}))
    return len(ctx.captured_queries)


def test_export_query_counts_do_not_grow(client, officer_a, board_user, dept_a):
    submitted(officer_a, dept_a, dept_a)
    client.force_login(board_user)
    _queries(client, LIST)  # roles and unread count: cached from the second request on
    few = (_queries(client, LIST), _queries(client, INBOX))
    for _ in range(4):
        submitted(officer_a, dept_a, dept_a, people=2)
    assert (_queries(client, LIST), _queries(client, INBOX)) == few
    assert max(few) <= 12


def test_pages_offer_both_links_with_the_filters(client, officer_a, board_user):
    client.force_login(officer_a)
    text = client.get(LIST, {"state": "draft"}).text
    assert 'href="?state=draft&amp;export=xlsx"' in text
    assert 'href="?state=draft&amp;export=csv"' in text
    client.force_login(board_user)
    assert 'href="?export=csv"' in client.get(INBOX).text
