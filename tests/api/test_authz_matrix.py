"""Authorisation matrix of the API: every operation of the OpenAPI document, requested by each
persona, answers exactly the status in EXPECTED — and no list shows unit A's records to the
officer of unit B.

Personas: system admin, board staff of the province, officer of unit A (DEPT_A), officer of
unit B (DEPT_B), council member of the province, anonymous. The objects all belong to unit A,
so for the officer of unit B every object is out of scope (404, never 403: an outsider must not
learn that the object exists). Anonymous callers get 401 except on public verification.
A new operation without a row in EXPECTED fails `test_every_operation_has_a_row`.
"""

import json

import pytest

from decisions.models import Certificate
from tests.api.test_api import API, bearer
from tests.api.test_api_writes_audited import WRITES, Personas
from tests.decisions.helpers import issued
from tests.emulation.movement_helpers import make_movement
from tests.factories import PersonFactory, make_initiative

PERSONAS = ("admin", "board", "officer_a", "officer_b", "council", "anonymous")
FIXTURE_OF = {"admin": "admin_user", "board": "board_user", "officer_a": "officer_a",
              "officer_b": "outsider", "council": "council_user"}


def row(admin, board, officer_a, officer_b, council, anonymous):
    return dict(zip(PERSONAS, (admin, board, officer_a, officer_b, council, anonymous),
                    strict=True))


ALL = row(200, 200, 200, 200, 200, 401)  # lists: filtered by scope, checked below
EXPECTED = {
    ("get", "/api/v1/units"): ALL,
    ("get", "/api/v1/units/{code}"): row(200, 200, 200, 404, 200, 401),
    ("get", "/api/v1/people"): ALL,
    ("get", "/api/v1/people/{public_id}"): row(200, 200, 200, 404, 200, 401),
    ("get", "/api/v1/clusters"): ALL,
    ("get", "/api/v1/catalogue"): ALL,
    ("get", "/api/v1/ledger"): ALL,
    ("post", "/api/v1/eligibility/check"): row(200, 200, 200, 200, 200, 401),
    ("get", "/api/v1/proposals"): ALL,
    ("get", "/api/v1/proposals/{public_id}"): row(200, 200, 200, 404, 200, 401),
    ("get", "/api/v1/decisions"): ALL,
    ("get", "/api/v1/certificates/{code}"): row(200, 200, 200, 200, 200, 200),
    # Council members have no business with the initiative register (emulation/rules.py).
    ("get", "/api/v1/initiatives"): row(200, 200, 200, 200, 403, 401),
    ("get", "/api/v1/initiatives/{public_id}"): row(200, 200, 200, 404, 404, 401),
    # A draft is the proposing unit's own: receivers (the council) do not see it at all.
    ("post", "/api/v1/proposals/{public_id}/submit"): row(200, 200, 200, 404, 404, 401),
    ("post", "/api/v1/proposals/{public_id}/withdraw"): row(200, 200, 200, 404, 404, 401),
    ("post", "/api/v1/proposals/{public_id}/return"): row(200, 200, 403, 404, 403, 401),
    ("post", "/api/v1/proposals/{public_id}/finish-appraisal"):
        row(200, 200, 403, 404, 403, 401),
    ("post", "/api/v1/proposals/{public_id}/forward"): row(200, 200, 403, 404, 403, 401),
    ("post", "/api/v1/proposals/{public_id}/reject"): row(200, 200, 403, 404, 403, 401),
    ("post", "/api/v1/nominees/{public_id}/opinion"): row(200, 200, 403, 404, 403, 401),
    # Appraisal findings (issue 16): read by whoever reads the proposal, written by its board.
    ("get", "/api/v1/nominees/{public_id}/appraisal"): row(200, 200, 200, 404, 200, 401),
    ("post", "/api/v1/nominees/{public_id}/findings"): row(200, 200, 403, 404, 403, 401),
    ("post", "/api/v1/findings/{public_id}/withdraw"): row(200, 200, 403, 404, 403, 401),
    ("post", "/api/v1/decisions/{public_id}/issue"): row(200, 403, 403, 404, 403, 401),
    # Revocation: the staff of the granting authority (unit A here) only; the officer of unit A
    # keeps the records but does not act for the authority (awards.domain.authority).
    ("post", "/api/v1/ledger/{public_id}/revoke"): row(200, 200, 403, 404, 403, 401),
    # Emulation: council members have no role in movements or cluster rounds; clusters are
    # organisational facts (names, members) every signed-in user may read, like /clusters.
    ("get", "/api/v1/movements"): row(200, 200, 200, 200, 403, 401),
    ("get", "/api/v1/movements/{code}"): row(200, 200, 200, 404, 404, 401),
    ("get", "/api/v1/movements/{code}/registrations"): row(200, 200, 200, 404, 404, 401),
    ("get", "/api/v1/criteria-sets"): row(200, 200, 200, 200, 403, 401),
    ("get", "/api/v1/criteria-sets/{public_id}"): row(200, 200, 200, 404, 403, 401),
    ("get", "/api/v1/cluster-rounds"): row(200, 200, 200, 200, 403, 401),
    ("get", "/api/v1/cluster-rounds/{public_id}"): row(200, 200, 200, 404, 404, 401),
    # Who scored whom: the cluster head and the board only; members read the ranking.
    ("get", "/api/v1/cluster-rounds/{public_id}/scores"): row(200, 200, 403, 404, 404, 401),
    ("get", "/api/v1/clusters/{code}"): row(200, 200, 200, 200, 200, 401),
    # Exchange: the bundle is for those who may issue over the issuer (board, approver, admin).
    ("get", "/api/v1/decisions/{public_id}/bundle"): row(200, 200, 403, 404, 403, 401),
    ("get", "/api/v1/ledger/export"): ALL,
    # Early salary raise: the ledger's readers, each over the people of their own scope.
    ("get", "/api/v1/early-raise"): ALL,
    # The exchange events feed: the exporters of the issuer, like the bundle.
    ("get", "/api/v1/exchange/events"): row(200, 200, 403, 403, 403, 401),
    # Statistics: each persona's own statistics scope; the council has none.
    ("get", "/api/v1/statistics/dashboard"): row(200, 200, 200, 200, 403, 401),
    ("get", "/api/v1/statistics/fairness"): row(200, 200, 200, 200, 403, 401),
    ("get", "/api/v1/statistics/forms"): row(200, 200, 200, 200, 403, 401),
    ("get", "/api/v1/statistics/forms/{code}"): row(200, 200, 200, 200, 403, 401),
}


def test_every_operation_has_a_row(client, db):
    paths = client.get(f"{API}/openapi.json").json()["paths"]
    operations = {(method, path) for path, item in paths.items() for method in item}
    assert operations == set(EXPECTED)


def auth_headers(request, persona) -> dict:
    if persona == "anonymous":
        return {}
    return bearer(request.getfixturevalue(FIXTURE_OF[persona]))


@pytest.fixture
def unit_a_world(officer_a, board_user, approver_user, dept_a, school_a, scoring_round):
    """Unit A's records: a person, a proposal, an issued decision with its certificate, an
    initiative, a movement it organises, and the cluster round (with its criteria set) of the
    cluster unit A belongs to (unit B does not)."""
    decision = issued(officer_a, board_user, approver_user, dept_a)
    proposal = decision.items.get().nominee.proposal
    return {
        "movement": make_movement(dept_a, [school_a], state="launched"),
        "cluster-round": scoring_round,
        "criteria-set": scoring_round.criteria_set,
        "cluster": scoring_round.cluster,
        "person": PersonFactory(unit=dept_a, full_name="Trần Thị Bình"),
        "proposal": proposal,
        "nominee": decision.items.get().nominee,
        "decision": decision,
        "certificate": Certificate.objects.get(item__decision=decision),
        "initiative": make_initiative(dept_a, title="Sổ điểm điện tử"),
        "unit": dept_a,
    }


# The object a path's first segment names, when it is not the segment minus its plural "s".
OBJECT_OF = {"people": "person", "units": "unit", "certificates": "certificate",
             "cluster-rounds": "cluster-round", "criteria-sets": "criteria-set"}


def read_url(path: str, world) -> str:
    segment = path.split("/")[3]
    if segment == "statistics":
        return API + path.removeprefix("/api/v1").format(code="0602")
    key = OBJECT_OF.get(segment, segment.rstrip("s"))
    obj = world.get(key)
    return API + path.removeprefix("/api/v1").format(
        code=getattr(obj, "code", ""), public_id=getattr(obj, "public_id", ""))


ELIGIBILITY_CASE = {"cases": [{"id": "c1", "award": "ldtt", "year": 2025,
                               "subject": {"kind": "individual"},
                               "ratings": [{"year": 2025, "rating": "tot"}]}]}


@pytest.mark.parametrize("persona", PERSONAS)
def test_reads_by_persona(request, client, unit_a_world, outsider, council_user, admin_user,
                          persona):
    headers = auth_headers(request, persona)
    actual = {}
    for method, path in EXPECTED:
        if method == "get":
            response = client.get(read_url(path, unit_a_world), HTTP_ACCEPT_LANGUAGE="en",
                                  **headers)
        elif path.endswith("/eligibility/check"):
            response = client.post(f"{API}/eligibility/check", json.dumps(ELIGIBILITY_CASE),
                                   content_type="application/json", **headers)
        else:
            continue
        actual[(method, path)] = response.status_code
    assert actual == {op: EXPECTED[op][persona] for op in actual}


@pytest.mark.parametrize("path", ["/units", "/people", "/ledger", "/proposals", "/decisions",
                                  "/initiatives"])
def test_unit_b_lists_hold_nothing_of_unit_a(client, unit_a_world, outsider, path):
    body = client.get(f"{API}{path}", **bearer(outsider)).json()
    text = json.dumps(body, ensure_ascii=False)
    for key in ("person", "proposal", "decision", "initiative"):
        assert str(unit_a_world[key].public_id) not in text
    assert "SO-A" not in text and "Trần Thị Bình" not in text


@pytest.mark.parametrize("path", ["/people", "/proposals", "/decisions", "/initiatives"])
def test_unit_a_lists_hold_its_records(client, unit_a_world, officer_a, path):
    key = path.strip("/").rstrip("s").replace("people", "person")
    text = json.dumps(client.get(f"{API}{path}", **bearer(officer_a)).json())
    assert str(unit_a_world[key].public_id) in text


WRITE_OPERATIONS = sorted(WRITES)


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("operation", WRITE_OPERATIONS, ids=lambda op: op[1])
def test_writes_by_persona(request, client, operation, persona, outsider, council_user,
                           admin_user, approver_user):
    call = WRITES[operation](Personas(request))
    response = client.post(f"{API}{call.path}", json.dumps(call.payload),
                           content_type="application/json", HTTP_ACCEPT_LANGUAGE="en",
                           **auth_headers(request, persona))
    assert response.status_code == EXPECTED[operation][persona], response.content
