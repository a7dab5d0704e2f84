"""Issuing through the API as the document desk: the register's number or a typed one, the PDF
kept for signing, a typed duplicate refused (422) naming the decision that holds it."""

import json

from decisions.enums import DecisionState
from decisions.models import DecisionPdf
from tests.api.test_api import API, bearer
from tests.decisions.helpers import draft_for, issued_with_pdf
from tests.proposals.helpers import appraised


def _draft(officer, board, unit):
    return draft_for(board, [appraised(officer, board, unit, unit)], unit)


def _issue(client, user, decision, payload):
    return client.post(f"{API}/decisions/{decision.public_id}/issue", json.dumps(payload),
                       content_type="application/json", **bearer(user))


def test_the_desk_issues_with_a_typed_number(client, officer_a, board_user, desk_user, dept_a):
    draft = _draft(officer_a, board_user, dept_a)
    response = _issue(client, desk_user, draft, {"date": "2026-01-05", "number": 1034})
    assert (response.status_code, response.json()["number"], response.json()["state"],
            DecisionPdf.objects.filter(decision=draft).count()) == (
        200, "1034/QĐ-SGDĐT", DecisionState.ISSUED, 1)


def test_a_typed_duplicate_is_422_naming_the_holder(client, officer_a, board_user, desk_user,
                                                   dept_a):
    holder = issued_with_pdf(officer_a, board_user, desk_user, dept_a, number=8)
    draft = _draft(officer_a, board_user, dept_a)
    response = _issue(client, desk_user, draft, {"date": "2026-01-05", "number": 8})
    draft.refresh_from_db()
    assert (response.status_code, draft.state, holder.summary in json.dumps(
        response.json(), ensure_ascii=False)) == (422, DecisionState.DRAFT, True)


def test_a_number_below_one_is_refused(client, officer_a, board_user, desk_user, dept_a):
    draft = _draft(officer_a, board_user, dept_a)
    assert _issue(client, desk_user, draft, {"date": "2026-01-05", "number": 0}
                  ).status_code == 422
