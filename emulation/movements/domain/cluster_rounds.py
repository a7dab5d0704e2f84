"""A cluster's emulation year (legal-reference §7; guidance 1122/BTĐKT-2011): the members sign
the emulation pact (giao ước thi đua), assess themselves against the criteria set, score each
other, the head or board re-scores with a reason, the members elect the leading unit(s) by
secret ballot (bình xét, suy tôn đơn vị dẫn đầu), and the head publishes the results.

States: draft → scoring (pact signed) → voting → published, declared once as data (`ROUND`,
core/state.py). One function per change, each locking the round and writing an audit entry.
Every score change keeps a ScoreChange row. Once published nothing changes.
"""

import math
from collections import Counter, defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from audit.domain.record import record
from core import state
from emulation.movements.domain import criteria as criteria_domain
from emulation.movements.domain import feeds, scoring
from emulation.movements.domain.queries.cluster_rounds import own_unit_ids
from emulation.movements.enums import RoundState, ScoreKind
from emulation.movements.models import (
    ClusterRound,
    RoundBallot,
    RoundVoteReceipt,
    Score,
    ScoreChange,
)
from organisations.models import ClusterMembership


def member_units(cluster_round: ClusterRound) -> list:
    return [m.unit for m in ClusterMembership.objects.filter(
        cluster_id=cluster_round.cluster_id, year=cluster_round.year)
        .select_related("unit").order_by("unit__name")]


def _member_ids(cluster_round) -> set[int]:
    return set(ClusterMembership.objects.filter(
        cluster_id=cluster_round.cluster_id, year=cluster_round.year)
        .values_list("unit_id", flat=True))


def _audit(actor, action, cluster_round, **kwargs):
    record(actor, f"emulation.cluster_round.{action}", cluster_round,
           unit=cluster_round.cluster.managing_unit, **kwargs)


# Every step, and every score or vote refused for the round's state, says the same.
REFUSAL = gettext_lazy("The round is %(state)s; this cannot be done now.")
ROUND = state.Machine(
    name="emulation.cluster_round", model=ClusterRound, states=RoundState, audit=record,
    audit_context=lambda r: {"unit": r.cluster.managing_unit},
    related=("cluster__managing_unit",), refusal=REFUSAL,
    transitions=(
        state.step("sign_pact", RoundState.DRAFT, RoundState.SCORING,
                   gettext_lazy("Sign the emulation pact"), permission="emulation.sign_pact"),
        state.step("open_voting", RoundState.SCORING, RoundState.VOTING,
                   gettext_lazy("Close scoring and open the ballot"),
                   permission="emulation.open_voting", irreversible=True),
        state.step("publish", RoundState.VOTING, RoundState.PUBLISHED,
                   gettext_lazy("Publish and lock the results"),
                   permission="emulation.publish_round", irreversible=True),
    ))


def locked_while(cluster_round: ClusterRound, *states) -> ClusterRound:
    """The round, locked; refused unless it rests in one of `states`. Scores and votes are not
    steps of the machine: they are taken while the round is scoring or voting."""
    locked = state.lock(ROUND, cluster_round)
    if locked.state not in states:
        raise ValidationError(REFUSAL % {"state": locked.get_state_display()})
    return locked


@transaction.atomic
def open_round(*, actor, cluster, year: int, criteria_set,
               vote_share: Decimal = Decimal("0.5")) -> ClusterRound:
    """Open the cluster's round for `year` (state draft).

    Side effects: ClusterRound row; audit entry `emulation.cluster_round.open`.
    """
    if not ClusterMembership.objects.filter(cluster=cluster, year=year).exists():
        raise ValidationError({"year": _("The cluster has no members in %(year)s.") % {
            "year": year}})
    if criteria_set.is_template:
        raise ValidationError({"criteria_set": _(
            "Copy the template into a set for the year before using it.")})
    if ClusterRound.objects.filter(cluster=cluster, year=year).exists():
        raise ValidationError({"year": _("The cluster already has a round in %(year)s.") % {
            "year": year}})
    cluster_round = ClusterRound.objects.create(cluster=cluster, year=year,
                                                criteria_set=criteria_set, vote_share=vote_share)
    _audit(actor, "open", cluster_round)
    return cluster_round


@transaction.atomic
def sign_pact(cluster_round, *, actor, pact_date, pact_text: str) -> ClusterRound:
    """Record the signed emulation pact; scoring opens (draft → scoring).

    Side effects: pact fields, state; audit entry `emulation.cluster_round.sign_pact` with the
    state old → new.
    """
    locked = state.lock(ROUND, cluster_round)
    state.check(ROUND, locked, "sign_pact")  # the state first, then the pact
    if not pact_text.strip() or pact_date is None:
        raise ValidationError({"pact_text": _("Enter the pact's date and text.")})
    return state.transition(locked, ROUND, "sign_pact", actor, locked=True, fields={
        "pact_date": pact_date, "pact_text": pact_text, "pact_signed": True})


def _leaf(cluster_round, criterion):
    scored = criteria_domain.active(cluster_round.criteria_set)
    leaf_ids = {c.pk for c in criteria_domain.leaves(scored)}
    if criterion.criteria_set_id != cluster_round.criteria_set_id or criterion.pk not in leaf_ids:
        raise ValidationError({"criterion": _(
            "Criterion %(code)s is not a scored line of this round's set.") % {
            "code": criterion.code}})
    return criterion


def _unit_scored(criterion):
    """A system-fed criterion is not scored by the units (emulation.movements.domain.feeds)."""
    if feeds.is_fed(criterion):
        raise ValidationError({"criterion": _(
            "Criterion %(code)s is scored by the system (%(source)s); only the cluster head "
            "or the board may change it, with a reason.") % {
            "code": criterion.code, "source": criterion.get_feed_display()}})


def _check_points(criterion, points) -> Decimal:
    points = Decimal(str(points))
    if not Decimal(0) <= points <= criterion.max_points:
        raise ValidationError({"points": _(
            "Criterion %(code)s: points must be between 0 and %(max)s.") % {
            "code": criterion.code, "max": criterion.max_points}})
    return points


def _write(cluster_round, *, actor, unit, criterion, kind, scorer_unit, points,
           reason="", previous=None, **extra) -> Score:
    """`previous`: the value the change replaces when the score row is new (a first board
    re-score replaces the effective peer/self points, which the history must show)."""
    score = Score.objects.filter(round=cluster_round, unit=unit, criterion=criterion, kind=kind,
                                 scorer_unit=scorer_unit).first()
    old = score.points if score else previous
    if score is None:
        score = Score(round=cluster_round, unit=unit, criterion=criterion, kind=kind,
                      scorer_unit=scorer_unit)
    score.points = points
    for name, value in extra.items():
        if value:
            setattr(score, name, value)
    score.save()
    if old != points:
        ScoreChange.objects.create(score=score, old=old, new=points, reason=reason, actor=actor)
    return score


def refuse_own_unit(cluster_round, actor, unit) -> None:
    if actor is not None and unit.pk in own_unit_ids(actor, cluster_round):
        raise ValidationError({"unit": _(
            "Nobody re-scores their own unit (%(unit)s): send the change to the board as a "
            "request with its reason.") % {"unit": unit.name}})


def _member(cluster_round, unit, field="unit"):
    if unit.pk not in _member_ids(cluster_round):
        raise ValidationError({field: _("%(unit)s is not a member of the cluster in %(year)s.")
                               % {"unit": unit.name, "year": cluster_round.year}})


@transaction.atomic
def self_assess(cluster_round, *, actor, unit, criterion, points, evidence_text: str = "",
                evidence_file=None) -> Score:
    """A member's own score on one criterion, with its evidence (required where the criterion
    says so).

    Side effects: Score (kind self), ScoreChange row; audit `emulation.cluster_round.self_assess`.
    """
    locked = locked_while(cluster_round, RoundState.SCORING)
    _member(locked, unit)
    _leaf(locked, criterion)
    _unit_scored(criterion)
    points = _check_points(criterion, points)
    if criterion.evidence_required and not (evidence_text.strip() or evidence_file):
        existing = Score.objects.filter(round=locked, unit=unit, criterion=criterion,
                                        kind=ScoreKind.SELF).first()
        if not (existing and (existing.evidence_text or existing.evidence_file)):
            raise ValidationError({"evidence_text": _(
                "Criterion %(code)s needs evidence: attach a file or describe it.") % {
                "code": criterion.code}})
    score = _write(locked, actor=actor, unit=unit, criterion=criterion, kind=ScoreKind.SELF,
                   scorer_unit=unit, points=points, evidence_text=evidence_text,
                   evidence_file=evidence_file)
    _audit(actor, "self_assess", locked, changes={"unit": unit.code, "criterion": criterion.code,
                                                  "points": str(points)})
    return score


@transaction.atomic
def score_peer(cluster_round, *, actor, scorer_unit, unit, criterion, points) -> Score:
    """One member scores another on one criterion. A unit never scores itself (its own view is
    the self-assessment).

    Side effects: Score (kind peer), ScoreChange row; audit `emulation.cluster_round.score_peer`.
    """
    locked = locked_while(cluster_round, RoundState.SCORING)
    if scorer_unit.pk == unit.pk:
        raise ValidationError({"unit": _("A unit cannot score itself (%(unit)s).") % {
            "unit": unit.name}})
    _member(locked, scorer_unit, "scorer_unit")
    _member(locked, unit)
    _leaf(locked, criterion)
    _unit_scored(criterion)
    points = _check_points(criterion, points)
    score = _write(locked, actor=actor, unit=unit, criterion=criterion, kind=ScoreKind.PEER,
                   scorer_unit=scorer_unit, points=points)
    _audit(actor, "score_peer", locked, changes={
        "scorer": scorer_unit.code, "unit": unit.code, "criterion": criterion.code,
        "points": str(points)})
    return score


@transaction.atomic
def rescore(cluster_round, *, actor, unit, criterion, points, reason: str) -> Score:
    """The head or board sets the final points of a criterion; a reason is required. Nobody
    re-scores a unit they belong to (the head's own unit): that goes through
    `emulation.movements.domain.rescore_requests.request_rescore` to a manager without the conflict.

    Side effects: Score (kind board), ScoreChange row with the reason; audit
    `emulation.cluster_round.rescore`.
    """
    locked = locked_while(cluster_round, RoundState.SCORING, RoundState.VOTING)
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason for the change.")})
    _member(locked, unit)
    refuse_own_unit(locked, actor, unit)
    _leaf(locked, criterion)
    points = _check_points(criterion, points)
    before = effective_points(Score.objects.filter(
        round=locked, unit=unit, criterion=criterion).values_list(
        "unit_id", "criterion__code", "kind", "points")).get((unit.pk, criterion.code))
    score = _write(locked, actor=actor, unit=unit, criterion=criterion, kind=ScoreKind.BOARD,
                   scorer_unit=None, points=points, reason=reason, previous=before)
    _audit(actor, "rescore", locked, reason=reason, changes={
        "unit": unit.code, "criterion": criterion.code, "points": str(points)})
    return score


@transaction.atomic
def open_voting(cluster_round, *, actor) -> ClusterRound:
    """Close scoring and open the ballot (scoring → voting). Side effect: audit
    `emulation.cluster_round.open_voting`."""
    return state.transition(cluster_round, ROUND, "open_voting", actor)


@transaction.atomic
def cast_vote(cluster_round, *, actor, voter_unit, candidate) -> None:
    """A member unit's secret vote for the leading unit: one per unit per round. The ballot row
    has no voter; the receipt (who voted, not for whom) prevents a second vote.

    Side effects: RoundBallot, RoundVoteReceipt; audit `emulation.cluster_round.vote` (voter
    only).
    """
    locked = locked_while(cluster_round, RoundState.VOTING)
    _member(locked, voter_unit, "voter_unit")
    _member(locked, candidate, "candidate")
    try:
        with transaction.atomic():
            RoundVoteReceipt.objects.create(round=locked, voter_unit=voter_unit)
    except IntegrityError:
        raise ValidationError(_("%(unit)s has already voted in this round.") % {
            "unit": voter_unit.name}) from None
    RoundBallot.objects.create(round=locked, candidate=candidate)
    _audit(actor, "vote", locked, changes={"voter": voter_unit.code})


@transaction.atomic
def publish(cluster_round, *, actor) -> ClusterRound:
    """Lock the results (voting → published); nothing changes afterwards. Refused until the
    ballots the cluster's rules require are in (`ballot_quorum`), naming who has not voted.

    Side effects: state, published_at; audit `emulation.cluster_round.publish`.
    """
    locked = state.lock(ROUND, cluster_round)
    state.check(ROUND, locked, "publish")  # the state first, then the quorum
    missing = not_voted(locked)
    if missing and votes_needed(locked) > locked.receipts.count():
        raise ValidationError(_(
            "%(needed)s of the %(members)s member units must vote before publishing; not yet "
            "voted: %(units)s.") % {"needed": votes_needed(locked),
                                   "members": len(_member_ids(locked)),
                                   "units": ", ".join(u.name for u in missing)})
    return state.transition(locked, ROUND, "publish", actor, locked=True,
                            fields={"published_at": timezone.now()})


def not_voted(cluster_round) -> list:
    """Member units without a vote receipt (who, never for whom)."""
    voted = set(cluster_round.receipts.values_list("voter_unit_id", flat=True))
    return [u for u in member_units(cluster_round) if u.pk not in voted]


def votes_needed(cluster_round, members: int | None = None) -> int:
    """Ballots required by the cluster's rules: the quorum share of the members, rounded up
    (`members`: the member count when the caller has it already)."""
    members = len(_member_ids(cluster_round)) if members is None else members
    # Rounded to hundredths first: a two-thirds rule stored as 0.667 asks 2 of 3, not 3.
    return math.ceil((cluster_round.ballot_quorum * members).quantize(Decimal("0.01")))


@dataclass
class Row:
    unit: object
    total: Decimal
    rank: int
    grade: str


def effective_points(scores) -> dict[tuple[int, str], Decimal]:
    """Points per (unit id, criterion code): the head/board's score when there is one, else the
    mean of the peers' scores, else the self-assessment."""
    by_key: dict[tuple[int, str], dict[str, list[Decimal]]] = defaultdict(
        lambda: defaultdict(list))
    for unit_id, code, kind, points in scores:
        by_key[(unit_id, code)][kind].append(points)
    result = {}
    for key, kinds in by_key.items():
        for kind in (ScoreKind.BOARD, ScoreKind.PEER, ScoreKind.SELF):
            if kinds.get(kind):
                result[key] = sum(kinds[kind]) / len(kinds[kind])
                break
    return result


def round_points(cluster_round, criteria, units) -> dict[tuple[int, str], Decimal]:
    """Effective points per (unit id, criterion code). A system-fed criterion
    (emulation.movements.domain.feeds) takes the head/board's re-score when there is one, else the
    system's points; self and peer scores never count for it."""
    fed_codes = {c.code for c in criteria_domain.leaves(criteria) if feeds.is_fed(c)}
    scores = [s for s in Score.objects.filter(round=cluster_round).values_list(
        "unit_id", "criterion__code", "kind", "points")
        if s[1] not in fed_codes or s[2] == ScoreKind.BOARD]
    points = effective_points(scores)
    if fed_codes:
        fed = [c for c in criteria if c.code in fed_codes]
        for key, value in feeds.system_points(fed, [u.pk for u in units],
                                              cluster_round.year).items():
            points.setdefault(key, value)
    return points


def results(cluster_round) -> list[Row]:
    """Every member's total, rank and grade, best first (three queries, plus two when a
    criterion is system-fed)."""
    criteria = list(criteria_domain.active(cluster_round.criteria_set))
    nodes = criteria_domain.nodes_of(criteria)
    thresholds = criteria_domain.thresholds_of(cluster_round.criteria_set)
    units = member_units(cluster_round)
    points = round_points(cluster_round, criteria, units)
    raw: dict[int, dict[str, Decimal]] = defaultdict(dict)
    for (unit_id, code), value in points.items():
        raw[unit_id][code] = value
    totals = {u.pk: scoring.compute(nodes, raw[u.pk]).total for u in units}
    ranks = scoring.rank(totals)
    rows = [Row(u, totals[u.pk], ranks[u.pk], scoring.classify(totals[u.pk], thresholds))
            for u in units]
    return sorted(rows, key=lambda r: (r.rank, r.unit.name))


def published_tally(cluster_round) -> tuple[Counter, list] | None:
    """The tally once the results are published; None before. The vote for the leading unit is
    a secret ballot: no count and no leader reaches anyone (page, API, minutes) while units
    may still vote or before the managers publish."""
    return tally(cluster_round) if cluster_round.state == RoundState.PUBLISHED else None


def tally(cluster_round) -> tuple[Counter, list]:
    """Votes per candidate unit id, and the leading unit ids: the most votes, and more than the
    round's share of the member units."""
    counts = Counter(RoundBallot.objects.filter(round=cluster_round)
                     .values_list("candidate_id", flat=True))
    if not counts:
        return counts, []
    top = max(counts.values())
    members = len(_member_ids(cluster_round))
    leaders = [uid for uid, n in counts.items()
               if n == top and Decimal(n) > cluster_round.vote_share * members]
    return counts, sorted(leaders)
