"""Statistics through the API give the same numbers as the pages, in the same scope."""

import pytest
from django.urls import reverse

from tests.api.test_api import API, bearer
from tests.reports.helpers import build_province

FAIRNESS = f"{API}/statistics/fairness"
DASHBOARD = f"{API}/statistics/dashboard"
QUERY = "year_from=2022&year_to=2024"


@pytest.fixture
def people(province, dept_a, school_a, dept_b):
    return build_province(province, dept_a, school_a, dept_b)


def _get(client, url, user):
    return client.get(url, HTTP_ACCEPT_LANGUAGE="en", **bearer(user))


def _page(client_for, user, name, query=""):
    client = client_for(user)
    client.cookies["django_language"] = "en"
    return client.get(f"{reverse(name)}?{query}").context


def test_fairness_equals_the_page(client, client_for, board_user, people):
    body = _get(client, f"{FAIRNESS}?{QUERY}", board_user).json()
    table = _page(client_for, board_user, "reports:fairness", QUERY)["table"]
    assert [(r["unit"], r["is_total"], r["awards"], r["people"], r["groups"],
             r["below_threshold"]) for r in body["rows"]] == [
        (row.unit.code, row.is_total, row.awards["total"], row.people["total"], row.cells,
         row.below_threshold) for row in table]
    assert (body["root"], body["year_from"], body["year_to"], body["threshold"]) == (
        "TINH", 2022, 2024, 50)


def test_fairness_known_figures(client, board_user, people):
    body = _get(client, f"{FAIRNESS}?{QUERY}", board_user).json()
    rows = {r["unit"]: r for r in body["rows"] if not r["is_total"]}
    # SO-A's subtree: p1 (2023, 2024), p2 (2023) and p4 (2023) count; p4's 2024 is revoked.
    assert (rows["SO-A"]["awards"], rows["SO-A"]["people"]) == (4, 4)
    assert [(g["group"], g["awards"]) for g in rows["SO-A"]["groups"]][:2] == [
        ("leaders", 3), ("non_leaders", 1)]


def test_dashboard_equals_the_page(client, client_for, board_user, people):
    body = _get(client, DASHBOARD, board_user).json()
    page = _page(client_for, board_user, "reports:dashboard")
    assert body["awards_by_category_and_year"] == {
        category: {str(year): n for year, n in years.items()}
        for category, years in page["by_form"].items()}
    assert body["backlog"] == page["backlog"]
    assert sum(v["total"] for v in body["proposals_by_step"].values()) == 0
    assert sum(body["awards_by_granting_level"].values()) == 7  # every unrevoked record


def test_dashboard_of_a_unit(client, officer_a, dept_a, people):
    body = _get(client, f"{DASHBOARD}?unit=SO-A", officer_a).json()
    assert (body["unit"], sum(body["awards_by_granting_level"].values())) == ("SO-A", 5)


def test_outsider_cannot_read_another_units_statistics(client, outsider, people):
    for url in (f"{FAIRNESS}?unit=SO-A", f"{DASHBOARD}?unit=SO-A"):
        response = _get(client, url, outsider)
        assert (response.status_code, response.json()) == (404, {"detail": "Not found."})
    own = _get(client, DASHBOARD, outsider).json()
    assert sum(own["awards_by_granting_level"].values()) == 2  # SO-B's two records only


def test_roles_without_statistics_get_403(client, council_user, people):
    for url in (FAIRNESS, DASHBOARD):
        assert _get(client, url, council_user).status_code == 403


def test_statistics_need_credentials(client):
    assert client.get(FAIRNESS, HTTP_ACCEPT_LANGUAGE="vi").json() == {
        "detail": "Hãy đăng nhập hoặc gửi mã truy cập API hợp lệ."}


def test_dashboard_movements_units_and_trend_equal_the_page(client, client_for, board_user,
                                                            people):
    body = _get(client, f"{DASHBOARD}?year=2025", board_user).json()
    page = _page(client_for, board_user, "reports:dashboard", "year=2025")
    assert body["year"] == 2025
    assert body["awards_by_unit"] == page["by_unit"]
    assert body["awards_trend"] == {str(y): n for y, n in page["trend"].items()}
    assert body["movements_by_kind_and_state"]["regular"]["launched"] == 0
    assert (body["movement_progress"], body["cluster_rounds"]) == ([], [])
    assert [(r["code"], r["five_years"]) for r in body["awards_by_unit"]] == [
        ("SO-A", 4), ("SO-B", 2)]
