"""Statistics pages: fairness of awards and the board dashboard (`?export=xlsx|csv` on the
fairness table)."""

import datetime

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _

from accounts.domain.scope import restrict_to_scope
from awards.enums import Category, GrantingLevel
from awards.models import AwardRecord, AwardType
from organisations.views.common import get_in, require
from proposals.enums import ProposalState
from proposals.models import Proposal
from reports.domain import dashboard as figures
from reports.domain.fairness import DEFAULT_NON_LEADER_THRESHOLD, Filters, fairness_table
from reports.domain.scope import default_root, row_units, subtree_ids, visible_units
from reports.interfaces.charts import bar_chart, grouped_bars
from reports.interfaces.exports import fairness_export
from reports.rules import STATISTICS_ROLES


def group_labels() -> dict[str, str]:
    return {"leaders": _("Leaders / managers"), "non_leaders": _("Staff without a leading post"),
            "direct_workers": _("Direct workers"), "women": _("Women"),
            "minorities": _("Ethnic minorities"), "grassroots": _("Grassroots units")}


def _int(value, default: int, low: int, high: int) -> int:
    try:
        return min(max(int(value), low), high)
    except (TypeError, ValueError):
        return default


def _root(request):
    """The unit the page is about: `?unit=CODE` within the user's scope (404 outside), else the
    top of their scope."""
    if request.GET.get("unit"):
        return get_in(visible_units(request.user), code=request.GET["unit"])
    root = default_root(request.user)
    if root is None:
        raise Http404
    return root


def _filters(request) -> Filters:
    last = datetime.date.today().year - 1
    year_to = _int(request.GET.get("year_to"), last, 1945, 2100)
    year_from = _int(request.GET.get("year_from"), year_to - 4, 1945, year_to)
    category = request.GET.get("category", "")
    return Filters(year_from=year_from, year_to=year_to,
                   category=category if category in Category.values else "",
                   award_code=request.GET.get("award", ""),
                   threshold=_int(request.GET.get("threshold"), DEFAULT_NON_LEADER_THRESHOLD,
                                  0, 100))


def fairness_figures(request) -> tuple:
    """(root unit, filters, table) of the fairness page's query string; shared with the API so
    both show the same numbers."""
    root = _root(request)
    filters = _filters(request)
    return root, filters, fairness_table(root, row_units(root), filters)


@login_required
def fairness(request):
    """Shares of individual awards per group against the groups' shares of the people, one row
    per child unit of the chosen unit."""
    require(request, "reports.view_statistics")
    root, filters, table = fairness_figures(request)
    if request.GET.get("export") in {"xlsx", "csv"}:
        return fairness_export(request.GET["export"], table, group_labels())
    return render(request, "reports/fairness.html", {
        "root": root, "filters": filters, "table": table, "labels": group_labels(),
        "categories": Category.choices,
        "types": AwardType.objects.only("code", "name")})


def dashboard_figures(request) -> dict:
    """The dashboard's numbers for the user's scope (or the `?unit=` subtree, 404 outside):
    shared by the page and the API."""
    today = datetime.date.today()
    proposals = restrict_to_scope(Proposal.objects.all(), request.user, roles=STATISTICS_ROLES)
    records = restrict_to_scope(AwardRecord.objects.all(), request.user, roles=STATISTICS_ROLES)
    root = None
    if request.GET.get("unit"):
        root = get_in(visible_units(request.user), code=request.GET["unit"])
        proposals = proposals.filter(unit__in=subtree_ids(root))
        records = records.filter(unit__in=subtree_ids(root))
    by_state = figures.proposals_by_state(proposals, today)
    return {"root": root, "today": today, "by_state": by_state,
            "by_step": figures.proposals_by_step(by_state),
            "backlog": figures.backlog(proposals, today),
            "by_form": figures.awards_by_form_and_year(records, today.year),
            "by_level": figures.awards_by_level(records, today)}


@login_required
def dashboard(request):
    """Proposals and awards of the user's scope (or `?unit=` subtree), with SVG charts."""
    require(request, "reports.view_statistics")
    data = dashboard_figures(request)
    root, today, by_state, by_step, by_form, by_level = (
        data["root"], data["today"], data["by_state"], data["by_step"], data["by_form"],
        data["by_level"])
    state_names, level_names = dict(ProposalState.choices), dict(GrantingLevel.choices)
    step_names = step_labels()
    return render(request, "reports/dashboard.html", {
        "root": root, "today": today, "state_names": state_names,
        "by_state": [(state_names[s], v) for s, v in by_state.items()],
        "by_step": [(step_names[s], v) for s, v in by_step.items()],
        "backlog": data["backlog"],
        "by_form": by_form, "by_level": [(level_names.get(k, k or _("Unknown")), v)
                                         for k, v in by_level.items()],
        "step_chart": bar_chart(_("Proposals by step"),
                                [(step_names[s], v["total"]) for s, v in by_step.items()]),
        "overdue_chart": bar_chart(_("Overdue proposals by step"),
                                   [(step_names[s], v["overdue"]) for s, v in by_step.items()],
                                   color="#b00020"),
        "form_chart": grouped_bars(_("Awards by form and year"), by_form,
                                   dict(Category.choices)),
        "level_chart": bar_chart(_("Awards by granting level"),
                                 [(level_names.get(k, k or _("Unknown")), v)
                                  for k, v in by_level.items()], color="#1a5fb4"),
    })


def step_labels() -> dict[str, str]:
    return {"preparation": _("Preparation at the unit"), "appraisal": _("Appraisal"),
            "council": _("Council"), "decision": _("Forwarded or consolidated"),
            "closed": _("Closed")}
