"""Cluster rounds a user may see, and the member units a user may act for."""

from django.db.models import F, Q, QuerySet

from accounts.domain import scope
from accounts.enums import Role
from emulation.enums import ROUND_MANAGER_ROLES
from emulation.models import ClusterRound
from organisations.models import ClusterMembership


def headed_cluster_ids(user) -> set[int]:
    return {a.cluster_id for a in scope.active_assignments(user)
            if a.role == Role.CLUSTER_HEAD and a.cluster_id}


def manages(user, cluster_round) -> bool:
    """The cluster head of the round's cluster, or the board over its managing unit."""
    return (cluster_round.cluster_id in headed_cluster_ids(user)
            or scope.unit_in_scope(user, cluster_round.cluster.managing_unit_id,
                                   ROUND_MANAGER_ROLES))


def acting_units(user, cluster_round) -> list:
    """Member units of the round the user acts for as their unit officer (all for an admin)."""
    ids = scope.scope_unit_ids(user, (Role.UNIT_OFFICER,))
    qs = ClusterMembership.objects.filter(cluster_id=cluster_round.cluster_id,
                                          year=cluster_round.year).select_related("unit")
    if ids is not None:
        qs = qs.filter(unit_id__in=ids)
    return [m.unit for m in qs.order_by("unit__name")]


def rounds_for_user(user) -> QuerySet:
    qs = ClusterRound.objects.select_related("cluster", "criteria_set").order_by(
        "-year", "cluster__code")
    if scope.is_system_admin(user):
        return qs
    board = scope.scope_unit_ids(user, ROUND_MANAGER_ROLES) or set()
    officer = scope.scope_unit_ids(user, (Role.UNIT_OFFICER,)) or set()
    member_rounds = ClusterRound.objects.filter(
        cluster__memberships__unit_id__in=officer,
        cluster__memberships__year=F("year")).values("pk")
    return qs.filter(Q(cluster__managing_unit_id__in=board)
                     | Q(cluster_id__in=headed_cluster_ids(user))
                     | Q(pk__in=member_rounds)).distinct()

