"""Award catalogue, ledger and the eligibility check (same JSON as the command-line interface,
../shared/domain/eligibility-interface.md)."""

import datetime
import uuid

from ninja import Router, Schema
from ninja.pagination import paginate

from api.pagination import LimitOffsetPagination
from api.schemas import AwardRecordOut, AwardTypeOut, year_param
from awards.domain.authority import ensure_may_amend
from awards.domain.ledger import revoke_award
from awards.domain.parameters import CatalogueParameters
from awards.domain.queries import records_for_user
from awards.eligibility.engine import evaluate
from awards.eligibility.json_io import CaseError, parse_case
from awards.models import AwardType
from core.interfaces.guards import get_in, require

router = Router(tags=["awards"])


@router.get("/catalogue", response=list[AwardTypeOut])
def catalogue(request):
    require(request, "awards.view_catalogue")
    return AwardType.objects.filter(is_active=True)


@router.get("/ledger", response=list[AwardRecordOut])
@paginate(LimitOffsetPagination)
def ledger(request, q: str = "", award: str = "", year: int | None = year_param()):
    require(request, "awards.view_ledger")
    qs = records_for_user(request.user, q)
    if award:
        qs = qs.filter(award_type__code=award)
    if year is not None:
        qs = qs.filter(year=year)
    return qs.order_by("id")


class RevokeIn(Schema):
    """The revoking decision (Law 06/2022/QH15 Art. 93) and the reason."""

    decision_number: str
    decision_date: datetime.date
    decision_issuer: str
    reason: str


@router.post("/ledger/{public_id}/revoke", response=AwardRecordOut)
def revoke(request, public_id: uuid.UUID, payload: RevokeIn):
    """Revoke a ledger record by the revoking decision. Only the staff of the authority that
    granted it (or its successor) may: anyone else gets 403 with the Vietnamese reason; an
    invalid decision is 422. Same domain function as the page (audited)."""
    entry = get_in(records_for_user(request.user), public_id=public_id)
    ensure_may_amend(request.user, entry)  # the refusal names who may act
    return revoke_award(request.user, entry, **payload.dict())


class CheckIn(Schema):
    # Any JSON per case: a malformed one is answered with its own error row, not a 422.
    cases: list


class CheckOut(Schema):
    results: list[dict]


@router.post("/eligibility/check", response=CheckOut)
def eligibility_check(request, payload: CheckIn):
    """Evaluate cases: `{"cases": [...]}` → `{"results": [...]}`; a malformed case gets
    `{"id", "error"}` and the others are still evaluated. Parameters come from the catalogue."""
    require(request, "awards.view_catalogue")
    params = CatalogueParameters()
    results = []
    for data in payload.cases:
        try:
            results.append(evaluate(parse_case(data), params).as_dict())
        except CaseError as error:
            results.append({"id": str(data.get("id")) if isinstance(data, dict) else None,
                            "error": str(error)})
    return {"results": results}
