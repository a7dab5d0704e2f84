"""Which units a statistics page covers: a root unit the user may see, and its direct children
(one row each, aggregating their subtree through the closure table)."""

from django.db.models import QuerySet

from accounts.domain.scope import is_system_admin, restrict_to_scope, scope_root_ids
from organisations.models import Unit, UnitClosure
from reports.enums import STATISTICS_ROLES


def visible_units(user) -> QuerySet:
    """Units covered by the user's statistics roles."""
    return restrict_to_scope(Unit.objects.all(), user, field="id", roles=STATISTICS_ROLES)


def default_root(user) -> Unit | None:
    """The top of the user's statistics scope: the highest unit they hold a role on (the tree's
    root for a system administrator without a unit)."""
    ids = scope_root_ids(user, STATISTICS_ROLES)
    qs = Unit.objects.filter(id__in=ids) if ids else Unit.objects.none()
    if is_system_admin(user) and not ids:
        qs = Unit.objects.filter(parent__isnull=True)
    return qs.order_by("depth", "path").first()


def row_units(root: Unit) -> list[Unit]:
    """The direct children of `root` (current and former), in tree order."""
    return list(root.children.order_by("path"))


def subtree_ids(root: Unit) -> QuerySet:
    """Unit ids under `root` (a subquery on the closure table)."""
    return UnitClosure.objects.filter(ancestor=root).values("descendant_id")
