"""Figures of the board dashboard: proposals by state and step with overdue counts, the two
backlogs the board watches (resistance-war track, Heroic Vietnamese Mother), and awards by form,
year and granting level. Each figure is one GROUP BY query on a permission-restricted queryset:
of proposals, or of the ledger's totals (`awards.AwardTotal`: live records per unit, award type
and year, kept by the database on every write), never of the million records themselves."""

import datetime

from django.db.models import BooleanField, Count, ExpressionWrapper, Q, QuerySet, Sum

from awards.enums import ParameterKey
from awards.models import AwardParameter
from organisations.models import UnitClosure
from proposals.enums import FINAL_STATES, ProposalState, Track
from proposals.models import Nominee

HEROIC_MOTHER = "ba_me_vnah"
YEARS_SHOWN = 5
# Steps of the proposal path (docs/architecture.md, "Proposals"), each a set of states.
STEPS = (
    ("preparation", (ProposalState.DRAFT, ProposalState.RETURNED)),
    ("appraisal", (ProposalState.SUBMITTED, ProposalState.APPRAISING,
                   ProposalState.CONSULTATION, ProposalState.APPRAISED)),
    ("council", (ProposalState.IN_COUNCIL, ProposalState.COUNCIL_DONE)),
    ("decision", (ProposalState.FORWARDED, ProposalState.CONSOLIDATED)),
    ("closed", (ProposalState.DECIDED, ProposalState.REJECTED, ProposalState.WITHDRAWN)),
)


def overdue(today: datetime.date) -> Q:
    """Still open and past its step deadline."""
    return Q(due_on__lt=today) & ~Q(state__in=FINAL_STATES)


def proposal_figures(proposals: QuerySet, today: datetime.date) -> dict:
    """{"by_state": {state: {"total": n, "overdue": n}} for every state (zeros included),
    "backlog": open and overdue proposals of the resistance-war track and of Heroic Mother
    nominations (both have political deadlines the board reports on)}."""
    return proposal_figures_of(proposal_counts(proposals, today))


def proposal_counts(proposals: QuerySet, today: datetime.date) -> QuerySet:
    """The rows `proposal_figures_of` reads: proposals counted per state and per flag (past
    their step's deadline, on the resistance-war track, nominating a Heroic Mother).

    One GROUP BY query: the dashboard's proposal figures are counted again after every proposal
    step (under `make load`, several a second), so the backlog rides on the state counts, and a
    Heroic Mother nomination is an IN over the proposal set read once (PostgreSQL hashes it),
    not a join with the nominees counted DISTINCT (as two more queries did). Grouped by the
    flags with one count, not six counts each with its filter (the mother's IN twice): 1.1 ms
    to execute and 0.2 ms to plan on 3,400 proposals, against 1.4 ms and up to 1 ms."""
    flags = {"late": Q(due_on__lt=today), "resistance": Q(track=Track.RESISTANCE),
             "mother": Q(pk__in=Nominee.objects.filter(award_type__code=HEROIC_MOTHER)
                         .values("proposal_id"))}
    return (proposals.order_by()
            .annotate(**{name: ExpressionWrapper(q, output_field=BooleanField())
                         for name, q in flags.items()})
            .values("state", *flags).annotate(n=Count("id")))


def proposal_total_counts(totals: QuerySet, today: datetime.date) -> QuerySet:
    """`proposal_counts`' rows read from the proposals' totals (`proposals.ProposalTotal`: per
    unit, state, deadline day, track and Heroic Mother flag, kept by the database on every
    write) of the page's scope: the same flags, summed over a hundred rows instead of counted
    over every proposal. A proposal without a deadline is kept under one no day precedes."""
    flags = {"late": Q(due_on__lt=today), "resistance": Q(track=Track.RESISTANCE)}
    return (totals.order_by()
            .annotate(**{name: ExpressionWrapper(q, output_field=BooleanField())
                         for name, q in flags.items()})
            .values("state", *flags, "mother").annotate(n=Sum("n")))


def proposal_figures_of(rows) -> dict:
    """`proposal_figures`' dict from `proposal_counts`' rows (the dicts values() yields). A
    late proposal is overdue unless its state is final; a deadline of NULL is never late."""
    keys = ("total", "overdue", "resistance", "resistance_overdue", "mother", "mother_overdue")
    counts = {s: dict.fromkeys(keys, 0) for s in ProposalState.values}
    for row in rows:
        if (counted := counts.get(row["state"])) is None:
            continue
        n, overdue_ = row["n"], bool(row["late"]) and row["state"] not in FINAL_STATES
        counted["total"] += n
        counted["overdue"] += n if overdue_ else 0
        for flag in ("resistance", "mother"):
            if row[flag]:
                counted[flag] += n
                counted[f"{flag}_overdue"] += n if overdue_ else 0
    open_states = [s for s in ProposalState.values if s not in FINAL_STATES]
    return {"by_state": {s: {"total": c["total"], "overdue": c["overdue"]}
                         for s, c in counts.items()},
            "backlog": {name: {"open": sum(counts[s][key] for s in open_states),
                               "overdue": sum(c[f"{key}_overdue"] for c in counts.values())}
                        for name, key in (("resistance", "resistance"),
                                          ("heroic_mother", "mother"))}}


def proposals_by_step(by_state: dict[str, dict]) -> dict[str, dict]:
    """The state counts summed per step (a handful of numbers, no query)."""
    return {step: {k: sum(by_state[s][k] for s in states) for k in ("total", "overdue")}
            for step, states in STEPS}


def awards_by_form_and_year(totals: QuerySet, last_year: int) -> dict[str, dict[int, int]]:
    """Unrevoked awards of the last YEARS_SHOWN years: {category: {year: n}} (zeros included).
    `totals`: the AwardTotal rows of the page's scope."""
    years = range(last_year - YEARS_SHOWN + 1, last_year + 1)
    rows = (totals.filter(year__in=years).order_by()
            .values("award_type__category", "year").annotate(n=Sum("live")))
    table = {c: dict.fromkeys(years, 0) for c in ("title", "form")}
    for row in rows:
        table[row["award_type__category"]][row["year"]] = row["n"]
    return table


def granting_levels(on: datetime.date) -> dict[int, str]:
    """award type id -> granting level in force on `on` (dated catalogue parameter)."""
    levels = {}
    rows = (AwardParameter.objects.filter(key=ParameterKey.GRANTING_LEVEL, valid_from__lte=on)
            .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=on))
            .order_by("award_type_id", "valid_from").values_list("award_type_id", "value"))
    for type_id, value in rows:
        levels[type_id] = value  # the latest valid_from wins
    return levels


def awards_by_level(totals: QuerySet, today: datetime.date) -> dict[str, int]:
    """Unrevoked awards by the granting level of their title/form: summed per award type in
    SQL, then per level over the few dozen award types."""
    levels = granting_levels(today)
    by_level: dict[str, int] = {}
    rows = totals.order_by().values("award_type_id").annotate(n=Sum("live"))
    for row in rows:
        level = levels.get(row["award_type_id"], "")
        by_level[level] = by_level.get(level, 0) + row["n"]
    return dict(sorted(by_level.items(), key=lambda kv: -kv[1]))


TOP_UNITS = 10
TREND_YEARS = 10


def awards_by_unit(totals: QuerySet, root, last_year: int, top: int = TOP_UNITS) -> list[dict]:
    """The `top` child units of `root` by unrevoked awards of the last YEARS_SHOWN years (their
    whole subtree, through the closure table), with the awards of `last_year`: one GROUP BY of
    the scope's totals on the closure table. [{"code", "name", "last_year", "five_years"}],
    most awarded first; a child with none is left out."""
    if root is None:
        return []
    counted = totals.filter(year__gte=last_year - YEARS_SHOWN + 1, year__lte=last_year)
    rows = (UnitClosure.objects.filter(ancestor__parent=root,
                                       descendant__award_totals__in=counted.values("id"))
            .order_by().values("ancestor__code", "ancestor__name")
            .annotate(five_years=Sum("descendant__award_totals__live"),
                      last_year=Sum("descendant__award_totals__live", default=0,
                                    filter=Q(descendant__award_totals__year=last_year)))
            .order_by("-five_years", "ancestor__code")[:top])
    return [{"code": r["ancestor__code"], "name": r["ancestor__name"],
             "last_year": r["last_year"], "five_years": r["five_years"]} for r in rows]


def awards_trend(totals: QuerySet, last_year: int) -> dict[int, int]:
    """Unrevoked awards per year of achievement, the last TREND_YEARS years (zeros included)."""
    years = range(last_year - TREND_YEARS + 1, last_year + 1)
    rows = totals.filter(year__in=years).order_by().values("year").annotate(n=Sum("live"))
    found = {r["year"]: r["n"] for r in rows}
    return {y: found.get(y, 0) for y in years}
