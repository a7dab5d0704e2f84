"""Who may be ticked as a nominee: people, collectives or households in the user's scope,
found by a diacritics-free search of the name or citizen ID (the people list's search and
core.search's rule) or, for collectives without one, those of the proposing unit."""

from organisations.domain.queries import (
    collectives_for_user,
    households_for_user,
    people_for_user,
)
from organisations.models import UnitClosure

SUBJECT_QUERIES = {"individual": people_for_user, "collective": collectives_for_user,
                   "household": households_for_user}
SUBJECT_ARG = {"individual": "person", "collective": "collective", "household": "household"}
SHOWN = 60  # a page an officer can scan; a larger unit is searched by name
# Kinds found only by a search: a department holds 18,000 people and a commune thousands of
# households, whose first 60 by name nobody scrolls for (the officer types a CCCD or a
# name), and whose name order PostgreSQL read whole to sort them (21-43 ms a form, session
# 11 h4). A unit's collectives are few: listed to tick.
SEARCH_FIRST = frozenset({"individual", "household"})


def candidates(user, proposal, kind: str, q: str = "") -> list:
    """At most SHOWN subjects of `kind` in `user`'s scope: matching every folded word of `q`,
    or, with no `q`, none of a SEARCH_FIRST kind (no query) and the collectives of the
    proposing unit and its sub-units. Nominees already in the proposal carry
    `already = True`. Two queries, none before a search."""
    if not q.strip() and kind in SEARCH_FIRST:
        return []
    qs = SUBJECT_QUERIES[kind](user, q or None)
    if not q.strip():
        qs = qs.filter(unit__in=UnitClosure.objects.filter(ancestor=proposal.unit_id)
                       .values("descendant_id"))
    found = list(qs[:SHOWN])
    if not found:
        return found
    field = SUBJECT_ARG[kind]
    taken = set(proposal.nominees.exclude(status="dropped").order_by()  # no join for order
                .values_list(f"{field}_id", flat=True))
    for subject in found:
        subject.already = subject.pk in taken
    return found
