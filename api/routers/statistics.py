"""Statistics: the fairness table and the dashboard figures, computed by the very functions
behind the pages (`reports.views.statistics.fairness_figures` / `dashboard_figures`), with the
same query parameters, so the API and the screens cannot disagree. Statutory forms are served
elsewhere (`/statistics/forms/…`)."""

import datetime

from ninja import Query, Router, Schema

from api.schemas import year_param
from organisations.views.common import require
from reports.domain.fairness import GROUPS
from reports.views.statistics import dashboard_figures, fairness_figures

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


class DashboardOut(Schema):
    unit: str | None
    today: datetime.date
    proposals_by_state: dict[str, CountPair]
    proposals_by_step: dict[str, CountPair]
    backlog: dict[str, BacklogOut]
    awards_by_category_and_year: dict[str, dict[int, int]]
    awards_by_granting_level: dict[str, int]


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
def dashboard(request, unit: str = ""):
    """The board dashboard's figures for the caller's scope (or `unit`'s subtree): proposals
    by state and by step with overdue counts, the resistance-war and Heroic Mother backlogs,
    unrevoked awards by category × year (last 5 years) and by granting level."""
    require(request, "reports.view_statistics")
    data = dashboard_figures(request)
    return {"unit": data["root"].code if data["root"] else None, "today": data["today"],
            "proposals_by_state": data["by_state"], "proposals_by_step": data["by_step"],
            "backlog": data["backlog"], "awards_by_category_and_year": data["by_form"],
            "awards_by_granting_level": data["by_level"]}
