"""GET /api/v1/initiatives and /api/v1/initiatives/{public_id}: scoped like the back office."""

import pytest

from emulation.initiatives.domain.initiative_uses import claim_initiative
from tests.api.test_api import API, bearer
from tests.factories import PersonFactory, make_initiative


@pytest.fixture
def initiative(dept_a):
    author = PersonFactory(unit=dept_a, full_name="Nguyễn Văn An")
    return make_initiative(dept_a, authors=[(author, 100)], year=2024)


def test_list_is_scoped_and_filtered(client, initiative, officer_a, outsider, dept_b, school_a):
    make_initiative(dept_b, title="Quy trình tiếp nhận bệnh nhân")
    make_initiative(school_a, title="Sổ điểm điện tử", state="draft")
    body = client.get(f"{API}/initiatives", **bearer(officer_a)).json()
    assert sorted(i["title"] for i in body["items"]) == [
        "Sổ điểm điện tử", "Ứng dụng phần mềm quản lý hồ sơ học sinh"]
    body = client.get(f"{API}/initiatives", {"state": "recognised", "q": "phan mem"},
                      **bearer(officer_a)).json()
    assert [(i["code"], i["scope"], i["unit_code"], i["authors"][0]["full_name"],
             i["authors"][0]["share"]) for i in body["items"]] == [
        (initiative.code, "co_so", "SO-A", "Nguyễn Văn An", 100.0)]
    assert client.get(f"{API}/initiatives", {"year": 2023},
                      **bearer(officer_a)).json()["count"] == 0
    outsider_titles = [i["title"] for i in client.get(f"{API}/initiatives",
                                                      **bearer(outsider)).json()["items"]]
    assert outsider_titles == ["Quy trình tiếp nhận bệnh nhân"]


@pytest.mark.parametrize(("persona", "status"), [
    ("admin_user", 200), ("board_user", 200), ("officer_a", 200), ("outsider", 404),
    ("council_user", 404), ("approver_user", 404)])
def test_detail_by_persona(request, client, initiative, persona, status):
    claim_initiative(initiative, award_code="cstd_co_so", claim_ref="nominee:1",
                     claim_label="Tờ trình 12 — CSTĐ cơ sở", actor=None)
    response = client.get(f"{API}/initiatives/{initiative.public_id}",
                          **bearer(request.getfixturevalue(persona)))
    assert response.status_code == status
    if status == 200:
        body = response.json()
        assert (body["code"], body["state"], body["council"]) == (
            initiative.code, "recognised", "Hội đồng sáng kiến Sở")
        assert [(u["award_code"], u["category"], u["claim_label"], u["state"])
                for u in body["uses"]] == [("cstd_co_so", "title", "Tờ trình 12 — CSTĐ cơ sở",
                                            "reserved")]


def test_list_refused_to_roles_without_the_registry(client, council_user):
    assert client.get(f"{API}/initiatives", **bearer(council_user)).status_code == 403


def test_openapi_lists_the_initiative_paths(client):
    paths = client.get(f"{API}/openapi.json").json()["paths"]
    assert {"/api/v1/initiatives", "/api/v1/initiatives/{public_id}"} <= set(paths)
