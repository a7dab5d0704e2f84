"""Council sessions a user may see or sit in."""

from accounts.domain import scope
from proposals.enums import BOARD
from proposals.models import CouncilMember, CouncilSession


def sessions_for_user(user):
    """Board staff: the sessions of the units in their scope; members: the sessions they sit
    in."""
    qs = CouncilSession.objects.select_related("unit")
    if scope.is_system_admin(user):
        return qs
    board = scope.restrict_to_scope(qs, user, field="unit", roles=BOARD) if scope.has_role(
        user, *BOARD) else qs.none()
    seated = qs.filter(members__user=user)
    return (board | seated).distinct()


def seat_of(user, session) -> CouncilMember | None:
    return session.members.filter(user=user).first()
