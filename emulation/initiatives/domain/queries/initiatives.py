"""Permission-aware initiative querysets, and the initiative facts of the eligibility engine."""

from collections import defaultdict

from django.db.models import OuterRef, Q, QuerySet, Subquery

from accounts.domain.scope import restricted, scope_shape
from awards.domain.queries.cases import batch_rows
from awards.eligibility.facts import Initiative as InitiativeFact
from emulation.initiatives.enums import ACTIVE_USE_STATES, VIEW_ROLES, InitiativeState
from emulation.initiatives.models import Initiative, InitiativeAuthor, InitiativeUse
from organisations.domain.queries import search


def initiatives_for_user(user, q: str | None = None) -> QuerySet:
    """Initiatives of the units in the user's scope (by the initiative's unit), searchable by
    code, title and field without diacritics."""
    return initiatives_in_scope(initiative_scope(user), q)


def initiative_scope(user) -> tuple:
    """The user's scope shape over initiatives (accounts.domain.scope.scope_shape)."""
    return scope_shape(user, Initiative, roles=VIEW_ROLES)


def initiatives_in_scope(shape: tuple, q: str | None = None) -> QuerySet:
    """`initiatives_for_user` for a user of scope `shape` (`initiative_scope`): the same
    queryset for every user of that shape, so its statement may be kept by (shape, words)."""
    return search(restricted(Initiative.objects.select_related("unit"), shape), q)


def initiatives_of_person(person) -> QuerySet:
    """Every initiative the person authored or co-authored, newest first."""
    return Initiative.objects.filter(authors__person=person).select_related("unit")


def _used_for():
    """Award code of the initiative's earliest active use (None when free)."""
    return Subquery(InitiativeUse.objects.filter(
        initiative_id=OuterRef("initiative_id"), state__in=ACTIVE_USE_STATES)
        .order_by("created_at", "id").values("award_type__code")[:1])


def initiative_facts(person_ids,
                     where: dict | None = None) -> dict[int, tuple[InitiativeFact, ...]]:
    """person id → the recognised (not revoked) initiatives they (co-)authored, as engine facts,
    `used_for` naming the award an active use backs. One query. `where` may select the people
    more cheaply than an `IN` of their ids (an id range: rows of others are simply unused)."""
    def build(where: dict) -> QuerySet:
        return (InitiativeAuthor.objects
                .filter(**where, initiative__state=InitiativeState.RECOGNISED)
                .annotate(used_for=_used_for())
                .values_list("person_id", "initiative__code", "initiative__scope",
                             "initiative__recognition_date", "used_for")
                .order_by("person_id", "initiative__recognition_date", "initiative__code"))
    # A screening's chunk: its statement kept per process (the same for every chunk).
    rows = (batch_rows("initiative_facts", where, build) if where
            else build({"person_id__in": person_ids}))
    facts = defaultdict(list)
    for person_id, code, scope, recognised_on, used_for in rows:
        facts[person_id].append(InitiativeFact(code, scope, recognised_on, used_for))
    return {pid: tuple(items) for pid, items in facts.items()}


def initiative_authors(year: int) -> QuerySet:
    """Ids of the people who (co-)authored a recognised initiative recognised in `year` (or not
    dated): everyone a recognised initiative can back for a title of that year, whatever its
    scope or use (awards.domain.qualify.candidates). One subquery."""
    return (InitiativeAuthor.objects
            .filter(Q(initiative__recognition_date__year=year)
                    | Q(initiative__recognition_date__isnull=True),
                    initiative__state=InitiativeState.RECOGNISED)
            .values("person_id"))
