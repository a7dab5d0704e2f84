"""Claims a user may read: those of the communes in their scope, for the roles that handle
claims (unit officers over the commune) and the board. Personal data (family, martyrs) is in
these claims, so no other role sees them (issue 19 point 6)."""

from django.db.models import QuerySet

from accounts.domain import scope
from claims.models import Claim
from core.search import word_match
from core.text import fold

HANDLERS = ("system_admin", "board_staff", "unit_officer")


def claims_for_user(user, q: str = "") -> QuerySet:
    qs = scope.restrict_to_scope(Claim.objects.select_related("unit"), user, roles=HANDLERS)
    for word in fold(q).split():
        qs = qs.filter(word_match("search_text", word))
    return qs
