"""A subject's achievement profile: what they hold, how they were rated, what they qualify for
this year and what is missing for the next step."""

from dataclasses import dataclass

from awards.domain.parameters import catalogue_parameters
from awards.domain.queries.cases import case_for, case_for_collective
from awards.domain.queries.standing import Standing, standings
from awards.eligibility.engine import Verdict, evaluate
from organisations.models import Collective, Person

COLLECTIVE_AWARDS = ["tt_ldtt", "tt_ldxs", "co_thi_dua_tinh", "giay_khen", "bang_khen_tinh",
                     "bang_khen_ttg", "hc_lao_dong_3"]
INDIVIDUAL_AWARDS = ["ldtt", "cstd_co_so", "cstd_tinh", "cstd_toan_quoc", "giay_khen",
                     "bang_khen_tinh", "bang_khen_ttg", "hc_lao_dong_3", "hc_lao_dong_2",
                     "hc_lao_dong_1"]


@dataclass
class ProfileLine:
    award: str
    name: str
    verdict: Verdict
    # Already held or in an open proposal for the year: shown instead of "qualifies".
    standing: Standing | None = None


def eligibility_overview(person: Person, year: int, names: dict[str, str]) -> list[ProfileLine]:
    """Evaluate every individual award the engine covers for `year` (armed-forces members get
    CSTT instead of LĐTT — not modelled on Person yet, so LĐTT is shown)."""
    params = catalogue_parameters()
    found = standings("person", [person.pk], INDIVIDUAL_AWARDS, year)
    return [ProfileLine(code, names.get(code, code),
                        evaluate(case_for(person, code, year), params),
                        found.get((person.pk, code)))
            for code in INDIVIDUAL_AWARDS]


def collective_overview(collective: Collective, year: int,
                        names: dict[str, str]) -> list[ProfileLine]:
    params = catalogue_parameters()
    found = standings("collective", [collective.pk], COLLECTIVE_AWARDS, year)
    return [ProfileLine(code, names.get(code, code),
                        evaluate(case_for_collective(collective, code, year), params),
                        found.get((collective.pk, code)))
            for code in COLLECTIVE_AWARDS]
