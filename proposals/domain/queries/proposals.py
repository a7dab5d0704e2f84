"""Permission-aware querysets of proposals (STYLE rule 6)."""

import functools

from django.db.models import Count, F, IntegerField, OuterRef, Q, Subquery

from accounts.domain import scope
from organisations.models import Unit, UnitClosure
from proposals.enums import BOARD, INBOX_STATES, PROPOSERS, RECEIVERS, CommentState, ProposalState
from proposals.models import Nominee, Proposal, PublicComment


def _covered(user, roles):
    """None: every unit; else a subquery of the unit ids the user's `roles` cover."""
    roots = _covered_roots(user, roles)
    return None if roots is None else _under(roots)


def _covered_roots(user, roles) -> tuple[int, ...] | None:
    """None: every unit; else the root unit ids of the user's `roles`, in order (a key's part:
    the SQL `_under` them is a function of these alone)."""
    if scope.is_system_admin(user) or scope.covers_every_unit(user, roles):
        return None
    return tuple(sorted(scope.scope_root_ids(user, roles)))


def _under(roots: tuple[int, ...]):
    return Subquery(UnitClosure.objects.filter(ancestor_id__in=roots).values("descendant_id"))


def proposals_for_user(user):
    """Proposals the user may see: their units' own (any state), and those addressed to units
    they receive for (once submitted)."""
    return proposals_in(proposal_scope(user))


def proposal_scope(user) -> tuple:
    """Everything that decides which proposals `user` sees, as values: ("all",) for a system
    administrator, else what they propose for and what they receive for — each False (not their
    role), None (every unit) or the root unit ids. Two users with equal scopes see the same
    proposals: `proposals_in` reads nothing else (core.interfaces.compiled keys on it)."""
    if scope.is_system_admin(user):
        return ("all",)
    proposing = (_covered_roots(user, PROPOSERS) if scope.has_role(user, *PROPOSERS)
                 else False)
    receiving = (_covered_roots(user, RECEIVERS) if scope.has_role(user, *RECEIVERS)
                 else False)
    return ("units", proposing, receiving)


def proposals_in(shape: tuple):
    """The proposals of a `proposal_scope`."""
    qs = Proposal.objects.select_related("unit", "recipient_unit")
    if shape == ("all",):
        return qs
    _units, proposing, receiving = shape
    everything = Q(pk__isnull=False)  # an empty Q() would vanish inside an OR
    condition = Q(pk__in=[])
    if proposing is not False:
        condition |= everything if proposing is None else Q(unit_id__in=_under(proposing))
    if receiving is not False:
        received = everything if receiving is None else Q(recipient_unit_id__in=_under(receiving))
        condition |= received & ~Q(state=ProposalState.DRAFT)
    return qs.filter(condition)


def of_every_unit(shape: tuple) -> bool:
    """Whether a `proposal_scope` or `inbox_scope` reaches every unit (no root unit ids): its
    list walks the order's index alone, and a deep page finds its ids there first
    (core.interfaces.compiled's `ids`). Under root units the planner misjudges the share of
    the units' proposals (312 estimated of 5,392 for canbo_sgd) and the ids alone were sorted
    after reading the whole table (4.3 ms prepared, page 20) where the page's own generic plan
    walks the order (1.4 ms)."""
    return shape in (("all",), ("board", None)) or (
        shape[0] == "units" and all(part is None or part is False for part in shape[1:]))


def inbox_for_user(user):
    """Received proposals still in progress, nearest deadline first — overdue ones at the top —
    and those whose step has no deadline (before the council) last, on every database (SQLite
    would put them first)."""
    return inbox_in(inbox_scope(user))


def inbox_scope(user) -> tuple:
    """Everything that decides which proposals are in `user`'s inbox, as values: ("none",) when
    they hold no board role, else the root unit ids of their board roles (None: every unit).
    `inbox_in` reads nothing else (core.interfaces.compiled keys on it)."""
    if not (scope.is_system_admin(user) or scope.has_role(user, *BOARD)):
        return ("none",)
    return ("board", _covered_roots(user, BOARD))


def inbox_in(shape: tuple):
    """The inbox of an `inbox_scope`."""
    if shape == ("none",):
        return Proposal.objects.none()
    qs = Proposal.objects.filter(state__in=INBOX_STATES).select_related("unit",
                                                                        "recipient_unit")
    if (roots := shape[1]) is not None:
        qs = qs.filter(recipient_unit_id__in=_under(roots))
    return qs.order_by(F("due_on").asc(nulls_last=True), "submitted_at", "id")


def returned_to_user(user):
    """Proposals of the user's own units returned for supplement: theirs to complete and
    submit again (the home page's first to-do). Not those the user's board returned: the
    board waits for them, it does not complete them."""
    if not scope.has_role(user, *PROPOSERS) or scope.is_system_admin(user):
        return Proposal.objects.none()
    qs = Proposal.objects.filter(state=ProposalState.RETURNED)
    covered = _covered(user, PROPOSERS)
    qs = qs if covered is None else qs.filter(unit_id__in=covered)
    if scope.has_role(user, *BOARD):
        receiving = _covered(user, BOARD)
        qs = qs.none() if receiving is None else qs.exclude(recipient_unit_id__in=receiving)
    return qs


def comments_to_resolve(user):
    """Public comments not yet resolved on proposals addressed to the user's board (who
    resolves them: `proposals.resolve_comment`)."""
    if not (scope.is_system_admin(user) or scope.has_role(user, *BOARD)):
        return PublicComment.objects.none()
    qs = PublicComment.objects.filter(state=CommentState.NEW)
    covered = _covered(user, BOARD)
    if covered is not None:
        qs = qs.filter(consultation__proposal__recipient_unit_id__in=covered)
    return qs


@functools.cache
def nominee_count():
    """The number of nominees of each proposal, as a correlated count: on a page PostgreSQL
    evaluates it for the page's rows only (after the sort and limit); the export streams it.
    Counting by a join would aggregate every proposal before paging.
    Built once per process (~0.2 ms of each inbox page, a sixth of its query's building): it
    holds no data, only the shape of the count, and annotate() resolves a copy of it."""
    return Subquery(Nominee.objects.filter(proposal=OuterRef("pk")).order_by()
                    .values("proposal").annotate(n=Count("id")).values("n"),
                    output_field=IntegerField())


# The inbox's columns, read as plain values (no model instances: three per row with the units)
# and rendered by proposals.templatetags.proposal_rows.inbox_rows; the export picks its own.
INBOX_COLUMNS = ("public_id", "code", "title", "unit__name", "submitted_at", "state", "due_on")


def inbox_rows_for_user(user):
    """`inbox_for_user` as the page's rows: INBOX_COLUMNS and `nominee_total`, one query."""
    return inbox_rows_in(inbox_scope(user))


def inbox_rows_in(shape: tuple):
    return inbox_in(shape).annotate(nominee_total=nominee_count()).values(
        *INBOX_COLUMNS, "nominee_total")


def scoped_units(user):
    """Units whose proposals the user may prepare (proposing roles' scope)."""
    return scope.restrict_to_scope(Unit.objects.all(), user, field="id", roles=PROPOSERS)
