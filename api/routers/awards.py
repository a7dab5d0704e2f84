"""Award catalogue, ledger and the eligibility check (same JSON as the command-line interface,
../shared/domain/eligibility-interface.md)."""

import datetime
import uuid

from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from api.pagination import MAX_LIMIT, MAX_OFFSET, LimitOffsetPagination
from api.schemas import AwardRecordOut, AwardTypeOut, IsoDate, year_param
from awards.domain.authority import ensure_may_amend
from awards.domain.ledger import revoke_award
from awards.domain.parameters import catalogue_parameters
from awards.domain.queries import records_for_user
from awards.eligibility.engine import evaluate
from awards.eligibility.json_io import CaseError, parse_case
from awards.interfaces.early_raise import early_raise_for
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
    params = catalogue_parameters()
    results = []
    for data in payload.cases:
        try:
            results.append(evaluate(parse_case(data), params).as_dict())
        except CaseError as error:
            results.append({"id": str(data.get("id")) if isinstance(data, dict) else None,
                            "error": str(error)})
    return {"results": results}


# ------------------------------------------------------------------ early salary raise
class EarlyRaiseFilter(Schema):
    """The page's filters (`awards:early_raise`): a unit code, a person, the period."""

    unit: str = ""
    person: uuid.UUID | None = None
    start: IsoDate | None = Field(None, alias="from")
    end: IsoDate | None = Field(None, alias="to")
    limit: int = Field(100, ge=1, le=MAX_LIMIT)
    offset: int = Field(0, ge=0, le=MAX_OFFSET)


class CountingAwardOut(Schema):
    record: uuid.UUID
    award: str
    award_name: str
    year: int
    decision_number: str
    decision_date: datetime.date
    months: int


class EarlyRaisePersonOut(Schema):
    public_id: uuid.UUID
    full_name: str
    unit: str | None
    position: str
    months: int
    awards: list[CountingAwardOut]


class EarlyRaiseOut(Schema):
    start: datetime.date
    end: datetime.date
    citation: str | None  # the months table in force on `end`; None: no rule in force
    verified: bool | None
    months_table: dict[str, int]
    cap: int | None  # at most this many people raised early in a year (share of `staff`)
    cap_citation: str | None
    staff: int
    count: int  # people with counting awards (all pages)
    people: list[EarlyRaisePersonOut]


def _person_out(entry) -> dict:
    person = entry.person
    return {"public_id": person.public_id, "full_name": person.full_name,
            "unit": person.unit.code if person.unit_id else None, "position": person.position,
            "months": entry.months,
            "awards": [{"record": r.public_id, "award": r.award_type.code,
                        "award_name": r.award_type.name, "year": r.year,
                        "decision_number": r.decision_number,
                        "decision_date": r.decision_date, "months": months}
                       for r, months in entry.awards]}


@router.get("/early-raise", response=EarlyRaiseOut)
def early_raise(request, filters: Query[EarlyRaiseFilter]):
    """Early salary raise (Thông tư 08/2013/TT-BNV Art. 3, as amended by 03/2021/TT-BNV): the
    people of the user's scope with awards decided in the period that count, the months the
    highest gives, the table's citation and the 10 % cap — the list of page
    `awards:early_raise` (same scope, filters and domain function); `?from=&to=` ISO dates
    (default: the three years up to today), `?unit=` a unit code, `?person=` a public id
    (404 outside the scope), `limit`/`offset` over the people."""
    require(request, "awards.view_ledger")
    result, _unit, _person = early_raise_for(
        request.user, unit=filters.unit, person=str(filters.person or ""),
        start=filters.start, end=filters.end)
    table, cap = result.table, result.cap_share
    page = result.people[filters.offset:filters.offset + filters.limit]
    return {"start": result.start, "end": result.end,
            "citation": table.citation if table else None,
            "verified": table.verified if table else None,
            "months_table": table.value if table else {}, "cap": result.cap,
            "cap_citation": cap.citation if cap else None, "staff": result.staff,
            "count": len(result.people), "people": [_person_out(e) for e in page]}
