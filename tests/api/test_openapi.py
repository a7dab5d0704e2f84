"""The OpenAPI document declares every error an operation can answer with, and the requests
`make fuzz` (schemathesis) found answered wrongly are refused with a documented JSON 422."""

import json

import pytest

from api.openapi import document_errors, error_statuses
from api.pagination import MAX_LIMIT, MAX_OFFSET
from tests.api.test_api import API, bearer
from tests.proposals.helpers import draft


@pytest.fixture
def schema(client):
    return client.get(f"{API}/openapi.json").json()


def _statuses(schema, path, method):
    return sorted(schema["paths"][path][method]["responses"])


def test_detail_operation_documents_auth_lookup_and_validation_errors(schema):
    assert _statuses(schema, "/api/v1/people/{public_id}", "get") == [
        "200", "401", "403", "404", "422", "429"]


def test_body_operation_documents_malformed_body(schema):
    assert _statuses(schema, "/api/v1/proposals/{public_id}/submit", "post") == [
        "200", "400", "401", "403", "404", "422", "429"]


def test_public_operation_documents_no_auth_errors(schema):
    assert _statuses(schema, "/api/v1/certificates/{code}", "get") == [
        "200", "404", "422", "429"]


def test_errors_are_the_json_error_schema(schema):
    error = schema["paths"]["/api/v1/units"]["get"]["responses"]["401"]
    assert error["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/ErrorOut"}
    assert schema["components"]["schemas"]["ErrorOut"]["required"] == ["detail"]


def test_a_declared_response_is_kept():
    declared = {"description": "Gone", "content": {}}
    schema = {"paths": {"/x": {"get": {"security": [{"TokenAuth": []}],
                                       "responses": {"404": declared}}}}}
    document_errors(schema)
    assert schema["paths"]["/x"]["get"]["responses"]["404"] is declared


def test_error_statuses_of_a_bare_operation():
    assert error_statuses({"responses": {}}) == [422, 429]


@pytest.mark.parametrize("query", [f"offset={MAX_OFFSET + 1}", f"limit={MAX_LIMIT + 1}",
                                   "offset=3757340108745430426097549312", "limit=0"])
def test_out_of_range_pagination_is_a_422(client, board_user, query):
    response = client.get(f"{API}/people?{query}", HTTP_ACCEPT_LANGUAGE="en",
                          **bearer(board_user))
    assert response.status_code == 422
    assert response.json()["detail"].startswith("Invalid request: query.")


def test_largest_offset_is_an_empty_page(client, board_user):
    response = client.get(f"{API}/people?offset={MAX_OFFSET}&limit={MAX_LIMIT}",
                          **bearer(board_user))
    assert (response.status_code, response.json()["items"]) == (200, [])


@pytest.mark.parametrize("body", ["[null, null]", "3", '{"override_reason": "", "x": 1}'])
def test_submit_body_must_be_an_object_of_known_fields(client, officer_a, dept_a, body):
    proposal = draft(officer_a, dept_a, dept_a)
    response = client.post(f"{API}/proposals/{proposal.public_id}/submit", body,
                           content_type="application/json", HTTP_ACCEPT_LANGUAGE="en",
                           **bearer(officer_a))
    assert response.status_code == 422
    proposal.refresh_from_db()
    assert proposal.state == "draft"


@pytest.mark.parametrize("body", [{}, {"cases": "x"}, [1]])
def test_eligibility_check_without_a_list_of_cases_is_a_422(client, board_user, body):
    response = client.post(f"{API}/eligibility/check", json.dumps(body),
                           content_type="application/json", HTTP_ACCEPT_LANGUAGE="en",
                           **bearer(board_user))
    assert response.status_code == 422
    assert response.json()["detail"].startswith("Invalid request: body.payload")


def test_eligibility_check_answers_a_malformed_case_in_its_row(client, board_user):
    response = client.post(f"{API}/eligibility/check", json.dumps({"cases": [None]}),
                           content_type="application/json", HTTP_ACCEPT_LANGUAGE="en",
                           **bearer(board_user))
    assert response.status_code == 200
    assert [row["id"] for row in response.json()["results"]] == [None]
