"""Cluster rounds a user may see, and the member units a user may act for."""

from django.db.models import F, Q, QuerySet

from accounts.domain import scope
from accounts.enums import Role
from emulation.movements.enums import ROUND_MANAGER_ROLES
from emulation.movements.models import ClusterRound
from organisations.enums import ClusterRole
from organisations.models import ClusterMembership, UnitClosure


def headed_cluster_ids(user) -> set[int]:
    return {a.cluster_id for a in scope.active_assignments(user)
            if a.role == Role.CLUSTER_HEAD and a.cluster_id}


def manages(user, cluster_round) -> bool:
    """The cluster head of the round's cluster, or the board over its managing unit."""
    return (cluster_round.cluster_id in headed_cluster_ids(user)
            or scope.unit_in_scope(user, cluster_round.cluster.managing_unit_id,
                                   ROUND_MANAGER_ROLES))


def acting_units(user, cluster_round) -> list:
    """Member units of the round the user acts for: those of their unit-officer scope, and for
    the cluster head the head unit of the year, which is a member like the others and scores
    and votes as they do. A system administrator and the board act for no unit by their office
    (guidance 1122/BTĐKT-2011: the members themselves assess and elect)."""
    ids = scope.scope_root_ids(user, (Role.UNIT_OFFICER,))
    heads = cluster_round.cluster_id in headed_cluster_ids(user)
    if not ids and not heads:
        return []
    mine = Q(role=ClusterRole.HEAD) if heads else Q(pk__in=[])
    if ids:
        mine |= Q(unit_id__in=UnitClosure.objects.filter(ancestor_id__in=ids)
                  .values("descendant_id"))
    qs = ClusterMembership.objects.filter(mine, cluster_id=cluster_round.cluster_id,
                                          year=cluster_round.year).select_related("unit")
    return [m.unit for m in qs.order_by("unit__name")]


def own_unit_ids(user, cluster_round) -> set[int]:
    """Member units the user belongs to, so cannot judge: the units of their role assignments
    (and what a unit officer covers), and for the cluster head the head unit of the year.
    Nobody re-scores these (conflict of interest, STYLE rule 6)."""
    members = ClusterMembership.objects.filter(cluster_id=cluster_round.cluster_id,
                                               year=cluster_round.year)
    roots = {a.unit_id for a in scope.active_assignments(user) if a.unit_id}
    mine = set(members.filter(unit_id__in=roots).values_list("unit_id", flat=True))
    mine |= {u.pk for u in acting_units(user, cluster_round)}
    if cluster_round.cluster_id in headed_cluster_ids(user):
        mine |= set(members.filter(role=ClusterRole.HEAD).values_list("unit_id", flat=True))
    return mine


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

