"""Statistics pages: fairness of awards and the board dashboard (`?export=xlsx|csv` on the
fairness table)."""


from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from awards.enums import Category, GrantingLevel
from awards.models import AwardType
from core.caching import computed_once
from core.interfaces.exports import requested_format
from core.interfaces.guards import require
from emulation.exemplars.domain.queries.records import overdue_tasks
from emulation.exemplars.interfaces.home import overdue_context
from emulation.movements.enums import MovementKind, MovementState, RoundState
from proposals.enums import ProposalState
from reports.domain.scope import subtree_ids
from reports.interfaces.charts import bar_chart, grouped_bars
from reports.interfaces.exports import fairness_export
from reports.interfaces.figures import (
    DASHBOARD_CACHE_SECONDS,
    dashboard_figures,
    dashboard_key,
    dashboard_keys,
    fairness_figures,
    group_labels,
)


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


@login_required
def dashboard(request):
    """Proposals and awards of the user's scope (or `?unit=` subtree), with SVG charts.

    The figures' part of the page is rendered once per version of the figures (their cache keys,
    which hold the reader's roles, day and query string) and language, and kept as HTML: the
    charts and some 250 template nodes were most of the page's CPU, for the same text every
    time. The overdue remediation tasks are in it too: every task written is audited (created by
    `add_task`, moved by the task machine), so the newest audit entry dates them as it dates the
    proposals."""
    require(request, "reports.view_statistics")
    keys = dashboard_keys(request)
    context = _figures_context(dashboard_figures(request, keys))
    body = computed_once(dashboard_key("dashboard-page", *keys, get_language()),
                         lambda: _body(request, context), DASHBOARD_CACHE_SECONDS)
    return render(request, "reports/dashboard.html", {**context, "body": body})


def _body(request, context) -> str:
    return render_to_string("reports/includes/dashboard_body.html", {
        **context, **_charts(context),
        # Inspections followed up (issue 20): overdue remediation tasks in the page's scope.
        "overdue_panel": overdue_context(request.user,
                                         _overdue_tasks(request.user, context["root"])),
    }, request)


def _figures_context(data) -> dict:
    """The figures with their labels (the page's and the tests' context, cheap)."""
    state_names, level_names = dict(ProposalState.choices), dict(GrantingLevel.choices)
    step_names = step_labels()
    return {"root": data["root"], "today": data["today"], "state_names": state_names,
            "by_state": [(state_names[s], v) for s, v in data["by_state"].items()],
            "by_step": [(step_names[s], v) for s, v in data["by_step"].items()],
            "backlog": data["backlog"], "by_form": data["by_form"],
            "by_level": [(level_names.get(k, k or _("Unknown")), v)
                         for k, v in data["by_level"].items()],
            **_emulation_context(data)}


def _charts(context) -> dict:
    """The SVG charts of the labelled figures (built only when the body is rendered)."""
    year, by_unit = context["year"], context["by_unit"]
    return {
        "step_chart": bar_chart(_("Proposals by step"),
                                [(label, v["total"]) for label, v in context["by_step"]]),
        "overdue_chart": bar_chart(_("Overdue proposals by step"),
                                   [(label, v["overdue"]) for label, v in context["by_step"]],
                                   color="#b00020"),
        "form_chart": grouped_bars(_("Awards by form and year"), context["by_form"],
                                   dict(Category.choices)),
        "level_chart": bar_chart(_("Awards by granting level"), context["by_level"],
                                 color="#1a5fb4"),
        "unit_chart": grouped_bars(
            _("Awards by unit"),
            {"last": {row["name"]: row["last_year"] for row in by_unit},
             "five": {row["name"]: row["five_years"] for row in by_unit}},
            {"last": str(year - 1), "five": f"{year - 5}–{year - 1}"}),
        "trend_chart": bar_chart(_("Awards per year"),
                                 [(str(y), n) for y, n in context["trend"].items()],
                                 color="#136f3a"),
    }


def _overdue_tasks(user, root):
    tasks = overdue_tasks(user)
    return tasks if root is None else tasks.filter(owner_unit__in=subtree_ids(root))


def _emulation_context(data) -> dict:
    """Labels of the movement, cluster-round, by-unit and trend figures."""
    kinds, states = dict(MovementKind.choices), dict(MovementState.choices)
    return {
        "year": data["year"], "movement_states": [states[s] for s in MovementState.values],
        "movements": [(kinds[k], list(v.values())) for k, v in data["movements"].items()],
        "movement_progress": [dict(row, kind=kinds[row["kind"]], state=states[row["state"]])
                              for row in data["movement_progress"]],
        "rounds": [dict(row, state=dict(RoundState.choices)[row["state"]])
                   for row in data["rounds"]],
        "unit_root": data["unit_root"], "by_unit": data["by_unit"], "trend": data["trend"],
    }


def step_labels() -> dict[str, str]:
    return {"preparation": _("Preparation at the unit"), "appraisal": _("Appraisal"),
            "council": _("Council"), "decision": _("Forwarded or consolidated"),
            "closed": _("Closed")}
