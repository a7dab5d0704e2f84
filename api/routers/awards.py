"""Award catalogue, ledger and the eligibility check (same JSON as the command-line interface,
../shared/domain/eligibility-interface.md)."""

from ninja import Router, Schema
from ninja.pagination import paginate

from api.pagination import LimitOffsetPagination
from api.schemas import AwardRecordOut, AwardTypeOut, year_param
from awards.domain.parameters import CatalogueParameters
from awards.domain.queries import records_for_user
from awards.eligibility.engine import evaluate
from awards.eligibility.json_io import CaseError, parse_case
from awards.models import AwardType
from organisations.views.common import require

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
