"""Appraisal findings through the API (issue 16): the same domain functions as the page."""

import json

import pytest

from proposals.models import AppraisalFinding
from tests.api.test_api import API, bearer
from tests.proposals.test_findings import CITATION, TRACK, under_appraisal


@pytest.fixture
def nominee(officer_a, board_user, dept_a, province):
    return under_appraisal(officer_a, board_user, dept_a, province).nominees.get()


def _post(client, user, path, payload):
    return client.post(f"{API}{path}", json.dumps(payload), content_type="application/json",
                       HTTP_ACCEPT_LANGUAGE="en", **bearer(user))


def test_recording_through_the_api_makes_the_nominee_eligible_by_appraisal(client, board_user,
                                                                           nominee):
    before = client.get(f"{API}/nominees/{nominee.public_id}/appraisal",
                        **bearer(board_user)).json()
    created = _post(client, board_user, f"/nominees/{nominee.public_id}/findings",
                    {"code": TRACK, "evidence_number": "125/QĐ-BGDĐT",
                     "evidence_date": "2025-10-02", "note": "Đột xuất"})
    after = client.get(f"{API}/nominees/{nominee.public_id}/appraisal",
                       **bearer(board_user)).json()
    met = [r for r in after["verdict"]["reasons"] if r["rule"] == TRACK]
    assert (before["verdict"]["eligible"], before["tracks"][1],
            created.status_code, created.json()["citation"], created.json()["state"],
            after["verdict"]["eligible"], [r["citation"] for r in met]) == (
        False, {"code": TRACK, "citation": CITATION, "verified": False},
        200, CITATION, "recorded", True, [CITATION])


def test_withdrawing_through_the_api_keeps_the_finding(client, board_user, nominee):
    created = _post(client, board_user, f"/nominees/{nominee.public_id}/findings",
                    {"code": TRACK, "evidence_text": "Bằng khen của Bộ"}).json()
    withdrawn = _post(client, board_user, f"/findings/{created['public_id']}/withdraw",
                      {"reason": "Nhầm văn bản"})
    listed = client.get(f"{API}/nominees/{nominee.public_id}/appraisal",
                        **bearer(board_user)).json()
    assert (withdrawn.status_code, withdrawn.json()["withdrawn_reason"],
            [f["state"] for f in listed["findings"]], listed["verdict"]["eligible"]) == (
        200, "Nhầm văn bản", ["withdrawn"], False)


def test_missing_evidence_is_refused_with_the_field_named(client, board_user, nominee):
    response = _post(client, board_user, f"/nominees/{nominee.public_id}/findings",
                     {"code": TRACK, "evidence_number": "125/QĐ-BGDĐT"})
    assert (response.status_code, response.json(), AppraisalFinding.objects.count()) == (
        422, {"detail": "Give the date of document 125/QĐ-BGDĐT."}, 0)


def test_the_outsider_gets_404(client, outsider, nominee):
    response = _post(client, outsider, f"/nominees/{nominee.public_id}/findings",
                     {"code": TRACK, "evidence_text": "x"})
    read = client.get(f"{API}/nominees/{nominee.public_id}/appraisal", **bearer(outsider))
    assert (response.status_code, read.status_code) == (404, 404)
