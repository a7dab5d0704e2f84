"""The statistics pages' figures for a request's query string (`?unit=`, years, filters), shared
by the pages (reports/views/statistics.py) and the API (api/routers/statistics.py) so that both
show the same numbers."""

import hashlib
from typing import NamedTuple

from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.domain.scope import (
    UNIT_TREE,
    active_assignments,
    restrict_to_scope,
    restricted,
    scope_shape,
)
from audit.models.entry import AUDIT_OUTSIDE_PROPOSALS, AUDIT_PROPOSAL_FIGURES
from awards.domain.ledger import LEDGER
from awards.enums import Category
from awards.models import AwardTotal
from core.caching import computed_once, version_of
from core.interfaces.compiled import Compiled
from core.interfaces.guards import get_in
from emulation.movements.models import ClusterRound, Movement
from proposals.models import ProposalTotal
from reports.domain import dashboard as figures
from reports.domain import dashboard_emulation as emulation_figures
from reports.domain.fairness import DEFAULT_NON_LEADER_THRESHOLD, Filters, fairness_table
from reports.domain.scope import default_root, row_units, subtree_ids, visible_units
from reports.enums import STATISTICS_ROLES


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
    last = timezone.localdate().year - 1
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


def dashboard_figures(request, keys: "DashboardKeys | None" = None) -> dict:
    """The dashboard's numbers for the user's scope (or the `?unit=` subtree, 404 outside):
    shared by the page and the API. Cached in two parts, each until what it counts changes:

    - the award figures (read from the ledger's totals, kept on write: milliseconds, where
      grouping a million records took seconds) per version of the ledger
      (`awards.domain.ledger.LEDGER`: every record written bumps it) and of the unit tree (the
      by-unit table follows the closure);
    - the rest (proposals, movements, rounds: small tables) per version of the audit log
      that every entry bumps at its commit but those named in
      `audit.models.entry.QUIET_FOR_PROPOSAL_FIGURES` (dossier uploads, comments, findings…,
      whose writes change nothing counted here): `AUDIT_PROPOSAL_FIGURES`.

    Keyed by the audit log alone, as before, the million records were grouped again
    after every proposal step: under `make load` officers submit every few seconds and the
    dashboard's p50 was seconds. Both parts are computed by one reader at a time.

    `keys` are `dashboard_keys(request)`'s, when the caller has them already."""
    root = dashboard_root(request)  # a 404 outside the scope before any cache is read
    keys = keys or dashboard_keys(request)
    return {**other_figures(request, root, keys.rest), **award_figures(request, root, keys.awards)}


def award_figures(request, root, key: str) -> dict:
    """The award part of the figures (`dashboard_keys`' first key), computed once per key."""
    return computed_once(key, lambda: _award_figures(request, root), DASHBOARD_CACHE_SECONDS)


def other_figures(request, root, key: str) -> dict:
    """The rest of the figures (`dashboard_keys`' second key), computed once per key."""
    return computed_once(key, lambda: count_other_figures(request, root), DASHBOARD_CACHE_SECONDS)


class DashboardKeys(NamedTuple):
    """The cache keys of the dashboard's parts. Each names what its part depends on and the
    reader's context: day, query string and roles (the scope is a function of them)."""

    awards: str  # the award figures: versions of the ledger and the unit tree
    rest: str  # everything else: the log's version moved by every entry that may change it
    emulation: str  # of the rest, movements, rounds and tasks: the log's outside proposals


def dashboard_keys(request) -> DashboardKeys:
    context = (timezone.localdate(), sorted(request.GET.lists()), request.user.is_superuser,
               sorted((a.role, a.unit_id or 0, a.cluster_id or 0)
                      for a in active_assignments(request.user)))
    tree = version_of(UNIT_TREE)
    return DashboardKeys(
        dashboard_key("dashboard-awards", version_of(LEDGER), tree, context),
        dashboard_key("dashboard", version_of(AUDIT_PROPOSAL_FIGURES), tree, context),
        dashboard_key("dashboard-emulation", version_of(AUDIT_OUTSIDE_PROPOSALS), tree, context))


DASHBOARD_CACHE_SECONDS = 600  # a ceiling only: a change starts a new version
def dashboard_key(*parts) -> str:
    """A cache key of readable name and hashed parts."""
    return f"{parts[0]}:" + hashlib.sha256(repr(parts[1:]).encode()).hexdigest()


def dashboard_year(request) -> int:
    """`?year=` (default this year): the movements' and rounds' year, and the year before
    which the awards by unit are counted."""
    return _int(request.GET.get("year"), timezone.localdate().year, 1945, 2100)


def dashboard_root(request):
    if not request.GET.get("unit"):
        return None
    return get_in(visible_units(request.user), code=request.GET["unit"])


def _in_root(qs, root, field: str = "unit"):
    return qs if root is None else qs.filter(**{f"{field}__in": subtree_ids(root)})


def count_other_figures(request, root) -> dict:
    """Proposals by state and step, the backlogs, movements and rounds, counted now."""
    return {**count_proposal_figures(request, root), **count_emulation_figures(request, root)}


def count_proposal_figures(request, root) -> dict:
    """Proposals by state and step and the two backlogs, counted now."""
    today = timezone.localdate()
    # The totals' scope shape: keyed by the proposal's unit, as the proposals' scope is.
    shape = scope_shape(request.user, ProposalTotal, roles=STATISTICS_ROLES)
    # Counted after every proposal step under `make load`: its SQL, a function of the scope's
    # shape, the page's unit and the day alone, is compiled once per process for them
    # (core.interfaces.compiled; building and compiling it was ~1.5 ms of the rebuild).
    # Read from the proposals' totals (kept on write, per deadline day: exact on any day), not
    # grouped from the proposals: a hundred rows on the province, whatever their number.
    counted = figures.proposal_figures_of(Compiled(
        ("reports:proposal-figures", shape, root and root.pk, today),
        lambda: figures.proposal_total_counts(
            _in_root(restricted(ProposalTotal.objects.all(), shape), root), today)).all())
    return {"root": root, "today": today, "by_state": counted["by_state"],
            "by_step": figures.proposals_by_step(counted["by_state"]),
            "backlog": counted["backlog"]}


def _award_figures(request, root) -> dict:
    """The figures read from the ledger: by form and year, by granting level, by child unit
    of the page's unit (last year and the five years to it) and the ten-year trend. Counted
    from the ledger's totals per unit (kept on write), scoped exactly as the records would be:
    every scope filter is a set of units, and the totals are keyed by the record's unit."""
    today = timezone.localdate()
    year = dashboard_year(request)
    totals = _in_root(restrict_to_scope(AwardTotal.objects.filter(live__gt=0), request.user,
                                        roles=STATISTICS_ROLES), root)
    unit_root = root or default_root(request.user)
    return {"by_form": figures.awards_by_form_and_year(totals, today.year),
            "by_level": figures.awards_by_level(totals, today),
            "unit_root": unit_root,
            "by_unit": figures.awards_by_unit(totals, unit_root, year - 1),
            "trend": figures.awards_trend(totals, year)}


def count_emulation_figures(request, root) -> dict:
    """Movements and cluster rounds of `?year=` (default this year)."""
    year = dashboard_year(request)
    movements = _in_root(restrict_to_scope(Movement.objects.all(), request.user,
                                           field="organiser", roles=STATISTICS_ROLES),
                         root, "organiser")
    rounds = _in_root(restrict_to_scope(ClusterRound.objects.all(), request.user,
                                        field="cluster__managing_unit", roles=STATISTICS_ROLES),
                      root, "cluster__managing_unit")
    by_kind_and_state, progress = emulation_figures.movements_of_year(movements, year)
    return {"year": year, "movements": by_kind_and_state, "movement_progress": progress,
            "rounds": emulation_figures.rounds_of_year(rounds, year)}
