"""Emulation clusters and blocks: yearly membership and the rotating head and deputy.

Members elect the head (cụm trưởng) and deputy (cụm phó) in rotation at the year-end review
(guidance 1122/BTĐKT-2011, 2746/HD-BTĐKT-2015; legal-reference §7). The default rotation here
promotes last year's deputy to head and hands the deputy role to the next member in code order;
the board can set any member instead.
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from core.trail import diff, record, snapshot
from organisations.enums import ClusterRole
from organisations.models import Cluster, ClusterMembership, Unit

CLUSTER_FIELDS = ["code", "name", "kind", "managing_unit", "description", "is_active"]


@transaction.atomic
def create_cluster(actor, **fields) -> Cluster:
    """Side effect: audit entry `organisations.cluster.create`."""
    cluster = Cluster(**fields)
    cluster.full_clean()
    cluster.save()
    record(actor, "organisations.cluster.create", cluster, unit=cluster.managing_unit)
    return cluster


@transaction.atomic
def update_cluster(actor, cluster: Cluster, **fields) -> Cluster:
    """Side effect: audit entry `organisations.cluster.update` with old → new values."""
    cluster = Cluster.objects.select_for_update().get(pk=cluster.pk)
    before = snapshot(cluster, CLUSTER_FIELDS)
    for name, value in fields.items():
        setattr(cluster, name, value)
    cluster.full_clean()
    cluster.save()
    record(actor, "organisations.cluster.update", cluster, unit=cluster.managing_unit,
           changes=diff(before, snapshot(cluster, CLUSTER_FIELDS)))
    return cluster


@transaction.atomic
def add_member(actor, cluster: Cluster, unit: Unit, year: int) -> ClusterMembership:
    """Side effect: audit entry `organisations.cluster.add_member`."""
    if unit.valid_to is not None and unit.valid_to.year < year:
        raise ValidationError({"unit": _("“%(name)s” no longer exists in %(year)s.") % {
            "name": unit.name, "year": year}})
    try:
        with transaction.atomic():
            membership = ClusterMembership.objects.create(cluster=cluster, unit=unit, year=year)
    except IntegrityError as exc:
        raise ValidationError({"unit": _("“%(name)s” is already a member in %(year)s.") % {
            "name": unit.name, "year": year}}) from exc
    record(actor, "organisations.cluster.add_member", cluster, unit=cluster.managing_unit,
           changes={"member": [None, f"{year}: {unit.code}"]})
    return membership


@transaction.atomic
def set_leadership(actor, cluster: Cluster, year: int, *, head: Unit, deputy: Unit | None) -> None:
    """Make `head` the head unit and `deputy` the deputy for `year`; others become members.

    Side effect: audit entry `organisations.cluster.set_leadership` with previous holders.
    """
    if deputy is not None and deputy.pk == head.pk:
        raise ValidationError({"deputy": _("The head and the deputy must be different units.")})
    rows = {m.unit_id: m for m in ClusterMembership.objects.select_for_update()
            .filter(cluster=cluster, year=year).select_related("unit")}
    for unit in filter(None, (head, deputy)):
        if unit.pk not in rows:
            raise ValidationError(_("“%(name)s” is not a member in %(year)s.") % {
                "name": unit.name, "year": year})
    before = {m.role: m.unit.code for m in rows.values() if m.role != ClusterRole.MEMBER}
    # Clear first: the one-head / one-deputy constraints would refuse a swap done row by row.
    ClusterMembership.objects.filter(cluster=cluster, year=year).update(role=ClusterRole.MEMBER)
    ClusterMembership.objects.filter(cluster=cluster, year=year, unit=head).update(
        role=ClusterRole.HEAD)
    if deputy is not None:
        ClusterMembership.objects.filter(cluster=cluster, year=year, unit=deputy).update(
            role=ClusterRole.DEPUTY)
    after = {"head": head.code, "deputy": deputy.code if deputy else None}
    record(actor, "organisations.cluster.set_leadership", cluster, unit=cluster.managing_unit,
           changes={k: [before.get(k), v] for k, v in after.items()})


def rotation_for(previous: list[ClusterMembership], members: list[Unit]):
    """Next year's (head, deputy): last year's deputy leads; the deputy role passes to the next
    member after the new head in code order (wrapping round)."""
    if not members:
        return None, None
    codes = sorted(members, key=lambda u: u.code)
    old_deputy = next((m.unit for m in previous if m.role == ClusterRole.DEPUTY), None)
    old_head = next((m.unit for m in previous if m.role == ClusterRole.HEAD), None)
    by_pk = {u.pk: u for u in codes}
    head = by_pk.get(old_deputy.pk) if old_deputy else None
    if head is None:
        start = codes.index(by_pk[old_head.pk]) + 1 if old_head and old_head.pk in by_pk else 0
        head = codes[start % len(codes)]
    deputy = codes[(codes.index(head) + 1) % len(codes)] if len(codes) > 1 else None
    return head, deputy


@transaction.atomic
def start_year(actor, cluster: Cluster, year: int) -> list[ClusterMembership]:
    """Open `year` for a cluster: copy last year's still-existing members and rotate the
    leadership. Side effects: membership rows, audit entry `organisations.cluster.start_year`."""
    if ClusterMembership.objects.filter(cluster=cluster, year=year).exists():
        raise ValidationError(_("%(year)s has already been opened for this cluster.") % {
            "year": year})
    previous = list(ClusterMembership.objects.filter(cluster=cluster, year=year - 1)
                    .select_related("unit"))
    members = [m.unit for m in previous if m.unit.valid_to is None]
    if not members:
        raise ValidationError(_("There are no members in %(year)s to carry over.") % {
            "year": year - 1})
    ClusterMembership.objects.bulk_create(
        [ClusterMembership(cluster=cluster, unit=u, year=year) for u in members])
    head, deputy = rotation_for(previous, members)
    set_leadership(actor, cluster, year, head=head, deputy=deputy)
    record(actor, "organisations.cluster.start_year", cluster, unit=cluster.managing_unit,
           changes={"year": [None, year], "members": [None, len(members)]})
    return list(ClusterMembership.objects.filter(cluster=cluster, year=year))
