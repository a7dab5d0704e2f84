"""Unit scope of a user: which units their role assignments cover.

A role assigned on unit U covers every unit in U's closure (its subtree and, through
reorganisation links, the units U was made from). A system administrator covers everything.
Results are cached on the user object, which Django creates once per request, and between
requests in the shared cache: the roles until an assignment changes, the covered units until the
unit tree changes (its version, `UNIT_TREE`, is bumped by `rebuild_tree_index`, which every
structural change — the merger's bulk updates included — ends with, and by any unit created or
deleted).
"""

import hashlib
import threading
import time

from django.core.cache import cache
from django.core.exceptions import FieldDoesNotExist
from django.db import transaction
from django.db.models import Count, QuerySet, Subquery

from accounts.enums import Role
from accounts.models import RoleAssignment, User
from core.caching import version_of
from organisations.models import Unit, UnitClosure

ALL_ROLES = tuple(Role)


# Every page's layout asks for the user's roles (menu, permissions): kept in the shared cache
# between requests, dropped whenever an assignment is saved or deleted (signals in
# accounts.apps, and forget_cached_scope after grant/revoke), and at most this old anyway.
ROLES_CACHE_SECONDS = 120
# The closure rows under a set of roots and the unit count: two of a list page's layout queries,
# kept per version of the unit tree (a new version orphans them), and at most this old anyway.
UNIT_TREE = "unit-tree"
SCOPE_CACHE_SECONDS = 600


def _roles_key(user) -> str:
    # date_joined too: a test database reuses primary keys after a rollback.
    return f"tdkt:roles:{user.pk}:{user.date_joined.timestamp() if user.date_joined else ''}"


def active_assignments(user) -> list:
    """The user's active role assignments (cached on the user object and, between requests,
    in the shared cache)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    cached = getattr(user, "_tdkt_assignments", None)
    if cached is None:
        key = _roles_key(user)
        cached = cache.get(key)
        if cached is None:
            # Read without the user attached (not through user.role_assignments), so the shared
            # cache holds no copy of the user's row: every page unpickled one (password hash
            # included) with the roles, ~a third of the read's cost.
            cached = list(RoleAssignment.objects.filter(user=user, is_active=True)
                          .select_related("unit", "cluster"))
            cache.set(key, cached, ROLES_CACHE_SECONDS)
        owner = getattr(user, "_wrapped", user)  # request.user is a lazy object around it
        for assignment in cached:
            assignment.user = owner  # the request's own user, as user.role_assignments set it
        user._tdkt_assignments = cached
    return cached


def roles_key_part(request, user) -> tuple:
    """The user's active roles, as a kept page's key holds them (core.interfaces.kept_pages.
    KEY_PARTS): the roles, their units and clusters decide the menu, the permissions and the
    scope a page was rendered with."""
    return tuple(sorted((a.pk, a.role, a.unit_id, a.cluster_id)
                        for a in active_assignments(user)))


def forget_cached_roles(user) -> None:
    """Drop the shared cache's copy of `user`'s roles, now and when the transaction commits
    (a request between the two would otherwise cache the old roles again)."""
    key = _roles_key(user)
    cache.delete(key)
    transaction.on_commit(lambda: cache.delete(key))


def forget_cached_scope(user) -> None:
    """Drop cached assignments after they change (tests, role management)."""
    for attr in ("_tdkt_assignments", "_tdkt_scope", "_tdkt_unit_total", "_tdkt_tree_version",
                 "_tdkt_provinces"):
        if hasattr(user, attr):
            delattr(user, attr)
    if getattr(user, "pk", None) is not None:
        forget_cached_roles(user)


def has_role(user, *roles) -> bool:
    wanted = set(roles or ALL_ROLES)
    return any(a.role in wanted for a in active_assignments(user))


def is_system_admin(user) -> bool:
    return bool(getattr(user, "is_superuser", False)) or has_role(user, Role.SYSTEM_ADMIN)


def scope_root_ids(user, roles=ALL_ROLES) -> set[int]:
    """Units on which the user holds one of `roles` (the roots of their scope)."""
    wanted = set(roles)
    return {a.unit_id for a in active_assignments(user) if a.role in wanted and a.unit_id}


def scope_unit_ids(user, roles=ALL_ROLES) -> frozenset[int] | set[int] | None:
    """Every unit id covered by the user's `roles`; None means "all units" (system admin)."""
    if is_system_admin(user):
        return None
    return _per_request(user, "_tdkt_scope", roles, _covered_units, set())


def _per_request(user, attr: str, roles, compute, empty):
    """`compute(user, roots)` for the roots of the user's `roles` (`empty` without any), kept
    on the user object under `attr` per role set, and per roots: asked many times while one
    page is built, for role sets that mostly share their roots (a list's roles and the
    personal-data roles are the same units for the board: one shared-cache read, not two)."""
    found = getattr(user, attr, None)
    if found is None:
        found = {}
        setattr(user, attr, found)
    key = ("roles", *sorted(roles))
    if key not in found:
        roots = scope_root_ids(user, roles)
        by_roots = ("roots", *sorted(roots))
        if by_roots not in found:
            found[by_roots] = compute(user, roots) if roots else empty
        found[key] = found[by_roots]
    return found[key]


def _tree_version(user) -> str:
    version = getattr(user, "_tdkt_tree_version", None)
    if version is None:
        version = user._tdkt_tree_version = version_of(UNIT_TREE)
    return version


# The covered units of a set of roots, also kept per process under their shared-cache entry's
# key — which holds the unit tree's version, new with every change of the tree — at most
# COVERED_KEPT_SECONDS: reading and unpickling the entry was ~35 µs of every scoped list page
# (session 17). Kept as a frozenset: one object shared by the requests and threads that ask.
COVERED_KEPT = 256
COVERED_KEPT_SECONDS = 60.0
_covered_kept: dict[str, tuple[float, frozenset[int], int]] = {}
_covered_lock = threading.Lock()


def _covered_units(user, roots: set[int]) -> frozenset[int]:
    """Every unit under `roots`, from the shared cache while the tree is unchanged (users
    holding roles on the same units share the entry: the key is the roots, not the user).
    The entry carries the tree's unit count of the same version too: `covers_every_unit`
    compares the two on every list page, one read instead of two."""
    ids = ",".join(map(str, sorted(roots)))
    key = f"tdkt:covered:{_tree_version(user)}:{hashlib.sha256(ids.encode()).hexdigest()[:32]}"
    now = time.monotonic()
    if (kept := _covered_kept.get(key)) is not None and kept[0] > now:
        _until, covered, total = kept
    else:
        entry = cache.get(key)
        if entry is None:
            covered = set(UnitClosure.objects.filter(ancestor_id__in=roots)
                          .values_list("descendant_id", flat=True))
            entry = (covered, _unit_total(user))
            cache.set(key, entry, SCOPE_CACHE_SECONDS)
        covered, total = frozenset(entry[0]), entry[1]
        with _covered_lock:
            if len(_covered_kept) >= COVERED_KEPT:
                _covered_kept.clear()
            _covered_kept[key] = (now + COVERED_KEPT_SECONDS, covered, total)
    if getattr(user, "_tdkt_unit_total", None) is None:
        user._tdkt_unit_total = total
    return covered


def _unit_total(user) -> int:
    total = getattr(user, "_tdkt_unit_total", None)
    if total is None:
        key = f"tdkt:unit-total:{_tree_version(user)}"
        total = cache.get(key)
        if total is None:
            total = Unit.objects.count()
            cache.set(key, total, SCOPE_CACHE_SECONDS)
        user._tdkt_unit_total = total
    return total


def unit_in_scope(user, unit_id: int | None, roles=ALL_ROLES) -> bool:
    ids = scope_unit_ids(user, roles)
    return ids is None or (unit_id is not None and unit_id in ids)


def restrict_to_scope(qs: QuerySet, user, field: str = "unit", roles=ALL_ROLES) -> QuerySet:
    """Filter `qs` to rows whose `field` unit is covered by the user's scope.

    The filter is a subquery on the closure table, so it stays one SQL statement however large
    the scope is. Two shortcuts give the same rows as a condition an ordered index can lead
    with: the whole tree (`unit IS NOT NULL`), and whole provinces of a shared database on the
    tables carrying the province key (`province IN (…)`; docs/architecture.md, "Province key").
    """
    return restricted(qs, scope_shape(user, qs.model, field, roles), field)


def scope_shape(user, model, field: str = "unit", roles=ALL_ROLES) -> tuple[str, tuple[int, ...]]:
    """Which filter `restrict_to_scope` puts on `model`'s rows for the user, and its values:
    ("all", ()) for the administrator, ("tree", ()) for a scope of the whole tree,
    ("provinces", ids) for whole provinces of a shared database, ("none", ()) without a
    role, else ("closure", the roots). Everything of the user that decides the filter, so
    that `restricted(qs, shape)` is the same SQL for every user of one shape: a statement
    compiled once per process may be keyed by it (awards.domain.queries.ledger_rows_page)."""
    if is_system_admin(user):
        return ("all", ())
    if covers_every_unit(user, roles):
        return ("tree", ())
    if _province_field(model, field) and (provinces := whole_provinces(user, roles)):
        return ("provinces", tuple(sorted(provinces)))
    roots = scope_root_ids(user, roles)
    return ("closure", tuple(sorted(roots))) if roots else ("none", ())


def restricted(qs: QuerySet, shape: tuple[str, tuple[int, ...]], field: str = "unit") -> QuerySet:
    """`qs` under the filter `shape` (of `scope_shape`) describes."""
    kind, ids = shape
    if kind == "all":
        return qs
    if kind == "tree":
        # The same rows as the subquery would give, but a condition the database can check
        # while walking an ordered index, instead of gathering everyone in scope to sort.
        return qs.filter(**{f"{field}__isnull": False})
    if kind == "provinces":
        # With ten provinces' trees the closure check costs a probe per row walked, and the
        # province's rows are one in ten of the order (the ledger walked 8,611 entries for 51).
        return qs.filter(**{f"{_province_field(qs.model, field)}__in": list(ids)})
    if kind == "none":
        return qs.none()
    covered = UnitClosure.objects.filter(ancestor_id__in=ids).values("descendant_id")
    return qs.filter(**{f"{field}__in": Subquery(covered)})


def _province_field(model, field: str) -> str | None:
    """The field holding `field`'s province on `model`, when the table carries the key."""
    if field not in {"unit", "id"} or (field == "id" and model is not Unit):
        return None
    try:
        key = model._meta.get_field("province")
    except FieldDoesNotExist:
        return None
    return "province" if key.related_model is Unit else None


def whole_provinces(user, roles=ALL_ROLES) -> frozenset[int]:
    """The provinces (root units) whose every unit, and nothing else, the user's `roles` cover:
    the board of one or more provinces on a shared database. Empty when the scope is narrower
    than a province, or reaches past its provinces (a unit merged in from another province is
    covered through the reorganisation link but keeps its own province key): the closure
    subquery then stays the only exact filter. Cached as the covered units are."""
    if is_system_admin(user):
        return frozenset()
    return _per_request(user, "_tdkt_provinces", roles, _whole_provinces, frozenset())


def _whole_provinces(user, roots: set[int]) -> frozenset[int]:
    ids = ",".join(map(str, sorted(roots)))
    key = f"tdkt:provinces:{_tree_version(user)}:{hashlib.sha256(ids.encode()).hexdigest()[:32]}"
    provinces = cache.get(key)
    if provinces is None:
        covered = UnitClosure.objects.filter(ancestor_id__in=roots).values("descendant_id")
        per_province = dict(Unit.objects.filter(id__in=Subquery(covered))
                            .values_list("province_id").annotate(n=Count("id")).order_by())
        # Every covered unit has its province among these: the scope is exactly them when it
        # counts as many units as they hold.
        whole = (None not in per_province and Unit.objects.filter(
            province_id__in=per_province).count() == sum(per_province.values()))
        provinces = frozenset(per_province) if whole else frozenset()
        cache.set(key, provinces, SCOPE_CACHE_SECONDS)
    return provinces


def covers_every_unit(user, roles=ALL_ROLES) -> bool:
    """True when the user's scope is the whole tree (board staff of a province that is the only
    root of the tree)."""
    ids = scope_unit_ids(user, roles)
    if ids is None:
        return True
    if not ids:
        return False
    return len(ids) >= _unit_total(user)  # read with the covered units, once a request


def users_with_role_over(unit_id: int, roles) -> QuerySet:
    """Active users holding one of `roles` on a unit whose scope covers `unit_id` (to notify
    the people who must act on that unit's business)."""
    ancestors = UnitClosure.objects.filter(descendant_id=unit_id).values("ancestor_id")
    return User.objects.filter(
        is_active=True, role_assignments__is_active=True, role_assignments__role__in=roles,
        role_assignments__unit_id__in=Subquery(ancestors)).distinct()
