"""Statistics pages: fairness of awards and the board dashboard (`?export=xlsx|csv` on the
fairness table)."""

import time

from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from awards.enums import Category, GrantingLevel
from awards.models import AwardType
from core.caching import computed_once
from core.interfaces.exports import requested_format
from core.interfaces.guards import require
from core.interfaces.kept_pages import kept_page
from emulation.exemplars.domain.queries.records import overdue_tasks
from emulation.exemplars.interfaces.home import overdue_context
from emulation.movements.enums import MovementKind, MovementState, RoundState
from proposals.enums import ProposalState
from reports.domain.scope import subtree_ids
from reports.interfaces.charts import bar_chart, grouped_bars
from reports.interfaces.exports import fairness_export
from reports.interfaces.figures import (
    DASHBOARD_CACHE_SECONDS,
    award_figures,
    count_emulation_figures,
    count_proposal_figures,
    dashboard_key,
    dashboard_keys,
    dashboard_root,
    dashboard_year,
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

    The page is kept as HTML in three parts, each with its labelled figures (the page's
    context, which tests read), rendered once per version of what it counts and language:

    - the award cards (charts by form, level, unit and year): per version of the ledger and
      the unit tree;
    - the proposals (by state and step, with their charts, and the backlogs): per version of
      the audit log that every entry moves but a dossier upload, a comment, a finding… (the
      entries named in `audit.models.entry.QUIET_FOR_PROPOSAL_FIGURES`, whose writes change
      nothing it counts: an officer's cycle writes three uploads), and also under its figures:
      a version whose counts were rendered before is counted, not rendered (`_proposals`);
    - movements, cluster rounds and overdue remediation tasks: per version of the log's entries
      outside the proposals app, since every write of theirs is audited (tasks: `add_task`,
      the task machine) and no proposal write touches them.

    Keyed together, as before session 10, every proposal step — several a second under `make
    load` — rebuilt the whole page. A hit is one cache read per part; the layout renders
    around them.

    Kept whole (core.interfaces.kept_pages) under the same three keys, not under its tables'
    epochs: what the parts show is decided by the cache's version tokens, which move after the
    commit (on_commit) and only on the writes they name (an award type renamed moves no
    ledger version; a part is then replaced after DASHBOARD_CACHE_SECONDS). So the kept page
    holds what the parts would give — the keys (their versions, the day, the query, the
    roles), the language (in every kept key) and the same ceiling: a page is kept within one
    period of DASHBOARD_CACHE_SECONDS. Its own reads outside the parts (the `?unit=` root, in
    DASHBOARD_TABLES) are kept under their epochs, and the root is checked (404 outside the
    scope) on every request before anything kept is read."""
    require(request, "reports.view_statistics")
    root = dashboard_root(request)  # a 404 outside the scope before any cache is read
    keys = dashboard_keys(request)
    period = int(time.time() // DASHBOARD_CACHE_SECONDS)
    return kept_page(request, DASHBOARD_TABLES, lambda: _dashboard(request, root, keys),
                     also=(keys, period))


# What the dashboard reads outside its parts: the `?unit=` root within the scope.
DASHBOARD_TABLES = ("organisations_unit", "organisations_unitclosure")


def _dashboard(request, root, keys):
    language = get_language()
    parts = [computed_once(dashboard_key(f"{name}-html", key, language), build,
                           DASHBOARD_CACHE_SECONDS) for name, key, build in (
        ("dashboard-awards", keys.awards, lambda: _award_part(request, root, keys.awards)),
        ("dashboard-emulation", keys.emulation, lambda: _emulation_part(request, root)))]
    parts.append(_proposals(request, root, keys.rest, language))
    return render(request, "reports/dashboard.html", {k: v for p in parts for k, v in p.items()})


def _proposals(request, root, key: str, language: str) -> dict:
    """The proposal part of the version `key` of the log: from the cache, else counted (one
    query) and rendered — unless the same figures were rendered before.

    Under `make load` nearly every view follows a proposal step, and many steps change no
    figure (a nominee added, a unit's proposal outside a narrowed page): the HTML is also kept
    under its figures (with what else it shows: the page's unit, the day, the language), so
    such a version costs the count, not the rendering. Not computed once (`computed_once`):
    a reader arriving meanwhile counts too (a few ms), rather than waiting on the first."""
    versioned = dashboard_key("dashboard-proposals-html", key, language)
    if (part := cache.get(versioned)) is not None:
        return part
    data = count_proposal_figures(request, root)
    # Everything the part's HTML and context are made of: a key, not a scope, so two readers
    # of equal figures share it (the figures are all they read of the proposals).
    counted = dashboard_key("dashboard-proposals-of", language, root and (root.pk, root.name),
                            data["today"], data["by_state"], data["backlog"])
    if (part := cache.get(counted)) is None:
        part = _proposal_part(data)
        cache.set(counted, part, DASHBOARD_CACHE_SECONDS)
    cache.set(versioned, part, DASHBOARD_CACHE_SECONDS)
    return part


def _award_part(request, root, key) -> dict:
    """The award cards: their labelled figures and HTML. Rendered without the request (no
    context processors run): the cards need none of them."""
    data = award_figures(request, root, key)
    level_names = _labels(GrantingLevel)
    context = {"year": dashboard_year(request), "by_form": data["by_form"],
               "by_level": [(level_names.get(k, k or _("Unknown")), v)
                            for k, v in data["by_level"].items()],
               "unit_root": data["unit_root"], "by_unit": data["by_unit"],
               "trend": data["trend"]}
    return {**context, "awards_html": render_to_string(
        "reports/includes/dashboard_awards.html", {**context, **_award_charts(context)})}


# The proposal and emulation parts are counted here, not read through the figures' own cache
# entry (the API's): they are rebuilt after most audited writes, and each entry written to the
# file cache lists the cache's directory (its cull check) — two writes fewer a rebuild.

def _proposal_part(data) -> dict:
    """The head of the page: proposals by step and state with their charts, the backlogs
    (`data`: count_proposal_figures')."""
    state_names = _labels(ProposalState)
    step_names = step_labels()
    context = {"root": data["root"], "today": data["today"], "state_names": state_names,
               "by_state": [(state_names[s], v) for s, v in data["by_state"].items()],
               "by_step": [(step_names[s], v) for s, v in data["by_step"].items()],
               "backlog": data["backlog"]}
    return {**context, "head_html": render_to_string("reports/includes/dashboard_head.html", {
        **context,
        "step_chart": bar_chart(_("Proposals by step"),
                                [(label, v["total"]) for label, v in context["by_step"]]),
        "overdue_chart": bar_chart(_("Overdue proposals by step"),
                                   [(label, v["overdue"]) for label, v in context["by_step"]],
                                   color="#b00020")})}


def _emulation_part(request, root) -> dict:
    """The tail: movements and cluster rounds of the year, overdue remediation tasks. The task
    rows ask the reader's permissions (`{% may %}` reads the request; the roles are in the
    key); no context processor is needed."""
    context = _emulation_context(count_emulation_figures(request, root))
    return {**context, "tail_html": render_to_string("reports/includes/dashboard_tail.html", {
        **context, "request": request,
        # Inspections followed up (issue 20): overdue remediation tasks in the page's scope.
        "overdue_panel": overdue_context(request.user, _overdue_tasks(request.user, root))})}


def _labels(choices) -> dict[str, str]:
    """Value → label, the labels translated now: the figures are cached, and a lazy label is
    rebuilt class and all each time it is unpickled (it cost more than rendering the page)."""
    return {value: str(label) for value, label in choices.choices}


def _award_charts(context) -> dict:
    """The SVG charts of the award figures (built only when the award cards are rendered)."""
    year, by_unit = context["year"], context["by_unit"]
    return {
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
    """Labels of the movement and cluster-round figures."""
    kinds, states = _labels(MovementKind), _labels(MovementState)
    return {
        "year": data["year"], "movement_states": [states[s] for s in MovementState.values],
        "movements": [(kinds[k], list(v.values())) for k, v in data["movements"].items()],
        "movement_progress": [dict(row, kind=kinds[row["kind"]], state=states[row["state"]])
                              for row in data["movement_progress"]],
        "rounds": [dict(row, state=_labels(RoundState)[row["state"]])
                   for row in data["rounds"]],
    }


def step_labels() -> dict[str, str]:
    return {"preparation": _("Preparation at the unit"), "appraisal": _("Appraisal"),
            "council": _("Council"), "decision": _("Forwarded or consolidated"),
            "closed": _("Closed")}
