"""Proposal transitions through the API call the same domain functions as the UI."""

import json

from audit.models import AuditEntry
from proposals.enums import ProposalState
from tests.api.test_api import API, bearer
from tests.decisions.helpers import issued
from tests.proposals.helpers import complete_dossier, draft, submitted


def _post(client, url, user, payload=None):
    return client.post(url, json.dumps(payload or {}), content_type="application/json",
                       HTTP_ACCEPT_LANGUAGE="en", **bearer(user))


def test_officer_submits_through_the_api(client, officer_a, dept_a):
    proposal = draft(officer_a, dept_a, dept_a)
    complete_dossier(officer_a, proposal)
    response = _post(client, f"{API}/proposals/{proposal.public_id}/submit", officer_a)
    assert (response.status_code, response.json()["state"]) == (200, "submitted")
    assert AuditEntry.objects.filter(action="proposals.proposal.submitted",
                                     actor=officer_a).count() == 1


def test_blocked_submission_is_a_422_with_the_reasons(client, officer_a, dept_a):
    proposal = draft(officer_a, dept_a, dept_a)
    response = _post(client, f"{API}/proposals/{proposal.public_id}/submit", officer_a)
    assert response.status_code == 422
    assert "Missing document: Submission letter (tờ trình)." in response.json()["detail"]


def test_outsider_cannot_see_or_act(client, officer_a, outsider, dept_a):
    proposal = submitted(officer_a, dept_a, dept_a)
    assert client.get(f"{API}/proposals/{proposal.public_id}",
                      **bearer(outsider)).status_code == 404
    assert _post(client, f"{API}/proposals/{proposal.public_id}/return", outsider,
                 {"reason": "x"}).status_code == 404
    assert client.get(f"{API}/proposals", **bearer(outsider)).json()["count"] == 0


def test_officer_cannot_return_its_own_proposal(client, officer_a, dept_a):
    proposal = submitted(officer_a, dept_a, dept_a)
    response = _post(client, f"{API}/proposals/{proposal.public_id}/return", officer_a,
                     {"reason": "x"})
    assert response.status_code == 403


def test_board_returns_through_the_api(client, officer_a, board_user, dept_a):
    proposal = submitted(officer_a, dept_a, dept_a)
    response = _post(client, f"{API}/proposals/{proposal.public_id}/return", board_user,
                     {"reason": "Thiếu biên bản"})
    assert response.json()["state"] == ProposalState.RETURNED


def test_certificate_verification_is_public(client, officer_a, board_user, approver_user,
                                            dept_a):
    decision = issued(officer_a, board_user, approver_user, dept_a)
    code = decision.items.get().certificates.get().code
    body = client.get(f"{API}/certificates/{code}").json()
    assert (body["status"], body["decision"]) == ("valid", "01/QĐ-SGDĐT")
    assert "cccd" not in json.dumps(body).lower()
    assert client.get(f"{API}/certificates/XXXXX-XXXXX").status_code == 404
