"""Emulation figures of the board dashboard: movements of the year by kind and state with
their registrations against the units taking part, and the cluster rounds of the year with,
once published, their leading unit(s) and average total. Movement figures are GROUP BY /
subquery counts; a published round's results come from emulation.movements.domain.cluster_rounds
(the same functions as the round's own page), a few queries per round."""

import datetime
from decimal import Decimal

from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from emulation.movements.domain import cluster_rounds
from emulation.movements.enums import MovementKind, MovementState, RegistrationState, RoundState
from organisations.models import UnitClosure


def in_year(year: int) -> Q:
    """A movement running at some time in `year` (open-ended movements run on)."""
    return (Q(start_date__lte=datetime.date(year, 12, 31))
            & (Q(end_date__isnull=True) | Q(end_date__gte=datetime.date(year, 1, 1))))


def _participating_units() -> Subquery:
    """Units taking part in the outer movement: its chosen roots and every unit below them,
    counted once (as emulation.movements.domain.queries.movements.member_units)."""
    counted = (UnitClosure.objects.filter(ancestor__movements=OuterRef("pk")).order_by()
               .values("ancestor__movements")
               .annotate(n=Count("descendant_id", distinct=True)).values("n"))
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def movements_of_year(movements: QuerySet, year: int) -> tuple[dict, list[dict]]:
    """({kind: {state: n}} of the movements running in `year`, zeros included; one row per
    launched, mid-reviewed or closed one of them: registrations of `year` submitted (awaiting)
    and approved, against the units taking part).

    One query, one row per movement of the year (tens): the table by kind and state is counted
    from the same rows. The dashboard counts these again after every audited write (under
    `make load` several a second), and compiling a second query cost more than the rows."""
    regs = Q(registrations__year=year)
    rows = (movements.filter(in_year(year))
            .annotate(
                submitted=Count("registrations", filter=regs & Q(
                    registrations__state=RegistrationState.SUBMITTED), distinct=True),
                approved=Count("registrations", filter=regs & Q(
                    registrations__state=RegistrationState.APPROVED), distinct=True),
                participating=_participating_units())
            .order_by("code").values("public_id", "code", "name", "kind", "state", "submitted",
                                     "approved", "participating"))
    table = {k: dict.fromkeys(MovementState.values, 0) for k in MovementKind.values}
    progress = []
    for row in rows:
        table[row["kind"]][row["state"]] += 1
        if row["state"] not in (MovementState.DRAFT, MovementState.STOPPED):
            progress.append(row)
    return table, progress


def round_summary(cluster_round) -> dict:
    """State of a round; for a published one the leading unit(s) elected (cluster_rounds.tally)
    and the average of the members' totals (cluster_rounds.results)."""
    summary = {"public_id": cluster_round.public_id, "cluster": cluster_round.cluster.name,
               "year": cluster_round.year, "state": cluster_round.state,
               "leaders": [], "average_total": None, "members": None}
    if cluster_round.state != RoundState.PUBLISHED:
        return summary
    rows = cluster_rounds.results(cluster_round)
    _votes, leader_ids = cluster_rounds.tally(cluster_round)
    names = {row.unit.pk: row.unit.name for row in rows}
    summary["leaders"] = [names[uid] for uid in leader_ids if uid in names]
    summary["members"] = len(rows)
    if rows:
        average = sum((row.total for row in rows), Decimal(0)) / len(rows)
        summary["average_total"] = average.quantize(Decimal("0.01"))
    return summary


def rounds_of_year(rounds: QuerySet, year: int) -> list[dict]:
    return [round_summary(r) for r in
            rounds.filter(year=year).select_related("cluster").order_by("cluster__name")]
