"""Audit log export: the page's filters and the reader's scope, the page's columns only (no IP
address, no object ids), rows straight from the database."""

import datetime

import pytest
from django.urls import reverse

from accounts.enums import Role
from audit.domain.record import record
from audit.models import AuditEntry
from tests.export_helpers import csv_rows, export_queries, xlsx_rows, xlsx_sheet
from tests.factories import user_with_role

URL = reverse("audit:log")
HEADER = ["Time", "Actor", "Action", "Object", "Unit", "Changes (old → new)", "Reason"]
AT = datetime.datetime(2025, 3, 1, 2, 30, 15, 123456, tzinfo=datetime.UTC)  # 09:30:15 in Hà Nội


@pytest.fixture(autouse=True)
def english(client):
    client.cookies["django_language"] = "en"


@pytest.fixture
def entries(dept_a, dept_b, admin_user):
    record(admin_user, "organisations.unit.update", dept_a, unit=dept_a,
           changes={"name": ["A", "B"], "parent": [None, "TINH"]}, ip_address="10.0.0.7")
    record(admin_user, "organisations.unit.update", dept_b, unit=dept_b, reason="Sáp nhập")
    record(admin_user, "accounts.user.create", admin_user)
    AuditEntry.objects.update(at=AT)


def line(unit, changes="", reason="", action="organisations.unit.update"):
    return ["2025-03-01 09:30:15", "admin", action, unit.name, unit.name, changes, reason]


def test_csv_rows_in_scope_and_filtered(client, entries, board_user, dept_a, dept_b):
    client.force_login(board_user)
    a = line(dept_a, "name: A → B; parent: — → TINH")
    b = line(dept_b, reason="Sáp nhập")
    # The province's board reads its units' entries, not the system's own (no unit).
    assert csv_rows(client.get(URL, {"export": "csv"})) == [HEADER, b, a]
    assert csv_rows(client.get(URL, {"export": "csv", "q": "Giáo dục"})) == [HEADER, a]
    assert csv_rows(client.get(URL, {"export": "csv", "date_from": "2025-03-02"})) == [HEADER]


def test_export_holds_no_ip_address(client, entries, admin_user):
    client.force_login(admin_user)
    text = b"".join(client.get(URL, {"export": "csv"}).streaming_content).decode("utf-8-sig")
    assert "10.0.0.7" not in text and text.count("\r\n") == 4


def test_board_of_one_department_exports_only_its_entries(client, entries, dept_a):
    client.force_login(user_with_role(Role.BOARD_STAFF, dept_a, username="board_a"))
    assert [row[3] for row in csv_rows(client.get(URL, {"export": "csv"}))] == [
        "Object", dept_a.name]


def test_xlsx_rows(client, entries, admin_user, dept_a):
    client.force_login(admin_user)
    response = client.get(URL, {"export": "xlsx", "action": "accounts"})
    assert response["Content-Disposition"] == 'attachment; filename="nhat-ky-he-thong.xlsx"'
    assert xlsx_rows(response) == [
        HEADER, [datetime.datetime(2025, 3, 1, 9, 30, 15), "admin", "accounts.user.create",
                 str(admin_user), None, None, None]]
    assert xlsx_sheet(client.get(URL, {"export": "xlsx"})).title == "Audit log"


@pytest.mark.parametrize("persona", ["officer_a", "outsider", "council_user", "approver_user"])
def test_readers_without_the_log_are_refused_the_export(request, client, entries, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(URL, {"export": "csv"}).status_code == 403


def test_anonymous_is_sent_to_sign_in(client):
    response = client.get(URL, {"export": "csv"})
    assert response.status_code == 302 and response.url.startswith(reverse("accounts:login"))


def test_query_count_does_not_grow(client, entries, board_user, admin_user, dept_a,
                                   django_assert_max_num_queries):
    client.force_login(board_user)
    few, lines = export_queries(client, URL)
    AuditEntry.objects.bulk_create(
        AuditEntry(actor_label="admin", action="organisations.unit.update", unit=dept_a,
                   object_type="organisations.unit", object_label=dept_a.name,
                   changes={"name": [str(n), str(n + 1)]}) for n in range(50))
    with django_assert_max_num_queries(few):
        assert len(csv_rows(client.get(URL, {"export": "csv"}))) == lines + 50
    assert few <= 10


def test_page_links_keep_the_filters(client, entries, board_user):
    client.force_login(board_user)
    text = client.get(URL, {"action": "organisations"}).text
    assert 'href="?action=organisations&amp;export=xlsx"' in text
    assert 'href="?action=organisations&amp;export=csv"' in text
