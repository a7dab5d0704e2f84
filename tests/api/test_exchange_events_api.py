"""The exchange events feed, GET /api/v1/exchange/events: what the webhooks push, paged, for
the exporters of the issuing side only (issue 17 §4)."""

from accounts.enums import Role
from decisions.domain import corrections
from tests.api.test_api import API, bearer
from tests.decisions.helpers import DECIDED_ON, issued
from tests.factories import user_with_role


def test_feed_pages_events_oldest_first(client, officer_a, board_user, approver_user, dept_a):
    decision = issued(officer_a, board_user, approver_user, dept_a, people=2)
    corrections.revoke_item(board_user, decision.items.get(ordinal=2), reason="Gian lận",
                            decision_number="7/QĐ-SGDĐT", decision_date=DECIDED_ON,
                            decision_issuer="Giám đốc Sở GDĐT")
    first = client.get(f"{API}/exchange/events?limit=1", **bearer(board_user)).json()
    second = client.get(f"{API}/exchange/events?limit=1&offset=1", **bearer(board_user)).json()
    assert (first["count"], first["items"][0]["type"], second["items"][0]["type"]) == (
        2, "decision.issued", "award.revoked")
    payload = first["items"][0]["payload"]
    assert ([a["hinh_thuc"]["code"] for a in payload["awards"]],
            [a["danh_hieu"] for a in payload["awards"]]) == (["giay_khen"] * 2, [None, None])
    revoked = client.get(f"{API}/exchange/events?type=award.revoked",
                         **bearer(board_user)).json()
    assert [e["payload"]["awards"][0]["ordinal"] for e in revoked["items"]] == [2]


def test_board_of_another_unit_sees_none_of_its_events(client, officer_a, board_user,
                                                      approver_user, dept_a, dept_b):
    issued(officer_a, board_user, approver_user, dept_a)
    other_board = user_with_role(Role.BOARD_STAFF, dept_b, username="board_b")
    body = client.get(f"{API}/exchange/events", **bearer(other_board)).json()
    assert (body["count"], body["items"]) == (0, [])


def test_unit_officer_is_refused(client, officer_a, board_user, approver_user, dept_a):
    issued(officer_a, board_user, approver_user, dept_a)
    response = client.get(f"{API}/exchange/events", HTTP_ACCEPT_LANGUAGE="en",
                          **bearer(officer_a))
    assert (response.status_code, response.json()) == (
        403, {"detail": "You do not have permission for this."})


def test_since_is_an_iso_date_time_never_a_bare_number(client, board_user):
    """pydantic would read "0.5" as a Unix timestamp; the schema says ISO 8601 (found by the
    API fuzzer)."""
    client.force_login(board_user)
    url = "/api/v1/exchange/events"
    assert (client.get(url, {"since": "0.5"}).status_code,
            client.get(url, {"since": "2026-12-01T00:00:00+07:00"}).status_code) == (422, 200)
