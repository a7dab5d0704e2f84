"""A person's history for the "who qualifies" tests: awards and task ratings recorded through
the ledger's own functions, as an officer would enter them."""

import datetime

from awards.domain import ledger
from awards.models import AwardType
from tests.factories import PersonFactory


def award(person, code: str, year: int) -> None:
    ledger.record_award(None, award_type=AwardType.objects.get(code=code), year=year,
                        decision_number=f"{person.pk}-{code}-{year}/QĐ-UBND",
                        decision_date=datetime.date(year + 1, 1, 20), issuer="UBND tỉnh",
                        person=person)


def rated(unit, name: str, ratings: dict):
    """A new person of `unit` named `name`, rated {year: rating}."""
    person = PersonFactory(unit=unit, full_name=name)
    for year, rating in ratings.items():
        ledger.set_rating(None, person=person, year=year, rating=rating)
    return person
