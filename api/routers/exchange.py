"""Data exchange: a decision's bundle for the national e-dossier system, the award ledger as
CSV, each a streamed download behind the same permissions as the back office, and the feed of
exchange events (what the webhooks push, to pull instead)."""

import datetime
import uuid
from typing import Literal

from ninja import Field, Router, Schema
from ninja.pagination import paginate

from api.pagination import LimitOffsetPagination
from api.schemas import IsoDateTime, year_param
from awards.domain.queries import filter_ledger, records_for_user
from awards.interfaces.exports import ledger_export
from core.interfaces.guards import get_in, require
from decisions.domain.queries import decisions_for_user, events_for_user
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


class ExchangeEventOut(Schema):
    id: uuid.UUID = Field(alias="public_id")
    type: str = Field(alias="kind")
    created: datetime.datetime = Field(alias="created_at")
    payload: dict = Field(description="The event as the webhook sends it: decision, awards "
                                      "(`danh_hieu` or `hinh_thuc`), certificates, revocation.")



@router.get("/exchange/events", response=list[ExchangeEventOut])
@paginate(LimitOffsetPagination)
def exchange_events(request, type: Literal["decision.issued", "decision.corrected",
                                           "award.revoked"] | None = None,
                    since: IsoDateTime | None = None):
    """Issued, corrected and revoked decisions as the subscribed systems receive them by
    webhook, oldest first (page with `offset`; `since` = events created after that time).
    Decisions of the issuers in the caller's scope; board staff, approvers, administrators."""
    require(request, "decisions.view_exchange_events")
    events = events_for_user(request.user)
    if type:
        events = events.filter(kind=type)
    if since is not None:
        events = events.filter(created_at__gt=since)
    return events.order_by("id")
