"""Exemplar list export: the page's filtered queryset, permissions and columns."""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from tests.emulation.helpers import make_exemplar
from tests.factories import PersonFactory

URL = reverse("emulation:exemplar_list")
HEADER = ["Name", "Title", "Kind", "Unit", "Year", "State"]


@pytest.fixture(autouse=True)
def english(client):
    client.cookies["django_language"] = "en"


@pytest.fixture
def world(dept_a, school_a):
    teacher = PersonFactory(unit=school_a, full_name="Lò Thị Mai")
    draft = make_exemplar(school_a, title="Thầy giáo vượt khó", person=teacher)
    recognised = make_exemplar(dept_a, state="recognised", title="Mô hình thư viện xanh",
                               kind="mo_hinh")
    return draft, recognised


def rows_of(response) -> list[list[str]]:
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def line(exemplar) -> list:
    return [exemplar.subject_name, exemplar.title, exemplar.get_kind_display(),
            exemplar.unit.name, exemplar.discovered_year, exemplar.get_state_display()]


def test_csv_rows_and_filters(client, world, board_user):
    draft, recognised = world
    client.force_login(board_user)
    assert rows_of(client.get(URL, {"export": "csv", "state": "draft"})) == [
        HEADER, [str(v) for v in line(draft)]]
    assert line(draft)[0] == "Lò Thị Mai"
    assert rows_of(client.get(URL, {"export": "csv", "kind": "mo_hinh"})) == [
        HEADER, [str(v) for v in line(recognised)]]


def test_xlsx_rows(client, world, board_user):
    _, recognised = world
    client.force_login(board_user)
    response = client.get(URL, {"export": "xlsx", "q": "thu vien xanh"})
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    assert sheet.title == "Exemplary models"
    assert [list(row) for row in sheet.iter_rows(values_only=True)] == [
        HEADER, line(recognised)]


@pytest.mark.parametrize("persona", ["council_user", "approver_user"])
def test_refused_personas_are_refused_the_export(request, client, world, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(URL).status_code == 403
    assert client.get(URL, {"export": "csv"}).status_code == 403


def test_outsider_exports_nothing_of_dept_a(client, world, outsider):
    client.force_login(outsider)
    assert rows_of(client.get(URL, {"export": "csv"})) == [HEADER]


def test_anonymous_is_sent_to_sign_in(client):
    response = client.get(URL, {"export": "csv"})
    assert response.status_code == 302 and response.url.startswith(reverse("accounts:login"))


def test_query_count_does_not_grow(client, world, board_user, dept_a):
    client.force_login(board_user)

    def count():
        with CaptureQueriesContext(connection) as ctx:
            rows = rows_of(client.get(URL, {"export": "csv"}))
        return len(ctx.captured_queries), len(rows)

    count()  # roles and unread count: cached from the second request on
    few, _ = count()
    for n in range(4):
        make_exemplar(dept_a, title=f"Điển hình số {n}")
    many, rows = count()
    assert (many, rows) == (few, 7) and few <= 10


def test_page_links_keep_the_filters(client, world, board_user):
    client.force_login(board_user)
    text = client.get(URL, {"kind": "mo_hinh"}).text
    assert 'href="?kind=mo_hinh&amp;export=xlsx"' in text
    assert 'href="?kind=mo_hinh&amp;export=csv"' in text
