"""Reusable rules predicates: role × unit scope. Every permission in the apps is built from these.

A predicate called without an object answers "may the user do this somewhere" (list pages, create
forms); with an object it answers for that object's unit.
"""

import rules

from accounts.domain import scope
from accounts.enums import Role
from organisations.models import Cluster, TrainingSession, Unit


def unit_id_of(obj) -> int | None:
    """The unit an object belongs to, for scope checks."""
    if isinstance(obj, Unit):
        return obj.pk
    if isinstance(obj, Cluster):
        return obj.managing_unit_id
    if isinstance(obj, TrainingSession):
        return obj.organiser_id
    return getattr(obj, "unit_id", None)


@rules.predicate
def is_system_admin(user) -> bool:
    return scope.is_system_admin(user)


@rules.predicate
def has_any_role(user) -> bool:
    return scope.has_role(user)


def in_scope_of(*roles: Role, name: str | None = None):
    """Predicate: the user holds one of `roles` on a unit covering the object's unit."""

    def check(user, obj=None) -> bool:
        if obj is None:
            return scope.is_system_admin(user) or scope.has_role(user, *roles)
        return scope.unit_in_scope(user, unit_id_of(obj), roles)

    return rules.predicate(check, name=name or "in_scope_of_" + "_".join(roles))


def has_role_of(*roles: Role):
    return rules.predicate(lambda user: scope.is_system_admin(user) or scope.has_role(user, *roles),
                           name="has_role_of_" + "_".join(roles))
