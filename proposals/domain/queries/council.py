"""Council sessions a user may see or sit in."""

from collections import defaultdict

from accounts.domain import scope
from organisations.models import UnitClosure
from proposals.domain.council import VOTING
from proposals.enums import BOARD, SessionState
from proposals.models import CouncilMember, CouncilSession, Nominee, VoteReceipt


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


def sessions_awaiting_vote(user) -> list[CouncilSession]:
    """Open sessions where the user holds a seat and still has a nominee to vote on (recused
    nominees excepted: the member does not vote on them). Three queries whatever the number
    of seats, nominees and votes (the home page asks it on every visit)."""
    seats = list(CouncilMember.objects.filter(user=user, session__state=SessionState.OPEN)
                 .select_related("session"))
    if not seats:
        return []
    agenda = defaultdict(list)  # session id → [(nominee id, nominee unit id)]
    for session_id, nominee_id, unit_id in Nominee.objects.filter(
            status__in=VOTING, proposal__council_sessions__in=[s.session_id for s in seats]
    ).values_list("proposal__council_sessions", "id", "unit_id"):
        agenda[session_id].append((nominee_id, unit_id))
    cast = set(VoteReceipt.objects.filter(member__in=seats)
               .values_list("member_id", "nominee_id"))
    below = _subtrees({s.unit_id for s in seats if s.unit_id != s.session.unit_id})
    waiting = []
    for seat in seats:
        # Recusal as proposals.domain.council.is_recused: the member's unit, and its subtree
        # unless it is the council's own unit.
        recused = {seat.unit_id} | (below[seat.unit_id]
                                    if seat.unit_id != seat.session.unit_id else set())
        if any((seat.pk, nominee_id) not in cast and unit_id not in recused
               for nominee_id, unit_id in agenda[seat.session_id]):
            waiting.append(seat.session)
    return waiting


def _subtrees(unit_ids: set[int]) -> dict[int, set[int]]:
    below = defaultdict(set)
    for ancestor, descendant in UnitClosure.objects.filter(
            ancestor_id__in=unit_ids).values_list("ancestor_id", "descendant_id"):
        below[ancestor].add(descendant)
    return below
