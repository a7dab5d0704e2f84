"""GET /api/v1/statistics/forms/{code}: the form's table as JSON, for the caller's scope."""

import pytest

from reports.domain.forms import FORMS, FormScope, Period, compute
from tests.api.test_api import API, bearer
from tests.reports.ledger import build_ledger

pytestmark = pytest.mark.django_db


@pytest.fixture
def ledger(officer_a, province, dept_a, school_a, dept_b):
    return build_ledger(officer_a, province, dept_a, school_a, dept_b)


def test_form_0603_of_the_callers_scope(client, officer_a, dept_a, ledger):
    response = client.get(f"{API}/statistics/forms/0603", {"year_to": 2025},
                          HTTP_ACCEPT_LANGUAGE="en", **bearer(officer_a))
    assert response.status_code == 200
    body = response.json()
    assert (body["number"], body["unit_code"], body["period_start"], body["period_end"]) == (
        "0603.N/BNV-TĐKT", "SO-A", "2024-12-01", "2025-11-30")
    assert [c["key"] for c in body["columns"]] == ["total", "bang_khen_tinh", "cstd_tinh",
                                                   "co_thi_dua_tinh", "ky_niem_chuong"]
    assert body["columns"][1] == {"key": "bang_khen_tinh", "label": "Chia ra / Bằng khen",
                                  "code": "2"}
    rows = {r["code"]: r["values"] for r in body["rows"] if r["code"]}
    assert rows["01"] == [4, 3, 1, 0, 0]
    assert rows["02"] == [1, 1, None, 0, None]  # a collective: no CSTĐ, no badge
    expected = compute("0603", FormScope(dept_a, Period.reporting_years(2025, 2025)))
    assert [r["values"] for r in body["rows"]] == [r.values for r in expected.rows]


@pytest.mark.parametrize(("persona", "status"), [
    ("admin_user", 200), ("board_user", 200), ("officer_a", 200), ("outsider", 404),
    ("council_user", 403), ("approver_user", 403)])
def test_unit_scope_by_persona(request, client, ledger, persona, status):
    response = client.get(f"{API}/statistics/forms/0602", {"unit": "SO-A", "year_to": 2025},
                          HTTP_ACCEPT_LANGUAGE="en",
                          **bearer(request.getfixturevalue(persona)))
    assert response.status_code == status


def test_unknown_form_is_not_found(client, board_user):
    response = client.get(f"{API}/statistics/forms/9999", HTTP_ACCEPT_LANGUAGE="en",
                          **bearer(board_user))
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}


def test_anonymous_is_refused(client):
    assert client.get(f"{API}/statistics/forms/0601").status_code == 401


def test_list_of_forms(client, board_user):
    body = client.get(f"{API}/statistics/forms", HTTP_ACCEPT_LANGUAGE="en",
                      **bearer(board_user)).json()
    assert [f["code"] for f in body] == list(FORMS)
    assert [f["statutory"] for f in body] == [True] * 5 + [False] * 4
