"""Permission-aware ledger queries."""

import operator
from functools import reduce

from django.db.models import Prefetch, Q, QuerySet

from accounts.domain.scope import restrict_to_scope
from awards.models import AwardRecord, TaskRating
from core.text import fold
from organisations.models import Collective, Household, Person


def records_for_user(user, q: str | None = None) -> QuerySet:
    """Award records in the user's scope (by the subject's unit when awarded, so records of
    merged units stay visible from their successor); diacritics-insensitive search on the
    subject's name and the decision number (its folded copy: "7/qd" finds "7/QĐ-UBND")."""
    qs = restrict_to_scope(AwardRecord.objects.select_related(
        "award_type", "person", "collective", "household__head", "unit", "issuer_unit"), user)
    words = fold(q).split()
    return qs.filter(reduce(operator.or_, _matching(words))) if words else qs


def search_parts(qs: QuerySet, q: str | None) -> list[QuerySet]:
    """`qs` (records_for_user without `q`, filtered) narrowed to `q`'s matches as parts whose
    union is `records_for_user(user, q)`'s rows: records of matching people, of collectives,
    of households, and those whose decision number holds a word. The ledger page estimates and
    fetches each on its own (`paginate_union`): as one OR, PostgreSQL estimated 898,824
    matches of "nguyen van" for the real 4,130 and walked 13,000 records to find 51."""
    words = fold(q).split()
    return [qs.filter(part) for part in _matching(words)] if words else [qs]


def _matching(words: list[str]) -> list[Q]:
    """Every word in the subject's name or in the decision number, as four conditions any of
    which a matching record meets.

    Written as: the subject holds every word itself, or the decision number holds one of them
    and each word is in one or the other (the same records). Subjects are matched in their own
    tables (trigram indexes on PostgreSQL), then records whose subject is among them, so the
    ledger is walked in its index order and never joined whole. The plain form — per word, the
    subjects holding that word — built and probed hashes of every "van" and every "nguyen" of
    the province (17,000 people) for each record walked: 176 ms on 100,000 people. Now the
    first test is one small hash (the few hundred "nguyen van"), and the per-word ones are
    built only if a decision number ever matches a word, which names do not.
    """
    every_word = [Q(person__in=_subjects(Person, words)),
                  Q(collective__in=_subjects(Collective, words)),
                  Q(household__in=_subjects(Household, words))]
    number_has_one = Q()
    each_word = Q()
    for word in words:
        number_has_one |= Q(decision_number_folded__contains=word)
        each_word &= (Q(decision_number_folded__contains=word)
                      | Q(person__in=_subjects(Person, [word]))
                      | Q(collective__in=_subjects(Collective, [word]))
                      | Q(household__in=_subjects(Household, [word])))
    return [*every_word, number_has_one & each_word]


def _subjects(model, words: list[str]) -> QuerySet:
    subjects = model.objects.all()
    for word in words:
        subjects = subjects.filter(search_text__contains=word)
    return subjects.values("pk")


# What the ledger page shows of a record (the exports and the API read more). Its subject is
# prefetched by `ledger_page`, not joined: with six left joins PostgreSQL spent 10–80 ms a
# request *planning* the page's query (reading it took under 1 ms).
LEDGER_PAGE_FIELDS = (
    "public_id", "year", "decision_number", "decision_date", "issuer", "revoked",
    "award_type__name", "person", "collective", "household", "unit__name", "source",
    "issuer_unit", "revoking_decision_number", "revoking_decision_date", "revoking_issuer")


def ledger_page(qs: QuerySet) -> QuerySet:
    """`qs` (from records_for_user) reduced to what one ledger page shows: two small joins
    (title, unit) and the subjects fetched by id, one query each for the page's people,
    collectives and households."""
    return (qs.select_related(None).select_related("award_type", "unit")
            .only(*LEDGER_PAGE_FIELDS)
            .prefetch_related(
                Prefetch("person", Person.objects.only("public_id", "full_name")),
                Prefetch("collective", Collective.objects.only("name")),
                Prefetch("household", Household.objects.select_related("head")
                         .only("head__full_name"))))


def filter_ledger(qs: QuerySet, params) -> QuerySet:
    """The ledger screen's filters (`award` code, `year`, `revoked` 0/1), shared by its exports."""
    if params.get("award"):
        qs = qs.filter(award_type__code=params["award"])
    if params.get("year", "").isdigit():
        qs = qs.filter(year=int(params["year"]))
    if params.get("revoked") in {"0", "1"}:
        qs = qs.filter(revoked=params["revoked"] == "1")
    return qs


def ratings_for_user(user) -> QuerySet:
    return restrict_to_scope(TaskRating.objects.select_related("person", "collective"), user)
