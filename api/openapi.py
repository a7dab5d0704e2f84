"""The OpenAPI document tells the whole truth about errors.

ninja documents only the responses an operation declares (usually just 200), yet every operation
can answer with the JSON errors of api/v1.py: 422 for an invalid parameter, 429 when throttled,
401/403 when it needs a signed-in caller, 404 when it looks an object up by a path parameter (or a
unit by its code in `?unit=`), and
400 when its body is not JSON. Declaring those in every router would be repetition that a new
router forgets, so the API adds them to the generated document (schemathesis' status-code
conformance check, `make fuzz`, holds the API to it)."""

from ninja import NinjaAPI

from api.schemas import ErrorOut

ERROR_REF = {"$ref": "#/components/schemas/ErrorOut"}
DESCRIPTIONS = {
    400: "Malformed request body",
    401: "Not signed in and no valid API token",
    403: "Not permitted",
    404: "Not found, or outside the caller's scope",
    422: "Invalid parameter or refused by a business rule",
    429: "Too many requests",
}


def error_statuses(operation: dict) -> list[int]:
    """The error statuses one operation can answer with (see the module docstring)."""
    statuses = [422, 429]
    if operation.get("security"):
        statuses += [401, 403]
    # An object looked up by a path parameter, or a unit named by code in the query (statistics
    # of `?unit=`), answers 404 when it does not exist or lies outside the caller's scope.
    if any(p.get("in") == "path" or (p.get("in") == "query" and p.get("name") == "unit")
           for p in operation.get("parameters", [])):
        statuses.append(404)
    if "requestBody" in operation:
        statuses.append(400)
    return sorted(statuses)


def document_errors(schema: dict) -> dict:
    """Add the JSON error responses to every operation that does not declare them itself."""
    schema.setdefault("components", {}).setdefault("schemas", {}).setdefault(
        "ErrorOut", ErrorOut.model_json_schema())
    for operations in schema.get("paths", {}).values():
        for operation in operations.values():
            responses = operation.setdefault("responses", {})
            for status in error_statuses(operation):
                responses.setdefault(str(status), {
                    "description": DESCRIPTIONS[status],
                    "content": {"application/json": {"schema": ERROR_REF}}})
    return schema


class DocumentedErrorsAPI(NinjaAPI):
    def get_openapi_schema(self, **kwargs):
        return document_errors(super().get_openapi_schema(**kwargs))
