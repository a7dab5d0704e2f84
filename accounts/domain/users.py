"""Account management: creating users and granting or revoking roles."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.domain.scope import forget_cached_scope
from accounts.models import RoleAssignment, User
from core.trail import record


@transaction.atomic
def create_user(actor, *, username: str, password: str, full_name: str = "",
                email: str = "") -> User:
    """Side effect: audit entry `accounts.user.create` (never the password)."""
    user = User(username=username, full_name=full_name, email=email)
    user.set_password(password)
    user.full_clean(exclude=["password"])
    user.save()
    record(actor, "accounts.user.create", user, changes={"username": [None, username]})
    return user


@transaction.atomic
def grant_role(actor, user: User, *, role: str, unit=None, cluster=None) -> RoleAssignment:
    """Grant (or re-activate) a role. Side effect: audit entry `accounts.role.grant`."""
    assignment, created = RoleAssignment.objects.get_or_create(
        user=user, role=role, unit=unit, cluster=cluster, defaults={"is_active": True})
    if not created:
        if assignment.is_active:
            raise ValidationError(_("This user already has that role."))
        assignment.is_active = True
        assignment.save(update_fields=["is_active"])
    forget_cached_scope(user)
    record(actor, "accounts.role.grant", user, unit=unit, changes={"role": [None, str(assignment)]})
    return assignment


@transaction.atomic
def revoke_role(actor, assignment: RoleAssignment, reason: str) -> None:
    """Deactivate a role assignment (kept for the record). Side effect: audit entry."""
    if not reason.strip():
        raise ValidationError({"reason": _("Give a reason.")})
    assignment = RoleAssignment.objects.select_for_update().get(pk=assignment.pk)
    assignment.is_active = False
    assignment.save(update_fields=["is_active"])
    forget_cached_scope(assignment.user)
    record(actor, "accounts.role.revoke", assignment.user, unit=assignment.unit,
           changes={"role": [str(assignment), None]}, reason=reason)


@transaction.atomic
def set_active(actor, user: User, active: bool, reason: str) -> None:
    """Disable or re-enable an account. Side effect: audit entry `accounts.user.set_active`."""
    if not reason.strip():
        raise ValidationError({"reason": _("Give a reason.")})
    user = User.objects.select_for_update().get(pk=user.pk)
    before = user.is_active
    user.is_active = active
    user.save(update_fields=["is_active"])
    record(actor, "accounts.user.set_active", user, changes={"is_active": [before, active]},
           reason=reason)


@transaction.atomic
def reset_password(actor, user: User, password: str, reason: str) -> None:
    """An administrator sets a new password (the user forgot theirs). Every session the user
    has open ends: Django ties a session to a hash of the password, so the next request of any
    of those sessions is anonymous. Side effect: audit entry `accounts.password_reset` (never the
    password)."""
    if not reason.strip():
        raise ValidationError({"reason": _("Give a reason.")})
    user = User.objects.select_for_update().get(pk=user.pk)
    user.set_password(password)
    user.save(update_fields=["password"])
    record(actor, "accounts.password_reset", user, reason=reason.strip())
