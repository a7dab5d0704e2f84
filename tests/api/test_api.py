import datetime
import json

import pytest
from django.urls import reverse

from accounts.domain.tokens import create_token, revoke_token
from awards.domain.ledger import record_award
from awards.models import AwardType
from tests.factories import PersonFactory

API = "/api/v1"


def bearer(user):
    _token, raw = create_token(user, name="test")
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


@pytest.fixture
def person_a(dept_a):
    return PersonFactory(unit=dept_a, full_name="Nguyễn Văn An")


def test_openapi_document_is_served(client):
    response = client.get(f"{API}/openapi.json")
    assert response.status_code == 200
    paths = response.json()["paths"]
    assert {"/api/v1/units", "/api/v1/people", "/api/v1/eligibility/check",
            "/api/v1/ledger"} <= set(paths)


def test_without_credentials_401_in_vietnamese(client):
    response = client.get(f"{API}/units", HTTP_ACCEPT_LANGUAGE="vi")
    assert response.status_code == 401
    assert response.json()["detail"] == "Hãy đăng nhập hoặc gửi mã truy cập API hợp lệ."


def test_token_acts_as_its_user_with_scope(client, officer_a, person_a, dept_b):
    PersonFactory(unit=dept_b, full_name="Người Sở Khác")
    response = client.get(f"{API}/people", **bearer(officer_a))
    assert response.status_code == 200
    assert [p["full_name"] for p in response.json()["items"]] == ["Nguyễn Văn An"]
    assert response.json()["items"][0]["cccd"] == person_a.cccd


def test_revoked_token_is_refused(client, officer_a):
    token, raw = create_token(officer_a, name="x")
    revoke_token(officer_a, token)
    assert client.get(f"{API}/units", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 401


@pytest.mark.parametrize(("persona", "status", "sees_cccd"), [
    ("admin_user", 200, True), ("board_user", 200, True), ("officer_a", 200, True),
    ("council_user", 200, False), ("approver_user", 200, False), ("outsider", 404, False)])
def test_person_detail_by_persona(request, client, person_a, persona, status, sees_cccd):
    response = client.get(f"{API}/people/{person_a.public_id}",
                          **bearer(request.getfixturevalue(persona)))
    assert response.status_code == status
    if status == 200:
        assert (response.json()["cccd"] == person_a.cccd) is sees_cccd
        assert (response.json()["birth_date"] is not None) is sees_cccd


def test_unit_detail_lists_predecessors(client, board_user, province, dept_a, dept_b):
    from organisations.domain.tree import merge_units

    merge_units(None, [dept_a, dept_b], effective_date=datetime.date(2025, 7, 1),
                new_unit={"code": "SO-MOI", "name": "Sở mới", "level": "province",
                          "kind": "department", "parent": province})
    body = client.get(f"{API}/units/SO-MOI", **bearer(board_user)).json()
    assert body["predecessors"] == ["SO-A", "SO-B"]


def test_ledger_is_scoped(client, officer_a, outsider, person_a):
    record_award(None, award_type=AwardType.objects.get(code="ldtt"), year=2024,
                 decision_number="1/QĐ", decision_date=datetime.date(2025, 1, 5),
                 issuer="Sở", person=person_a)
    assert client.get(f"{API}/ledger", **bearer(officer_a)).json()["count"] == 1
    assert client.get(f"{API}/ledger", **bearer(outsider)).json()["count"] == 0


def test_eligibility_check_matches_the_cli(client, board_user, tmp_path, capsys):
    case = {"id": "c1", "award": "ldtt", "year": 2025, "subject": {"kind": "individual"},
            "ratings": [{"year": 2025, "rating": "tot"}]}
    bad = {"id": "c2", "award": "khong_co", "year": 2025, "subject": {"kind": "individual"}}
    response = client.post(f"{API}/eligibility/check", json.dumps({"cases": [case, bad]}),
                           content_type="application/json", HTTP_ACCEPT_LANGUAGE="en",
                           **bearer(board_user))
    path = tmp_path / "c.json"
    path.write_text(json.dumps({"cases": [case, bad]}))
    from django.core.management import call_command

    with pytest.raises(SystemExit):
        call_command("eligibility", "check", str(path), "--lang", "en")
    assert response.json() == json.loads(capsys.readouterr().out)


def test_role_less_account_is_refused(client, db):
    from tests.factories import UserFactory

    response = client.get(f"{API}/units", **bearer(UserFactory()))
    assert response.status_code == 403


def test_token_page_creates_and_revokes(client, officer_a):
    client.force_login(officer_a)
    page = client.post(reverse("accounts:token_list"), {"name": "Cổng tỉnh"})
    raw = page.context["created"]
    assert raw.startswith("tdkt_")
    token = officer_a.api_tokens.get()
    assert token.digest != raw  # stored hashed
    client.post(reverse("accounts:token_revoke", args=[token.public_id]))
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_interactive_docs_load_nothing_from_the_internet(client, board_user):
    client.force_login(board_user)
    page = client.get(f"{API}/docs")
    assert page.status_code == 200
    assert "cdn." not in page.text
    assert "/static/ninja/swagger-ui-bundle.js" in page.text


def test_eligibility_check_without_cases_is_a_422(client, board_user):
    response = client.post(f"{API}/eligibility/check", json.dumps({"case": {}}),
                           content_type="application/json", HTTP_ACCEPT_LANGUAGE="en",
                           **bearer(board_user))
    assert (response.status_code, response.json()) == (
        422, {"detail": "Invalid request: body.payload.cases."})
