"""Permission-aware querysets of plans, movements and registrations, movement membership
through the unit closure, and `registered(...)` for the eligibility engine's case builder."""

from collections import Counter

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery

from accounts.domain.scope import is_system_admin, scope_root_ids
from awards.domain.queries.cases import batch_rows
from core.interfaces.compiled import kept_rows
from emulation.movements.enums import MOVEMENT_ROLES, PlanState, RegistrationState
from emulation.movements.models import AnnualPlan, Movement, Registration, RegistrationEntry
from organisations.models import Person, Unit, UnitClosure

Participation = Movement.participants.through


def _below(root_ids) -> QuerySet:
    return UnitClosure.objects.filter(ancestor_id__in=root_ids).values("descendant_id")


def _above(unit_ids) -> QuerySet:
    return UnitClosure.objects.filter(descendant_id__in=unit_ids).values("ancestor_id")


def plans_for_user(user) -> QuerySet:
    """Plans of the units in the user's scope, and the published plans of the units above
    (a unit carries out its superiors' plans)."""
    qs = AnnualPlan.objects.select_related("unit")
    if is_system_admin(user):
        return qs
    roots = scope_root_ids(user, MOVEMENT_ROLES)
    return qs.filter(Q(unit_id__in=Subquery(_below(roots)))
                     | Q(state=PlanState.PUBLISHED, unit_id__in=Subquery(_above(roots))))


def movements_for_user(user, q: str | None = None) -> QuerySet:
    """Movements the user organises (organiser in scope) or takes part in: a participating
    root above one of the user's units, or inside the user's scope."""
    return movements_in_scope(movement_scope(user), q)


def movement_scope(user) -> tuple[int, ...] | None:
    """What decides which movements the user sees: None for the administrator (all), else the
    roots of their movement roles, sorted."""
    return None if is_system_admin(user) else tuple(sorted(scope_root_ids(user, MOVEMENT_ROLES)))


def movements_in_scope(roots: tuple[int, ...] | None, q: str | None = None) -> QuerySet:
    """`movements_for_user` for a user of `movement_scope` `roots`: the same queryset for every
    user of those roots, so its statement may be kept by (roots, q)."""
    qs = Movement.objects.select_related("organiser")
    if roots is not None:
        taking_part = Participation.objects.filter(
            Q(unit_id__in=Subquery(_above(roots))) | Q(unit_id__in=Subquery(_below(roots))))
        qs = qs.filter(Q(organiser_id__in=Subquery(_below(roots)))
                       | Q(pk__in=Subquery(taking_part.values("movement_id"))))
    if q:
        qs = qs.filter(Q(code__icontains=q.strip()) | Q(name__icontains=q.strip()))
    return qs


def member_units(movement: Movement) -> QuerySet:
    """Every unit taking part: the chosen roots and everything below them."""
    roots = Participation.objects.filter(movement_id=movement.pk).values("unit_id")
    return Unit.objects.filter(pk__in=Subquery(
        UnitClosure.objects.filter(ancestor_id__in=Subquery(roots)).values("descendant_id")))


def takes_part(movement: Movement, unit) -> bool:
    return member_units(movement).filter(pk=unit.pk).exists()


def registrations_for_user(user) -> QuerySet:
    """Registrations of units in the user's scope, and every registration of a movement whose
    organiser is in scope (the organiser follows its movement)."""
    qs = Registration.objects.select_related("movement", "unit")
    if is_system_admin(user):
        return qs
    roots = scope_root_ids(user, MOVEMENT_ROLES)
    return qs.filter(Q(unit_id__in=Subquery(_below(roots)))
                     | Q(movement__organiser_id__in=Subquery(_below(roots))))


def subtree_registrations(unit, user, movement: Movement | None = None) -> QuerySet:
    """The roll-up of a parent unit: registrations of the unit and every unit below it (that
    the user may read), with their number of individual and collective entries."""
    qs = registrations_for_user(user).filter(unit_id__in=Subquery(_below([unit.pk])))
    if movement is not None:
        qs = qs.filter(movement=movement)
    return with_entry_counts(qs).order_by("movement__code", "unit__code")


def with_entry_counts(registrations: QuerySet) -> QuerySet:
    """Each registration's number of individual and collective entries (one grouped query)."""
    return registrations.annotate(
        individuals=Count("entries", filter=Q(entries__person__isnull=False)),
        collectives=Count("entries", filter=Q(entries__collective__isnull=False)))


def state_counts(registrations) -> list[tuple[str, int]]:
    """(state label, number of registrations) in the order of the states, for the summary line
    of a list already loaded."""
    counts = Counter(r.state for r in registrations)
    return [(state.label, counts[state]) for state in RegistrationState if counts[state]]


# The two statements every registration fact below is made of: the units that sent a
# registration for the year, and the entries of the registrations the level above approved.
# `registration_facts` (a dictionary for the engine) and `registration_possible` (a filter for
# "who qualifies") state one rule with them; tests/awards/test_qualify_candidates.py compares
# the two on every unit's pages.

def _registering_units(year: int) -> QuerySet:
    """Registrations sent for `year` (a draft is not sent), of which the units are read."""
    return Registration.objects.filter(year=year).exclude(state=RegistrationState.DRAFT)


def _approved_entries(year: int, **where) -> QuerySet:
    """Entries (`where`) of the registrations for `year` the level above approved."""
    return RegistrationEntry.objects.filter(**where, registration__year=year,
                                            registration__state=RegistrationState.APPROVED)


def registered(subject, award_code: str, year: int) -> bool:
    """Did the person or collective register for `award_code` in `year`, in a registration the
    level above approved? (Decree 152/2025/NĐ-CP: registration for the emulation titles is part
    of the emulation work; the eligibility engine's case builder may read it as a fact.)"""
    field = "person" if isinstance(subject, Person) else "collective"
    return _approved_entries(year, **{field: subject, "award_type__code": award_code}).exists()


def registration_facts(people, year: int,
                       where: dict | None = None) -> dict[int, frozenset[str] | None]:
    """For the eligibility engine, per person id: the award codes of their approved
    registrations in `year`, or None when their unit sent no registration for the year (the
    registration is not used there, so it is not checked). Two queries for a whole chunk;
    `where` may select the people by an id range rather than an `IN` of their ids."""
    units = {p.pk: p.unit_id for p in people}
    # Every unit that sent one (a province: one a unit at most), asked only of the batch's:
    # the statement the same for every chunk, kept per process (kept_rows).
    registering = {unit_id for unit_id, in kept_rows(
        ("registering units",), lambda year: _registering_units(year).order_by().values_list(
            "unit_id"), year)}
    approved: dict[int, set[str]] = {}
    def build(where: dict, year: int) -> QuerySet:
        return _approved_entries(year, **where).values_list("person_id", "award_type__code")
    # A screening's chunk: its statement kept per process (the same for every chunk).
    for person_id, code in (batch_rows("registration_facts", where, build, year) if where
                            else build({"person_id__in": list(units)}, year)):
        approved.setdefault(person_id, set()).add(code)
    return {pid: frozenset(approved.get(pid, ())) if uid in registering or pid in approved
            else None for pid, uid in units.items()}


def registration_possible(award_code: str, year: int) -> Q:
    """A filter of people: those whose case for `award_code` in `year` may say they registered
    — `registration_facts` gives them None (their unit sent no registration for the year and
    they are in no approved one: not checked) or codes holding `award_code`. Everyone else's
    case says "not registered", which an award needing a registration refuses
    (awards.eligibility.rules.common.check_registration): "who qualifies" screens only these."""
    registering = _registering_units(year).values("unit_id")
    approved = _approved_entries(year, person_id=OuterRef("pk"))
    return (Exists(approved.filter(award_type__code=award_code))
            | ((Q(unit_id__isnull=True) | ~Q(unit_id__in=registering)) & ~Exists(approved)))


def collective_registration(collective, year: int) -> frozenset[str] | None:
    """The same fact for a collective (None: its unit sent no registration for the year)."""
    codes = frozenset(_approved_entries(year, collective=collective).values_list(
        "award_type__code", flat=True))
    if codes or _registering_units(year).filter(unit_id=collective.unit_id).exists():
        return codes
    return None


def plan_search(qs: QuerySet, q: str | None) -> QuerySet:
    return qs.filter(title__icontains=q.strip()) if q else qs



def registrations_to_decide(user) -> QuerySet:
    """Submitted registrations the user decides (`emulation.decide_registration`: the keeper
    of the registering unit's parent; a root unit's, the system administrator)."""
    qs = Registration.objects.filter(state=RegistrationState.SUBMITTED)
    if is_system_admin(user):
        return qs
    return qs.filter(unit__parent_id__in=Subquery(_below(scope_root_ids(user, MOVEMENT_ROLES))))
