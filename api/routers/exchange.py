"""Data exchange: a decision's bundle for the national e-dossier system and the award ledger
as CSV, each a streamed download behind the same permissions as the back office."""

import uuid
from typing import Literal

from ninja import Router

from api.schemas import year_param
from awards.domain.queries import filter_ledger, records_for_user
from awards.interfaces.exports import ledger_export
from core.interfaces.guards import get_in, require
from decisions.domain.queries import decisions_for_user
from decisions.interfaces.bundle import bundle_response

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

router = Router(tags=["exchange"])


@router.get("/decisions/{public_id}/bundle", response={200: bytes},
            openapi_extra={"responses": {200: {"description": "ZIP (manifest.json, "
                                                "manifest.xml, decision, dossiers)",
                                               "content": {"application/zip": {}}}}})
def decision_bundle(request, public_id: uuid.UUID):
    """The decision's exchange bundle (issued decisions; board staff, approvers and
    administrators over the issuer). An audited export."""
    decision = get_in(decisions_for_user(request.user), public_id=public_id)
    require(request, "decisions.export_bundle", decision)
    return bundle_response(request.user, decision, channel="api")


@router.get("/ledger/export", response={200: bytes},
            openapi_extra={"responses": {200: {"description": "The ledger (UTF-8 CSV with BOM, "
                                                "or .xlsx), streamed",
                                               "content": {"text/csv": {}, XLSX: {}}}}})
def ledger_file(request, format: Literal["csv", "xlsx"] = "csv", q: str = "", award: str = "",
                year: int | None = year_param(), revoked: bool | None = None):
    """The award ledger in the caller's scope with the ledger screen's filters (search `q`,
    `award` code, `year`, `revoked`), the columns of the screen's export. CCCD only for records
    the caller keeps."""
    require(request, "awards.view_ledger")
    params = {"award": award, "year": "" if year is None else str(year),
              "revoked": "" if revoked is None else "1" if revoked else "0"}
    return ledger_export(format, filter_ledger(records_for_user(request.user, q), params),
                         request.user)
