"""Bà mẹ Việt Nam anh hùng criteria and the many-martyrs tiers, table-driven; each row cites
the clause it tests (Pháp lệnh 1994, Điều 2 as replaced by Pháp lệnh 05/2012/UBTVQH13)."""

import dataclasses
import datetime

import pytest

from claims.domain.criteria import Member, heroic_mother, martyr_family

ON = datetime.date(2026, 6, 1)
CHILD_MARTYR = Member("child", "martyr")
HUSBAND_MARTYR = Member("husband", "martyr")
SELF_MARTYR = Member("self", "martyr")

MOTHER_ROWS = [
    # (clause tested, members, children, eligible, clause cited)
    ("Điều 2 khoản 1: two martyr children", [CHILD_MARTYR, CHILD_MARTYR], 5, True,
     "Điều 2 khoản 1"),
    ("Điều 2 khoản 1: one martyr child of five is not enough", [CHILD_MARTYR], 5, False,
     "Điều 2"),
    ("Điều 2 khoản 2: two children, a martyr and an invalid at 81%",
     [CHILD_MARTYR, Member("child", "invalid", 81)], 2, True, "Điều 2 khoản 2"),
    ("Điều 2 khoản 2: the invalid at 80% does not count",
     [CHILD_MARTYR, Member("child", "invalid", 80)], 2, False, "Điều 2"),
    ("Điều 2 khoản 2: a third child rules it out",
     [CHILD_MARTYR, Member("child", "invalid", 90)], 3, False, "Điều 2"),
    ("Điều 2 khoản 3: the only child is a martyr", [CHILD_MARTYR], 1, True, "Điều 2 khoản 3"),
    ("Điều 2 khoản 4: a martyr child and a martyr husband", [CHILD_MARTYR, HUSBAND_MARTYR], 4,
     True, "Điều 2 khoản 4"),
    ("Điều 2 khoản 4: a martyr child and the mother herself a martyr",
     [CHILD_MARTYR, SELF_MARTYR], 4, True, "Điều 2 khoản 4"),
    ("Điều 2 khoản 4: a martyr husband alone is not enough", [HUSBAND_MARTYR], 3, False,
     "Điều 2"),
    ("Điều 2 khoản 5: a martyr child and the mother an invalid at 81%",
     [CHILD_MARTYR, Member("self", "invalid", 81)], 4, True, "Điều 2 khoản 5"),
    ("Điều 2 khoản 5: the mother an invalid at 61% does not count",
     [CHILD_MARTYR, Member("self", "invalid", 61)], 4, False, "Điều 2"),
    ("Điều 2: no martyr at all", [], 2, False, "Điều 2"),
]


@pytest.mark.parametrize(("case", "members", "children", "eligible", "clause"), MOTHER_ROWS,
                         ids=[row[0] for row in MOTHER_ROWS])
def test_heroic_mother_criteria(case, members, children, eligible, clause):
    verdict = heroic_mother(members, children, ON)
    assert (verdict.eligible, verdict.citation.endswith(clause)) == (eligible, True)
    assert verdict.citation.startswith("Pháp lệnh Bà mẹ Việt Nam anh hùng")
    # Our legal reference lacks the Ordinance's text: the numbers stay marked unverified.
    assert verdict.verified is False


def test_heroic_mother_numbers_are_dated():
    with pytest.raises(LookupError):
        heroic_mother([CHILD_MARTYR, CHILD_MARTYR], 2, datetime.date(2012, 12, 31))


FAMILY_ROWS = [
    # (tier tested, members, children, award)
    ("Mục III.III: spouse and four children", [HUSBAND_MARTYR] + [CHILD_MARTYR] * 4, 6,
     "hc_doc_lap_1"),
    ("Mục III.III: five children", [CHILD_MARTYR] * 5, 7, "hc_doc_lap_1"),
    ("Mục III.II: spouse and three children", [HUSBAND_MARTYR] + [CHILD_MARTYR] * 3, 5,
     "hc_doc_lap_2"),
    ("Mục III.II: four children", [CHILD_MARTYR] * 4, 6, "hc_doc_lap_2"),
    ("Mục III.I: spouse and two children", [HUSBAND_MARTYR] + [CHILD_MARTYR] * 2, 4,
     "hc_doc_lap_3"),
    ("Mục III.I: three children", [CHILD_MARTYR] * 3, 4, "hc_doc_lap_3"),
    ("Mục III.I: the only child", [CHILD_MARTYR], 1, "hc_doc_lap_3"),
    ("Mục III: two children without the spouse", [CHILD_MARTYR] * 2, 4, ""),
]


@pytest.mark.parametrize(("case", "members", "children", "award"), FAMILY_ROWS,
                         ids=[row[0] for row in FAMILY_ROWS])
def test_martyr_family_tiers(case, members, children, award):
    verdict = martyr_family(members, children)
    assert (verdict.eligible, verdict.award, verdict.verified) == (bool(award), award, False)
    assert verdict.citation.startswith("Thông tư 44/TBXH-VHC")


def test_the_numbers_are_read_from_the_law_rows_a_correction_applies():
    """The criteria numbers are dated rows of the law's home (awards/data/procedure.py): a
    province's correction of the row (here three martyr children) changes the verdict."""
    from awards.data.lawbook import law_rows
    from awards.eligibility.laws import Parameters

    rows = [dataclasses.replace(r, value=3) if r.key == "claims.heroic_mother.martyr_children"
            else r for r in law_rows()]
    corrected = heroic_mother([CHILD_MARTYR, CHILD_MARTYR], 5, ON, Parameters(rows))
    assert (heroic_mother([CHILD_MARTYR, CHILD_MARTYR], 5, ON).eligible,
            corrected.eligible) == (True, False)
