"""Statistics: the fairness table and the dashboard figures, computed by the very functions
behind the pages (`reports.interfaces.figures.fairness_figures` / `dashboard_figures`), with the
same query parameters, so the API and the screens cannot disagree; and the report forms
(statutory 0601–0605.N/BNV-TĐKT and the province's summaries) as JSON for the caller's
statistics scope — the same tables the back office previews."""

import datetime
import uuid
from decimal import Decimal

from django.http import Http404
from ninja import Query, Router, Schema

from api.schemas import year_param
from core.interfaces.guards import require
from reports.domain.fairness import GROUPS
from reports.domain.forms import FORMS, compute
from reports.domain.forms.request import FormRequest
from reports.domain.forms.table import Col, FormTable
from reports.interfaces.figures import dashboard_figures, fairness_figures

router = Router(tags=["statistics"])


class GroupCell(Schema):
    group: str
    awards: int
    award_share: float | None
    people: int
    people_share: float | None
    under: bool


class FairnessRowOut(Schema):
    unit: str
    unit_name: str
    is_total: bool
    awards: int
    people: int
    groups: list[GroupCell]
    below_threshold: bool


class FairnessOut(Schema):
    root: str
    year_from: int
    year_to: int
    category: str
    award: str
    threshold: int
    groups: list[str]
    rows: list[FairnessRowOut]


class CountPair(Schema):
    total: int
    overdue: int


class BacklogOut(Schema):
    open: int
    overdue: int


class MovementProgressOut(Schema):
    public_id: uuid.UUID
    code: str
    name: str
    kind: str
    state: str
    participating: int  # units taking part (chosen roots and every unit below them)
    submitted: int  # registrations of the year awaiting approval
    approved: int


class ClusterRoundOut(Schema):
    public_id: uuid.UUID
    cluster: str
    year: int
    state: str
    leaders: list[str]  # names of the leading unit(s) elected, once published
    average_total: Decimal | None  # average of the members' totals, once published
    members: int | None


class UnitAwardsOut(Schema):
    code: str
    name: str
    last_year: int
    five_years: int


class DashboardOut(Schema):
    unit: str | None
    today: datetime.date
    proposals_by_state: dict[str, CountPair]
    proposals_by_step: dict[str, CountPair]
    backlog: dict[str, BacklogOut]
    awards_by_category_and_year: dict[str, dict[int, int]]
    awards_by_granting_level: dict[str, int]
    year: int | None = None
    movements_by_kind_and_state: dict[str, dict[str, int]] | None = None
    movement_progress: list[MovementProgressOut] | None = None
    cluster_rounds: list[ClusterRoundOut] | None = None
    awards_by_unit: list[UnitAwardsOut] | None = None
    awards_trend: dict[int, int] | None = None


@router.get("/statistics/fairness", response=FairnessOut)
def fairness(request, unit: str = "", year_from: int | None = year_param(),
             year_to: int | None = year_param(), category: str = "", award: str = "",
             threshold: int | None = Query(None, ge=0, le=100)):
    """Shares of individual awards per group (leaders, non-leaders, direct workers, women,
    ethnic minorities, grassroots units) against their shares of the people, one row per
    child unit of `unit` (default: the top of the caller's scope) and a total row. Parameters
    as on the fairness page; `unit` outside the caller's scope → 404."""
    require(request, "reports.view_statistics")
    root, filters, table = fairness_figures(request)
    return {"root": root.code, "year_from": filters.year_from, "year_to": filters.year_to,
            "category": filters.category, "award": filters.award_code,
            "threshold": filters.threshold, "groups": list(GROUPS),
            "rows": [{"unit": row.unit.code, "unit_name": row.unit.name,
                      "is_total": row.is_total, "awards": row.awards["total"],
                      "people": row.people["total"], "groups": row.cells,
                      "below_threshold": row.below_threshold} for row in table]}


@router.get("/statistics/dashboard", response=DashboardOut)
def dashboard(request, unit: str = "", year: int | None = year_param()):
    """The board dashboard's figures for the caller's scope (or `unit`'s subtree): proposals
    by state and by step with overdue counts, the resistance-war and Heroic Mother backlogs,
    unrevoked awards by category × year (last 5 years) and by granting level; for `year`
    (default this year) the movements by kind × state, their registrations against the units
    taking part, the cluster rounds (leading units and average total once published); unrevoked
    awards of the top child units (year − 1 and the five years to it) and per year over ten
    years."""
    require(request, "reports.view_statistics")
    data = dashboard_figures(request)
    return {"unit": data["root"].code if data["root"] else None, "today": data["today"],
            "proposals_by_state": data["by_state"], "proposals_by_step": data["by_step"],
            "backlog": data["backlog"], "awards_by_category_and_year": data["by_form"],
            "awards_by_granting_level": data["by_level"], "year": data["year"],
            "movements_by_kind_and_state": data["movements"],
            "movement_progress": data["movement_progress"], "cluster_rounds": data["rounds"],
            "awards_by_unit": data["by_unit"], "awards_trend": data["trend"]}


class FormColumnOut(Schema):
    key: str
    label: str  # the header texts from the top level down, joined by " / "
    code: str


class HeaderCellOut(Schema):
    text: str
    row: int
    col: int
    rowspan: int
    colspan: int


class FormRowOut(Schema):
    code: str
    label: str
    unit: str
    values: list[int | None]  # one per column; null where the figure cannot apply
    bold: bool
    heading: bool


class FormOut(Schema):
    code: str
    number: str
    title: str
    period_start: datetime.date
    period_end: datetime.date
    period_label: str
    unit_code: str
    unit_name: str
    receiving_unit: str
    measure: str
    columns: list[FormColumnOut]
    header: list[HeaderCellOut]
    rows: list[FormRowOut]
    notes: list[str]


class FormSummaryOut(Schema):
    code: str
    name: str
    statutory: bool


def _columns(nodes: list[Col], path: tuple[str, ...] = (), code: str = "") -> list[dict]:
    out = []
    for node in nodes:
        here, own = (*path, node.text) if node.text else path, node.code or code
        if node.children:
            out += _columns(node.children, here, own)
        else:
            out.append({"key": node.key, "label": " / ".join(here), "code": own})
    return out


def form_json(table: FormTable, unit_code: str) -> dict:
    return {
        "code": table.code, "number": table.number, "title": table.title,
        "period_start": table.period.start, "period_end": table.period.end,
        "period_label": table.period.label, "unit_code": unit_code,
        "unit_name": table.unit_name, "receiving_unit": table.receiving_unit,
        "measure": table.measure, "columns": _columns(table.columns),
        "header": [vars(c) for c in table.header_cells()],
        "rows": [{"code": r.code, "label": r.label, "unit": r.unit, "values": r.values,
                  "bold": r.bold, "heading": r.heading} for r in table.rows],
        "notes": table.notes}


@router.get("/statistics/forms", response=list[FormSummaryOut])
def list_forms(request):
    require(request, "reports.view_statistics")
    return [{"code": f.code, "name": str(f.name), "statutory": f.statutory}
            for f in FORMS.values()]


@router.get("/statistics/forms/{code}", response=FormOut)
def get_form(request, code: str, unit: str = "", year_from: int | None = year_param(),
             year_to: int | None = year_param()):
    """Form `code` for the emulation years `year_from`..`year_to` (1/12 of the year before to
    30/11; default: the current one) and `unit` (its code; default: the top of the caller's
    statistics scope). A unit outside that scope answers 404."""
    require(request, "reports.view_statistics")
    if code not in FORMS:
        raise Http404
    params = {"form": code, "unit": unit, "year_from": year_from, "year_to": year_to}
    form_request = FormRequest.parse({k: v for k, v in params.items() if v is not None})
    scope = form_request.scope_for(request.user)
    if scope is None:
        raise Http404
    return form_json(compute(code, scope), scope.root.code)
