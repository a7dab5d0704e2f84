"""Emulation: movements and their registrations, criteria sets, cluster rounds with their
ranking and scores, and one cluster. Read through the same permission-aware queries and the
same result functions as the back office (out of scope → 404, a role that never reads → 403)."""

import datetime
import uuid
from decimal import Decimal

from django.db.models import Count, Q
from ninja import Router, Schema
from ninja.pagination import paginate

from api.pagination import LimitOffsetPagination
from api.schemas import year_param
from core.interfaces.guards import get_in, require
from emulation.movements.domain import cluster_rounds as rounds_domain
from emulation.movements.domain.queries.cluster_rounds import rounds_for_user
from emulation.movements.domain.queries.movements import movements_for_user, registrations_for_user
from emulation.movements.enums import Grade
from emulation.movements.models import CriteriaSet, Score
from organisations.domain.queries import clusters_for_user

router = Router(tags=["emulation"])


class MovementOut(Schema):
    public_id: uuid.UUID
    code: str
    name: str
    kind: str
    state: str
    organiser: str
    start_date: datetime.date
    end_date: datetime.date | None

    @staticmethod
    def resolve_organiser(obj):
        return obj.organiser.code


class ReviewOut(Schema):
    kind: str
    date: datetime.date
    report: str


class MovementDetailOut(MovementOut):
    goals: str
    stop_reason: str
    plan: uuid.UUID | None
    participants: list[str]
    reviews: list[ReviewOut]
    documents: list[str]

    @staticmethod
    def resolve_plan(obj):
        return obj.plan.public_id if obj.plan_id else None

    @staticmethod
    def resolve_participants(obj):
        return sorted(u.code for u in obj.participants.all())

    @staticmethod
    def resolve_reviews(obj):
        return list(obj.reviews.order_by("date", "id"))

    @staticmethod
    def resolve_documents(obj):
        return [d.title for d in obj.documents.order_by("created_at", "id")]


class RegistrationOut(Schema):
    public_id: uuid.UUID
    movement: str
    unit: str
    year: int
    state: str
    pledges: str
    individuals: int
    collectives: int

    @staticmethod
    def resolve_movement(obj):
        return obj.movement.code

    @staticmethod
    def resolve_unit(obj):
        return obj.unit.code


class CriterionOut(Schema):
    code: str
    parent: str | None
    name: str
    max_points: Decimal
    weight: Decimal
    kind: str
    evidence_required: bool


class CriteriaSetOut(Schema):
    public_id: uuid.UUID
    name: str
    year: int | None
    is_template: bool
    thresholds: list


class CriteriaSetDetailOut(CriteriaSetOut):
    criteria: list[CriterionOut]

    @staticmethod
    def resolve_criteria(obj):
        return obj.criteria_out


class RoundOut(Schema):
    public_id: uuid.UUID
    cluster: str
    year: int
    state: str
    criteria_set: uuid.UUID
    pact_signed: bool
    pact_date: datetime.date | None
    vote_share: Decimal

    @staticmethod
    def resolve_cluster(obj):
        return obj.cluster.code

    @staticmethod
    def resolve_criteria_set(obj):
        return obj.criteria_set.public_id


class RankOut(Schema):
    unit: str
    unit_name: str
    total: Decimal
    rank: int
    grade: str
    grade_label: str
    votes: int | None  # None until the results are published (secret ballot)
    leads: bool | None


class RoundDetailOut(RoundOut):
    ranking: list[RankOut]
    voted: int


class ScoreOut(Schema):
    unit: str
    criterion: str
    kind: str
    scorer_unit: str | None
    points: Decimal
    evidence_text: str
    changes: int


class ClusterDetailOut(Schema):
    code: str
    name: str
    kind: str
    managing_unit_code: str
    is_active: bool
    members: list[dict]
    rounds: list[RoundOut]


# ---------------------------------------------------------------- movements

def _movement(request, code: str):
    movement = get_in(movements_for_user(request.user), code=code)
    require(request, "emulation.view_movement", movement)
    return movement


@router.get("/movements", response=list[MovementOut])
@paginate(LimitOffsetPagination)
def movement_list(request, q: str = "", state: str = "", kind: str = "",
                  year: int | None = year_param(), organiser: str = ""):
    """Movements the caller organises or takes part in (as on the movements page)."""
    require(request, "emulation.view_movement")
    qs = movements_for_user(request.user, q)
    if state:
        qs = qs.filter(state=state)
    if kind:
        qs = qs.filter(kind=kind)
    if year is not None:
        qs = qs.filter(start_date__year__lte=year).filter(
            Q(end_date__isnull=True) | Q(end_date__year__gte=year))
    if organiser:
        qs = qs.filter(organiser__code=organiser)
    return qs.order_by("code")


@router.get("/movements/{code}", response=MovementDetailOut)
def movement_detail(request, code: str):
    return _movement(request, code)


@router.get("/movements/{code}/registrations", response=list[RegistrationOut])
@paginate(LimitOffsetPagination)
def movement_registrations(request, code: str, state: str = "", unit: str = "",
                           year: int | None = year_param()):
    """The movement's registrations the caller may read: its own units', or all of them for
    the organiser."""
    movement = _movement(request, code)
    qs = registrations_for_user(request.user).filter(movement=movement)
    if state:
        qs = qs.filter(state=state)
    if unit:
        qs = qs.filter(unit__code=unit)
    if year is not None:
        qs = qs.filter(year=year)
    return qs.annotate(
        individuals=Count("entries", filter=Q(entries__person__isnull=False)),
        collectives=Count("entries", filter=Q(entries__collective__isnull=False)),
    ).order_by("unit__code", "year")


# ---------------------------------------------------------------- criteria sets

def _criteria_sets(request):
    """Templates, and the sets of the rounds the caller may see."""
    require(request, "emulation.view_cluster_round")
    used = rounds_for_user(request.user).values("criteria_set_id")
    return CriteriaSet.objects.filter(Q(is_template=True) | Q(pk__in=used))


@router.get("/criteria-sets", response=list[CriteriaSetOut])
@paginate(LimitOffsetPagination)
def criteria_set_list(request, year: int | None = year_param(), template: bool | None = None):
    qs = _criteria_sets(request)
    if year is not None:
        qs = qs.filter(year=year)
    if template is not None:
        qs = qs.filter(is_template=template)
    return qs.order_by("-year", "name", "id")


@router.get("/criteria-sets/{public_id}", response=CriteriaSetDetailOut)
def criteria_set_detail(request, public_id: uuid.UUID):
    criteria_set = get_in(_criteria_sets(request), public_id=public_id)
    criteria = list(criteria_set.criteria.all())
    code_of = {c.pk: c.code for c in criteria}
    criteria_set.criteria_out = [
        {"code": c.code, "parent": code_of.get(c.parent_id), "name": c.name,
         "max_points": c.max_points, "weight": c.weight, "kind": c.kind,
         "evidence_required": c.evidence_required} for c in criteria]
    return criteria_set


# ---------------------------------------------------------------- cluster rounds

def _round(request, public_id, perm="emulation.view_cluster_round"):
    cluster_round = get_in(rounds_for_user(request.user), public_id=public_id)
    require(request, perm, cluster_round)
    return cluster_round


@router.get("/cluster-rounds", response=list[RoundOut])
@paginate(LimitOffsetPagination)
def round_list(request, year: int | None = year_param(), cluster: str = "", state: str = ""):
    require(request, "emulation.view_cluster_round")
    qs = rounds_for_user(request.user)
    if year is not None:
        qs = qs.filter(year=year)
    if cluster:
        qs = qs.filter(cluster__code=cluster)
    if state:
        qs = qs.filter(state=state)
    return qs


@router.get("/cluster-rounds/{public_id}", response=RoundDetailOut)
def round_detail(request, public_id: uuid.UUID):
    """The round and its ranking: the same totals, ranks, grades and votes as the round page
    (`emulation.movements.domain.cluster_rounds.results` and `tally`)."""
    cluster_round = _round(request, public_id)
    published = rounds_domain.published_tally(cluster_round)
    counts, leaders = published or ({}, [])
    grades = dict(Grade.choices)
    cluster_round.ranking = [
        {"unit": r.unit.code, "unit_name": r.unit.name, "total": r.total, "rank": r.rank,
         "grade": r.grade, "grade_label": str(grades.get(r.grade, "")),
         "votes": counts.get(r.unit.pk, 0) if published else None,
         "leads": r.unit.pk in leaders if published else None}
        for r in rounds_domain.results(cluster_round)]
    cluster_round.voted = cluster_round.receipts.count()
    return cluster_round


@router.get("/cluster-rounds/{public_id}/scores", response=list[ScoreOut])
@paginate(LimitOffsetPagination)
def round_scores(request, public_id: uuid.UUID, unit: str = "", kind: str = ""):
    """Every score entered in the round (self, peer, board) with the number of changes. Who
    scored whom is the managers' business (cluster head, board), as the history on the round
    page: members get 403."""
    cluster_round = _round(request, public_id, "emulation.manage_cluster_round")
    qs = Score.objects.filter(round=cluster_round)
    if unit:
        qs = qs.filter(unit__code=unit)
    if kind:
        qs = qs.filter(kind=kind)
    return [{"unit": s.unit.code, "criterion": s.criterion.code, "kind": s.kind,
             "scorer_unit": s.scorer_unit.code if s.scorer_unit_id else None,
             "points": s.points, "evidence_text": s.evidence_text, "changes": s.n_changes}
            for s in qs.select_related("unit", "criterion", "scorer_unit")
            .annotate(n_changes=Count("changes")).order_by("unit__code", "criterion__position",
                                                           "kind", "id")]


# ---------------------------------------------------------------- clusters

@router.get("/clusters/{code}", response=ClusterDetailOut)
def cluster_detail(request, code: str, year: int | None = year_param()):
    """One cluster in the caller's scope, its members (of `year`, else every year) and the
    rounds the caller may see."""
    require(request, "organisations.view_cluster")
    cluster = get_in(clusters_for_user(request.user).select_related("managing_unit"), code=code)
    memberships = cluster.memberships.select_related("unit").order_by("year", "unit__code")
    if year is not None:
        memberships = memberships.filter(year=year)
    return {"code": cluster.code, "name": cluster.name, "kind": cluster.kind,
            "managing_unit_code": cluster.managing_unit.code, "is_active": cluster.is_active,
            "members": [{"year": m.year, "unit_code": m.unit.code, "role": m.role}
                        for m in memberships],
            "rounds": list(rounds_for_user(request.user).filter(cluster=cluster))}
