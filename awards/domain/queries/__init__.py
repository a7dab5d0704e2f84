"""Permission-aware ledger queries."""

from django.db.models import Q, QuerySet

from accounts.domain.scope import restrict_to_scope
from awards.models import AwardRecord, TaskRating
from core.text import fold


def records_for_user(user, q: str | None = None) -> QuerySet:
    """Award records in the user's scope (by the subject's unit when awarded, so records of
    merged units stay visible from their successor); diacritics-insensitive search on the
    subject's name and the decision number."""
    qs = restrict_to_scope(AwardRecord.objects.select_related(
        "award_type", "person", "collective", "household__head", "unit", "issuer_unit"), user)
    for word in fold(q).split():
        qs = qs.filter(Q(person__search_text__contains=word)
                       | Q(collective__search_text__contains=word)
                       | Q(household__search_text__contains=word)
                       | Q(decision_number__icontains=word))
    return qs


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
