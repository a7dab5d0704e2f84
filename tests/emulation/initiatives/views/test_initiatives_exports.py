"""Initiative list export: the page's filtered queryset, permissions and columns."""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from emulation.initiatives.models import Initiative
from tests.factories import PersonFactory, make_initiative

URL = reverse("emulation:initiative_list")
HEADER = ["Code", "Initiative title", "Kind", "Unit", "Year", "Scope of effect", "State"]
TITLE = "Ứng dụng phần mềm quản lý hồ sơ học sinh"


@pytest.fixture(autouse=True)
def english(client):
    client.cookies["django_language"] = "en"


@pytest.fixture
def world(dept_a, school_a, dept_b):
    author = PersonFactory(unit=dept_a)
    recognised = make_initiative(dept_a, title=TITLE, authors=[(author, 100)])
    draft = make_initiative(school_a, title="Sổ điểm điện tử", state="draft")
    return recognised, draft


def rows_of(response) -> list[list[str]]:
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def expected(initiative: Initiative) -> list:
    return [initiative.code, initiative.title, initiative.get_kind_display(),
            initiative.unit.name, initiative.year, initiative.get_scope_display() or "",
            initiative.get_state_display()]


def test_csv_rows_and_filters(client, world, board_user):
    recognised, draft = world
    client.force_login(board_user)
    rows = rows_of(client.get(URL, {"export": "csv", "state": "draft"}))
    assert rows == [HEADER, [str(v) for v in expected(draft)]]
    rows = rows_of(client.get(URL, {"export": "csv", "q": "phan mem quan ly"}))
    assert rows == [HEADER, [str(v) for v in expected(recognised)]]


def test_xlsx_rows(client, world, board_user):
    recognised, _ = world
    client.force_login(board_user)
    response = client.get(URL, {"export": "xlsx", "scope": "co_so"})
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    assert sheet.title == "Initiatives"
    assert [list(row) for row in sheet.iter_rows(values_only=True)] == [
        HEADER, expected(recognised)]


@pytest.mark.parametrize(("persona", "status"), [("council_user", 403), ("approver_user", 403)])
def test_refused_personas_are_refused_the_export(request, client, world, persona, status):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(URL).status_code == status
    assert client.get(URL, {"export": "csv"}).status_code == status


def test_outsider_exports_nothing_of_dept_a(client, world, outsider):
    client.force_login(outsider)
    assert rows_of(client.get(URL, {"export": "csv"})) == [HEADER]
    assert client.get(URL, {"export": "csv", "unit": "TRUONG-A"}).status_code == 404


def test_anonymous_is_sent_to_sign_in(client):
    response = client.get(URL, {"export": "xlsx"})
    assert response.status_code == 302 and response.url.startswith(reverse("accounts:login"))


def test_query_count_does_not_grow(client, world, board_user, dept_a):
    client.force_login(board_user)

    def count():
        with CaptureQueriesContext(connection) as ctx:
            rows = rows_of(client.get(URL, {"export": "csv"}))
        return len(ctx.captured_queries), len(rows)

    count()  # roles and unread count: cached from the second request on
    few, _ = count()
    for n in range(5):
        make_initiative(dept_a, title=f"Sáng kiến số {n}", state="draft")
    many, rows = count()
    assert (many, rows) == (few, 8) and few <= 10


def test_page_links_keep_the_filters(client, world, board_user):
    client.force_login(board_user)
    text = client.get(URL, {"state": "draft"}).text
    assert 'href="?state=draft&amp;export=xlsx"' in text
    assert 'href="?state=draft&amp;export=csv"' in text
