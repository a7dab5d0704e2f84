"""Statistics pages: fairness of awards and the board dashboard (`?export=xlsx|csv` on the
fairness table)."""


from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.translation import gettext as _

from awards.enums import Category, GrantingLevel
from awards.models import AwardType
from core.interfaces.exports import requested_format
from core.interfaces.guards import require
from emulation.exemplars.domain.queries.records import overdue_tasks
from emulation.exemplars.interfaces.home import overdue_context
from emulation.movements.enums import MovementKind, MovementState, RoundState
from proposals.enums import ProposalState
from reports.domain.scope import subtree_ids
from reports.interfaces.charts import bar_chart, grouped_bars
from reports.interfaces.exports import fairness_export
from reports.interfaces.figures import dashboard_figures, fairness_figures, group_labels


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
