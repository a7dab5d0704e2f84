"""Law versions as ordered, dated objects (issue 16 point 3): a rule asks for the law in force
on a date, and a third law added as data is refused by every rule until the rule is reviewed
for it — never silently judged by an older branch."""

import datetime
import inspect
import re

import pytest

from awards.eligibility import laws
from awards.eligibility.engine import RULES, UnhandledLaw, evaluate
from awards.eligibility.laws import LAW_2013, LAW_2022, LAWS, Law, law_for_year, law_in_force
from awards.eligibility.rules import collective_titles, individual_titles, merit_forms
from awards.eligibility.screening import Screener
from tests.awards.eligibility.builders import COLLECTIVE, case, members, rated

D = datetime.date
FICTITIOUS = Law("2030", "Luật Thi đua, khen thưởng (giả định)", "Luật TĐKT 2030",
                 D(2030, 1, 1), "Luật 99/2029/QH16 (giả định)")


@pytest.mark.parametrize(("year", "expected"), [
    (1998, LAW_2013),  # older than every law known: the first one
    (2013, LAW_2013),
    (2023, LAW_2013),
    (2024, LAW_2022),  # Law 06/2022/QH15 in force 1/1/2024
    (2031, LAW_2022),
])
def test_the_law_in_force_on_1_january_of_the_achievement_year_judges(year, expected):
    assert law_for_year(year) == expected


def test_law_versions_are_ordered_by_their_date_in_force():
    assert LAW_2013 < LAW_2022
    assert list(LAWS) == sorted(LAWS)
    assert law_in_force(D(2023, 12, 31)) == LAW_2013
    assert law_in_force(D(2024, 1, 1)) == LAW_2022


def test_every_rule_declares_exactly_the_registered_law_versions():
    undeclared = {code: sorted(law.code for law in set(LAWS) - getattr(rule, "laws", set()))
                  for code, rule in RULES.items()
                  if getattr(rule, "laws", None) != frozenset(LAWS)}
    assert undeclared == {}


def _case_for(award: str, year: int):
    subject_kind = "collective" if award in collective_titles.RULES else "individual"
    if subject_kind == "collective" and award != "gia_dinh_van_hoa":
        return case(award, year, subject=COLLECTIVE, ratings=rated("xuat_sac", year),
                    members=members())
    return case(award, year, ratings=rated("xuat_sac", *range(year - 6, year + 1)))


@pytest.mark.parametrize("award", sorted(RULES))
def test_a_third_law_added_as_data_is_refused_not_judged_by_an_older_branch(award, monkeypatch):
    monkeypatch.setattr(laws, "LAWS", (*LAWS, FICTITIOUS))
    assert law_for_year(2031) == FICTITIOUS
    with pytest.raises(UnhandledLaw):
        evaluate(_case_for(award, 2031))
    with pytest.raises(UnhandledLaw):
        Screener().screen(_case_for(award, 2031))
    # Cases of the years before it are judged as before.
    assert evaluate(_case_for(award, 2025)).law == LAW_2022.title


def test_rules_branch_on_versions_never_on_names():
    sources = "".join(inspect.getsource(m)
                      for m in (individual_titles, collective_titles, merit_forms))
    assert re.findall(r"law\.(?:code|key|title|short)\s*[=!]=", sources) == []
    assert re.findall(r"""==\s*["']20\d\d["']""", sources) == []
