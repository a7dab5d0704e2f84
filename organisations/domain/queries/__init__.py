"""Permission-aware querysets: every list in the back office starts here."""

from django.db import connections, router
from django.db.models import CharField, Exists, F, Func, OuterRef, QuerySet

from accounts.domain.scope import restrict_to_scope, restricted, scope_shape
from accounts.enums import RECORD_KEEPING_ROLES
from core.search import word_match
from core.text import fold
from organisations.models import (
    Cluster,
    Collective,
    EmulationStaff,
    Household,
    Person,
    PersonWords,
    TrainingSession,
    Unit,
)


def search(qs: QuerySet, q: str | None, field: str = "search_text") -> QuerySet:
    """Diacritics-insensitive search: every folded word of `q` must appear (a word of one or
    two letters at a word's start: core.search)."""
    # One filter for all the words: each filter() clones the query (~0.1 ms a word). The same
    # SQL as a filter a word while `field` is a column of the model (across a to-many relation
    # one filter would ask one related row to hold every word).
    words = fold(q).split()
    return qs.filter(*[word_match(field, word) for word in words]) if words else qs


def units_for_user(user, q: str | None = None) -> QuerySet:
    return search(units_in_scope(scope_shape(user, Unit, "id")).select_related("parent"), q)


def units_in_scope(shape: tuple) -> QuerySet:
    """The units a user of scope `shape` (`scope_shape(user, Unit, "id")`) sees: the same
    queryset for every user of that shape, so a statement compiled from it may be kept by it."""
    return restricted(Unit.objects.all(), shape, "id")


def people_for_user(user, q: str | None = None) -> QuerySet:
    return people_in_scope(scope_shape(user, Person), q)


def people_in_scope(shape: tuple, q: str | None = None) -> QuerySet:
    """`people_for_user` for a user of scope `shape` (accounts.domain.scope.scope_shape): the
    same queryset for every user of that shape, so a statement compiled from it may be kept by
    (shape, folded words)."""
    return search(restricted(Person.objects.select_related("unit"), shape), q)


def people_by_id_in_scope(shape: tuple, q: str) -> QuerySet:
    """`people_in_scope(shape, q)` with its words matched in an expression of the search text
    that no index serves: for a page read by its kept ids (core.interfaces.paging's `epoch`),
    whose ≤ 51 people are read by primary key and the words checked in each. Matched in the
    column, the prepared statement's generic plan intersected the ids with the trigram index's
    candidates ("hoang": 4,580 of them, 0.9 ms of the statement's 1.0)."""
    qs = restricted(Person.objects.select_related("unit"), shape)
    unindexed = Func(F("search_text"), template="(%(expressions)s || '')",
                     output_field=CharField())
    return search(qs.alias(search_unindexed=unindexed), q, field="search_unindexed")


def people_words_for_user(user, q: str) -> QuerySet | None:
    """`people_for_user(user, q)`'s matches in the narrow copy of the people's search columns
    (organisations.models.person_words: the same scope, the same words, the same ids), which a
    search's page sorts cheaper than the people's own rows; None where there is no copy (SQLite)."""
    return people_words_in_scope(scope_shape(user, Person), q)


def people_words_in_scope(shape: tuple, q: str) -> QuerySet | None:
    """`people_words_for_user` for a user of scope `shape` (the people's shape: the copy has the
    same unit and province columns); None also when a word has no letter or digit: pg_trgm
    makes no trigram of it, so the copy's index cannot narrow it and the copy is read whole
    (`<"&%_` for an officer: 16–19 ms, against 3 ms through the scope's units in the people)."""
    if connections[router.db_for_read(PersonWords)].vendor != "postgresql":
        return None
    if not all(any(c.isalnum() for c in word) for word in fold(q).split()):
        return None
    return search(restricted(PersonWords.objects.all(), shape), q)


def people_for_detail(user) -> QuerySet:
    """`people_for_user`, each with whether they head a household and hold an emulation-staff
    role: the person page lists those only when there are some, and most people have neither —
    two index probes in the person's query instead of two more queries (round trips and ORM
    compilation) on nearly every visit."""
    return people_for_user(user).annotate(
        heads_households=Exists(Household.objects.filter(head=OuterRef("pk"))),
        holds_staff_roles=Exists(EmulationStaff.objects.filter(person=OuterRef("pk"))))


def people_kept_by(user) -> QuerySet:
    """People whose records `user` keeps (the officers of their unit, the board, admins): the
    only people a form or an import may resolve by CCCD to attach to staff, households or
    awards. A number outside them must read as unknown, whoever holds it."""
    return restrict_to_scope(Person.objects.select_related("unit"), user,
                             roles=RECORD_KEEPING_ROLES)


def collectives_for_user(user, q: str | None = None) -> QuerySet:
    return collectives_in_scope(scope_shape(user, Collective), q)


def collectives_in_scope(shape: tuple, q: str | None = None) -> QuerySet:
    """`collectives_for_user` for a user of scope `shape` (accounts.domain.scope.scope_shape):
    the same queryset for every user of that shape, so its statement may be kept by (shape,
    folded words)."""
    return search(restricted(Collective.objects.select_related("unit"), shape), q)


def households_for_user(user, q: str | None = None) -> QuerySet:
    return search(restrict_to_scope(Household.objects.select_related("unit", "head"), user), q)


def clusters_for_user(user, q: str | None = None) -> QuerySet:
    return search(Cluster.objects.select_related("managing_unit"), q)


def staff_for_user(user) -> QuerySet:
    return restrict_to_scope(EmulationStaff.objects.select_related("person", "unit"), user,
                             roles=RECORD_KEEPING_ROLES)


def trainings_for_user(user) -> QuerySet:
    return restrict_to_scope(TrainingSession.objects.select_related("organiser"), user,
                             field="organiser", roles=RECORD_KEEPING_ROLES)
