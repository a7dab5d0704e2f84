"""Who may be ticked as a nominee: people, collectives or households in the user's scope,
found by a diacritics-free name search or, without one, those of the proposing unit."""

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


def candidates(user, proposal, kind: str, q: str = "") -> list:
    """At most SHOWN subjects of `kind` in `user`'s scope: matching every folded word of `q`,
    or, with no `q`, those of the proposing unit and its sub-units. Nominees already in the
    proposal carry `already = True`. Two queries."""
    qs = SUBJECT_QUERIES[kind](user, q or None)
    if not q.strip():
        qs = qs.filter(unit__in=UnitClosure.objects.filter(ancestor=proposal.unit_id)
                       .values("descendant_id"))
    found = list(qs[:SHOWN])
    field = SUBJECT_ARG[kind]
    taken = set(proposal.nominees.exclude(status="dropped")
                .values_list(f"{field}_id", flat=True))
    for subject in found:
        subject.already = subject.pk in taken
    return found
