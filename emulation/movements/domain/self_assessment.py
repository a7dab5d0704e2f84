"""A member unit's self-assessment of the whole criteria set in one go (the way units fill the
printed table: every criterion, then sign), written line by line through `self_assess`."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from emulation.movements.domain.cluster_rounds import self_assess
from emulation.movements.enums import ScoreKind
from emulation.movements.models import Score


def own_scores(cluster_round, unit) -> dict[int, Score]:
    """criterion id → the unit's current self-assessment score."""
    return {s.criterion_id: s for s in Score.objects.filter(
        round=cluster_round, unit=unit, kind=ScoreKind.SELF)}


@transaction.atomic
def self_assess_all(cluster_round, *, actor, unit, lines) -> int:
    """`lines`: (criterion, points or None, evidence text). Writes each line whose points or
    evidence differ from the unit's current self-assessment; a blank line is left as it is.
    All or nothing: a refused line names its criterion. Returns the number of lines written.
    Side effects: those of `self_assess`, once per line written."""
    current = own_scores(cluster_round, unit)
    written = 0
    for criterion, points, evidence in lines:
        if points is None:
            continue
        score = current.get(criterion.pk)
        if score and score.points == Decimal(points) and not evidence.strip():
            continue
        try:
            self_assess(cluster_round, actor=actor, unit=unit, criterion=criterion,
                        points=points, evidence_text=evidence)
        except ValidationError as error:
            raise ValidationError({f"points_{criterion.pk}": " ".join(error.messages)}) \
                from error
        written += 1
    return written
