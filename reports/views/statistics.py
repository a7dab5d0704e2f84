"""Statistics pages: fairness of awards and the board dashboard (`?export=xlsx|csv` on the
fairness table)."""

import datetime
import hashlib

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _

from accounts.domain.scope import active_assignments, restrict_to_scope
from audit.models import AuditEntry
from awards.enums import Category, GrantingLevel
from awards.models import AwardRecord, AwardType
from core.caching import computed_once
from core.interfaces.exports import requested_format
from emulation.domain.queries.records import overdue_tasks
from emulation.enums import RoundState
from emulation.enums_movements import MovementKind, MovementState
from emulation.interfaces.home import overdue_context
from emulation.models import ClusterRound, Movement
from organisations.views.common import get_in, require
from proposals.enums import ProposalState
from proposals.models import Proposal
from reports.domain import dashboard as figures
from reports.domain import dashboard_emulation as emulation_figures
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
    if kind := requested_format(request):
        return fairness_export(kind, table, group_labels())
    return render(request, "reports/fairness.html", {
        "root": root, "filters": filters, "table": table, "labels": group_labels(),
        "categories": Category.choices,
        "types": AwardType.objects.only("code", "name")})


def dashboard_figures(request) -> dict:
    """The dashboard's numbers for the user's scope (or the `?unit=` subtree, 404 outside):
    shared by the page and the API. Cached until anything changes: every state change writes an
    audit entry (decision issue, ledger entry, revocation, proposal step, import), so the newest
    entry's id is the version of the figures — one primary-key probe per view instead of
    grouping a million award records (seconds on PostgreSQL) for every reader."""
    key = "dashboard:" + hashlib.sha256(repr((
        latest_change(), datetime.date.today(), sorted(request.GET.lists()),
        request.user.is_superuser, sorted((a.role, a.unit_id or 0, a.cluster_id or 0)
                                          for a in active_assignments(request.user)),
    )).encode()).hexdigest()
    return computed_once(key, lambda: _dashboard_figures(request), DASHBOARD_CACHE_SECONDS)


DASHBOARD_CACHE_SECONDS = 600  # a ceiling only: a change of anything starts a new version



def latest_change() -> int:
    return AuditEntry.objects.order_by("-id").values_list("id", flat=True).first() or 0


def _dashboard_figures(request) -> dict:
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
            "by_level": figures.awards_by_level(records, today),
            **_later_figures(request, root, records, today)}


def _later_figures(request, root, records, today) -> dict:
    """Movements and cluster rounds of `?year=` (default this year), awards by child unit of
    the page's unit (last year and the five years to it) and the ten-year trend."""
    year = _int(request.GET.get("year"), today.year, 1945, 2100)
    movements = restrict_to_scope(Movement.objects.all(), request.user, field="organiser",
                                  roles=STATISTICS_ROLES)
    rounds = restrict_to_scope(ClusterRound.objects.all(), request.user,
                               field="cluster__managing_unit", roles=STATISTICS_ROLES)
    if root is not None:
        movements = movements.filter(organiser__in=subtree_ids(root))
        rounds = rounds.filter(cluster__managing_unit__in=subtree_ids(root))
    unit_root = root or default_root(request.user)
    return {"year": year,
            "movements": emulation_figures.movements_by_kind_and_state(movements, year),
            "movement_progress": emulation_figures.movement_progress(movements, year),
            "rounds": emulation_figures.rounds_of_year(rounds, year),
            "unit_root": unit_root,
            "by_unit": figures.awards_by_unit(records, unit_root, year - 1),
            "trend": figures.awards_trend(records, year)}


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
        **_emulation_context(data),
        # Inspections followed up (issue 20): overdue remediation tasks in the page's scope.
        "overdue_panel": overdue_context(request.user, _overdue_tasks(request.user, root)),
    })


def _overdue_tasks(user, root):
    tasks = overdue_tasks(user)
    return tasks if root is None else tasks.filter(owner_unit__in=subtree_ids(root))


def _emulation_context(data) -> dict:
    """Labels and charts of the movement, cluster-round, by-unit and trend figures."""
    year = data["year"]
    kinds, states = dict(MovementKind.choices), dict(MovementState.choices)
    by_unit = data["by_unit"]
    return {
        "year": year, "movement_states": [states[s] for s in MovementState.values],
        "movements": [(kinds[k], list(v.values())) for k, v in data["movements"].items()],
        "movement_progress": [dict(row, kind=kinds[row["kind"]], state=states[row["state"]])
                              for row in data["movement_progress"]],
        "rounds": [dict(row, state=dict(RoundState.choices)[row["state"]])
                   for row in data["rounds"]],
        "unit_root": data["unit_root"], "by_unit": by_unit,
        "unit_chart": grouped_bars(
            _("Awards by unit"),
            {"last": {row["name"]: row["last_year"] for row in by_unit},
             "five": {row["name"]: row["five_years"] for row in by_unit}},
            {"last": str(year - 1), "five": f"{year - 5}–{year - 1}"}),
        "trend": data["trend"],
        "trend_chart": bar_chart(_("Awards per year"),
                                 [(str(y), n) for y, n in data["trend"].items()],
                                 color="#136f3a"),
    }


def step_labels() -> dict[str, str]:
    return {"preparation": _("Preparation at the unit"), "appraisal": _("Appraisal"),
            "council": _("Council"), "decision": _("Forwarded or consolidated"),
            "closed": _("Closed")}
