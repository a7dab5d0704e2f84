"""People list export: same filters and scope as the page, only the page's columns."""

import csv
import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

URL = reverse("organisations:person_list")
HEADER = ["Full name", "Gender", "Birth date", "Unit code", "Unit", "Position",
          "Leader / manager", "Direct worker"]


@pytest.fixture
def people(dept_a, dept_b):
    leader = PersonFactory(unit=dept_a, full_name="Lãnh Đạo", gender="male", is_leader=True,
                           birth_date=datetime.date(1970, 5, 6), position="Giám đốc")
    PersonFactory(unit=dept_a, full_name="Công Nhân", gender="female", is_direct_worker=True,
                  birth_date=datetime.date(1990, 1, 1), position="")
    PersonFactory(unit=dept_b, full_name="Người Ngoài")
    return leader


@pytest.fixture(autouse=True)
def english(client):
    client.cookies["django_language"] = "en"


def rows_of(response) -> list[list[str]]:
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def test_csv_has_page_columns_and_scope(client, officer_a, dept_a, people):
    client.force_login(officer_a)
    response = client.get(URL, {"export": "csv"})
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="nhan-su.csv"'
    unit = [dept_a.code, dept_a.name]
    assert rows_of(response) == [
        HEADER,
        ["Công Nhân", "Female", "1990-01-01", *unit, "", "No", "Yes"],
        ["Lãnh Đạo", "Male", "1970-05-06", *unit, "Giám đốc", "Yes", "No"],
    ]


def test_csv_applies_the_page_filters(client, officer_a, people):
    client.force_login(officer_a)
    rows = rows_of(client.get(URL, {"export": "csv", "is_leader": "1", "gender": "male"}))
    assert [row[0] for row in rows] == ["Full name", "Lãnh Đạo"]
    rows = rows_of(client.get(URL, {"export": "csv", "q": "cong nhan"}))
    assert [row[0] for row in rows] == ["Full name", "Công Nhân"]


def test_xlsx_has_the_same_rows(client, officer_a, dept_a, people):
    client.force_login(officer_a)
    response = client.get(URL, {"export": "xlsx", "is_leader": "1"})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    assert sheet.title == "People"
    assert [list(row) for row in sheet.iter_rows(values_only=True)] == [
        HEADER,
        ["Lãnh Đạo", "Male", datetime.datetime(1970, 5, 6), dept_a.code, dept_a.name,
         "Giám đốc", "Yes", "No"],
    ]


def test_export_never_carries_the_cccd(client, officer_a, people):
    client.force_login(officer_a)
    text = b"".join(client.get(URL, {"export": "csv"}).streaming_content).decode("utf-8-sig")
    assert people.cccd not in text


def test_outsider_gets_what_the_page_gives(client, outsider, dept_a, people):
    client.force_login(outsider)
    assert client.get(URL, {"unit": dept_a.code}).status_code == 404
    assert client.get(URL, {"unit": dept_a.code, "export": "csv"}).status_code == 404
    assert [row[0] for row in rows_of(client.get(URL, {"export": "csv"}))] == [
        "Full name", "Người Ngoài"]


def test_anonymous_is_sent_to_login(client):
    response = client.get(URL, {"export": "csv"})
    assert response.status_code == 302 and "/login" in response["Location"]


def export_queries(client) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as ctx:
        rows = rows_of(client.get(URL, {"export": "csv"}))
    return len(ctx.captured_queries), len(rows)


def test_export_query_count_does_not_grow(client, officer_a, dept_a,
                                          django_assert_max_num_queries):
    PersonFactory(unit=dept_a)
    client.force_login(officer_a)
    few, _ = export_queries(client)
    PersonFactory.create_batch(30, unit=dept_a)
    with django_assert_max_num_queries(few):
        many, count = export_queries(client)
    assert count == 32 and many <= 10


def test_page_links_keep_the_filters(client, officer_a, people):
    client.force_login(officer_a)
    text = client.get(URL, {"is_leader": "1"}).text
    assert 'href="?is_leader=1&amp;export=xlsx"' in text
    assert 'href="?is_leader=1&amp;export=csv"' in text
