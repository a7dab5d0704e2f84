"""Province-wide lists: who qualifies for an award in a year, and who will next year if their
current pattern continues. Histories are loaded in chunks (awards.domain.queries.cases); the
engine runs in memory."""

import dataclasses
from collections.abc import Iterable, Iterator

from awards.domain.queries.cases import cases_for_people
from awards.eligibility.engine import Verdict, evaluate, screen
from awards.eligibility.facts import Case, HeldAward, Rating
from awards.eligibility.laws import Parameters
from organisations.models import Person

# Titles a person is assumed to receive next year when they qualify for them (the forecast).
FEEDING_TITLES = ("ldtt", "cstd_co_so", "cstd_tinh")


def qualifying(people: Iterable[Person], award: str, year: int,
               params: Parameters) -> Iterator[tuple[Person, Verdict]]:
    for person, case in cases_for_people(people, [award], year):
        verdict = screen(case, params)
        if verdict is not None:
            yield person, verdict


def projected(case: Case, params: Parameters) -> Case:
    """The case one year on, assuming the person keeps this year's task rating and receives,
    this year and next, the feeding titles (LĐTT, CSTĐ cơ sở, CSTĐ tỉnh) they would qualify for
    (the screen states these assumptions)."""
    rating = next((r.rating for r in reversed(case.ratings) if r.year == case.year), None)
    future = dataclasses.replace(
        case, decision_date=None, history=None,
        ratings=case.ratings + ((Rating(case.year + 1, rating),) if rating else ()))
    for year in (case.year, case.year + 1):
        for title in FEEDING_TITLES:
            held = any(a.award == title and a.year == year and not a.revoked
                       for a in future.awards)
            trial = dataclasses.replace(future, award=title, year=year)
            if not held and evaluate(trial, params).eligible:
                future = dataclasses.replace(future, history=None,
                                             awards=future.awards + (HeldAward(title, year),))
    return dataclasses.replace(future, year=case.year + 1)


def forecast(people: Iterable[Person], award: str, year: int,
             params: Parameters) -> Iterator[tuple[Person, Verdict]]:
    """People not eligible for `award` in `year` who would be in `year + 1`."""
    for person, case in cases_for_people(people, [award], year):
        if screen(case, params) is not None:
            continue
        verdict = screen(projected(case, params), params)
        if verdict is not None:
            yield person, verdict
