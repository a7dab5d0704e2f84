"""The early salary raise through the API: the page's list (awards:early_raise), same scope,
filters and domain function (issue 16 point 5)."""

import pytest
from django.urls import reverse

from tests.api.test_api import API, bearer
from tests.awards.test_early_raise import staff  # noqa: F401 (fixture)

URL = f"{API}/early-raise"
PERIOD = {"from": "2023-06-01", "to": "2026-05-31"}


def _get(client, user, **params):
    return client.get(URL, {**PERIOD, **params}, HTTP_ACCEPT_LANGUAGE="en", **bearer(user))


def test_the_unit_officer_gets_its_people_with_months_and_citation(client, officer_a, staff):  # noqa: F811
    body = _get(client, officer_a).json()
    lan = body["people"][0]
    assert (body["start"], body["end"], body["count"], body["staff"], body["cap"],
            body["citation"].startswith("Thông tư 08/2013/TT-BNV, Điều 3"),
            lan["full_name"], lan["unit"], lan["months"],
            [(a["award"], a["decision_date"], a["months"]) for a in lan["awards"]]) == (
        "2023-06-01", "2026-05-31", 1, 2, 0, True, "Nguyễn Thị Lan", "SO-A", 9,
        [("giay_khen", "2024-02-01", 6), ("bang_khen_tinh", "2025-03-10", 9)])


def test_the_api_gives_exactly_the_page_list(client, board_user, staff):  # noqa: F811
    client.force_login(board_user)
    page = client.get(reverse("awards:early_raise"), PERIOD).context["result"]
    body = _get(client, board_user).json()
    assert [(p["full_name"], p["months"]) for p in body["people"]] == [
        (e.person.full_name, e.months) for e in page.people]


def test_filters_by_unit_and_person(client, board_user, staff):  # noqa: F811
    by_unit = _get(client, board_user, unit="SO-B").json()
    by_person = _get(client, board_user, person=str(staff["lan"].public_id)).json()
    assert ([p["full_name"] for p in by_unit["people"]],
            [p["full_name"] for p in by_person["people"]]) == (
        ["Lê Văn Khác"], ["Nguyễn Thị Lan"])


def test_limit_and_offset_page_the_people_count_is_of_all(client, board_user, staff):  # noqa: F811
    body = _get(client, board_user, limit=1, offset=1).json()
    assert (body["count"], len(body["people"])) == (2, 1)


def test_outside_the_scope_is_404_and_a_bad_date_is_422(client, officer_a, staff):  # noqa: F811
    assert (_get(client, officer_a, unit="SO-B").status_code,
            _get(client, officer_a, person=str(staff["other"].public_id)).status_code,
            _get(client, officer_a, to="31/05/2026").status_code) == (404, 404, 422)


@pytest.mark.parametrize("value", ["0", "0.5", "1780000000"])
def test_a_number_is_no_date_though_pydantic_would_read_a_timestamp(client, officer_a, staff,  # noqa: F811
                                                                    value):
    """`make fuzz` found `?to=0` answered 200 for 1/1/1970: dates are ISO 8601 only."""
    assert (_get(client, officer_a, to=value).status_code,
            _get(client, officer_a, **{"from": value}).status_code) == (422, 422)


def test_the_outsider_sees_none_of_unit_a(client, outsider, staff):  # noqa: F811
    body = _get(client, outsider).json()
    assert [p["full_name"] for p in body["people"]] == ["Lê Văn Khác"]


@pytest.mark.parametrize("persona", ["anonymous"])
def test_anonymous_is_refused(client, db, persona):
    assert client.get(URL).status_code == 401
