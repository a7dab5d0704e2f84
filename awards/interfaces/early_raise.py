"""The early-raise list as the page and the API ask for it: the people of the user's scope,
narrowed to a unit (`unit` code) or a person (`person` public id) — each resolved within the
scope, 404 outside it — over the period (awards.domain.early_raise)."""

import datetime

from django.utils import timezone

from awards.domain.early_raise import EarlyRaiseList, early_raise_list, period
from awards.domain.parameters import catalogue_parameters
from core.interfaces.guards import get_in
from organisations.domain.queries import people_for_user, units_for_user


def early_raise_for(user, *, unit: str = "", person: str = "",
                    start: datetime.date | None = None, end: datetime.date | None = None
                    ) -> tuple[EarlyRaiseList, object, object]:
    """(the list, the unit, the person) for `user`; `unit`/`person` None when not asked."""
    people = people_for_user(user)
    unit_obj = person_obj = None
    if unit:
        unit_obj = get_in(units_for_user(user), code=unit)
        people = people.filter(unit=unit_obj)
    if person:
        person_obj = get_in(people, public_id=person)
        people = people.filter(pk=person_obj.pk)
    start, end = period(start, end, timezone.localdate())
    return early_raise_list(people, start, end, catalogue_parameters()), unit_obj, person_obj
