"""GET /api/v1/ledger/export: the ledger screen's export, streamed, with the same filters."""

import csv
import io

from openpyxl import load_workbook

from tests.api.test_api import API, bearer
from tests.reports.helpers import build_province

URL = f"{API}/ledger/export"


def _rows(response) -> list[list[str]]:
    content = b"".join(response.streaming_content).decode("utf-8")
    assert content.startswith("\ufeff")
    return list(csv.reader(io.StringIO(content[1:])))


def test_csv_with_the_screen_filters(client, officer_a, province, dept_a, school_a, dept_b):
    people = build_province(province, dept_a, school_a, dept_b)
    response = client.get(f"{URL}?year=2023&award=ldtt", HTTP_ACCEPT_LANGUAGE="en",
                          **bearer(officer_a))
    rows = _rows(response)
    assert (response.status_code, response["Content-Type"]) == (200, "text/csv; charset=utf-8")
    assert rows[0][:3] == ["Full name", "Citizen ID (CCCD)", "Collective"]
    assert [(r[0], r[1], r[4], r[6], r[11], r[13]) for r in rows[1:]] == [
        (people["p1"].full_name, people["p1"].cccd, "ldtt", "2023", dept_a.code, "No"),
        (people["p2"].full_name, people["p2"].cccd, "ldtt", "2023", dept_a.code, "No"),
        (people["p4"].full_name, people["p4"].cccd, "ldtt", "2023", school_a.code, "No")]


def test_revoked_filter_and_xlsx(client, board_user, province, dept_a, school_a, dept_b):
    people = build_province(province, dept_a, school_a, dept_b)
    response = client.get(f"{URL}?format=xlsx&revoked=true", **bearer(board_user))
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    assert [r[0] for r in sheet.iter_rows(min_row=2, values_only=True)] == [
        people["p4"].full_name]


def test_outsider_sees_only_its_own_unit(client, outsider, province, dept_a, school_a, dept_b):
    build_province(province, dept_a, school_a, dept_b)
    rows = _rows(client.get(URL, **bearer(outsider)))
    assert sorted(r[11] for r in rows[1:]) == [dept_b.code, dept_b.code]


def test_cccd_blank_for_readers_who_do_not_keep_records(client, council_user, province,
                                                        dept_a, school_a, dept_b):
    build_province(province, dept_a, school_a, dept_b)
    rows = _rows(client.get(URL, **bearer(council_user)))
    assert (len(rows) - 1, {r[1] for r in rows[1:]}) == (8, {""})


def test_anonymous_and_bad_format(client, officer_a):
    assert client.get(URL).status_code == 401
    response = client.get(f"{URL}?format=pdf", HTTP_ACCEPT_LANGUAGE="en", **bearer(officer_a))
    assert (response.status_code, response.json()) == (
        422, {"detail": "Invalid request: query.format."})
