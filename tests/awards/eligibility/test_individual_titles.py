"""Individual titles, per rule and per law version (Law 06/2022 Art. 21–24; Law 2003/2013 and
Decree 91/2017 for years before 2024)."""

import datetime

import pytest

from awards.eligibility.engine import evaluate
from tests.awards.eligibility.builders import (
    Subject,
    case,
    held,
    initiative,
    penalty,
    research,
)


def failing(verdict):
    return [r.rule for r in verdict.reasons if not r.ok]


# ------------------------------------------------------------------ LĐTT (Art. 24)

@pytest.mark.parametrize(("rating", "eligible"), [
    ("xuat_sac", True), ("tot", True), ("hoan_thanh", False), ("khong_hoan_thanh", False)])
def test_ldtt_needs_good_rating_or_better(rating, eligible):
    verdict = evaluate(case("ldtt", 2024, ratings=[(2024, rating)]))
    assert verdict.eligible is eligible
    assert failing(verdict) == ([] if eligible else ["ldtt.rating"])


def test_ldtt_cites_article_24():
    verdict = evaluate(case("ldtt", 2024, ratings=[(2024, "tot")]))
    assert {r.rule: r.citation for r in verdict.reasons}["ldtt.rating"] == (
        "Luật TĐKT 2022, Điều 24")


def test_ldtt_is_not_for_armed_forces_who_get_cstt():
    soldier = Subject(kind="individual", armed_forces=True)
    assert failing(evaluate(case("ldtt", 2024, subject=soldier, ratings=[(2024, "tot")]))) == [
        "ldtt.armed_forces"]
    assert evaluate(case("cstt", 2024, subject=soldier, ratings=[(2024, "tot")])).eligible


def test_pending_matter_puts_award_on_hold():
    verdict = evaluate(case("ldtt", 2024, ratings=[(2024, "xuat_sac")], pending=["complaint"]))
    assert failing(verdict) == ["common.hold"]


@pytest.mark.parametrize(("start", "end", "eligible"), [
    (datetime.date(2023, 3, 1), datetime.date(2023, 9, 1), True),   # ended the year before
    (datetime.date(2024, 3, 1), datetime.date(2024, 9, 1), False),  # inside the year
    (datetime.date(2023, 6, 1), datetime.date(2024, 2, 1), False),  # ends inside the year
    (datetime.date(2024, 6, 1), None, False),                       # still running
    (datetime.date(2025, 1, 5), None, True),                        # starts after the year
])
def test_discipline_counts_achievements_only_after_penalty_ends(start, end, eligible):
    verdict = evaluate(case("ldtt", 2024, ratings=[(2024, "tot")],
                            discipline=[penalty(start, end)]))
    assert verdict.eligible is eligible


# ------------------------------------------------------------------ CSTĐ cơ sở (Art. 23)

def test_cstd_co_so_2022_excellent_rating_suffices_without_initiative():
    verdict = evaluate(case("cstd_co_so", 2024, ratings=[(2024, "xuat_sac")]))
    assert verdict.eligible
    assert verdict.initiatives_used == ()


def test_cstd_co_so_2022_initiative_instead_of_excellent_rating_is_used_once():
    verdict = evaluate(case("cstd_co_so", 2024, ratings=[(2024, "tot")],
                            initiatives=[initiative("SK-1", "co_so", 2024)]))
    assert verdict.eligible
    assert verdict.initiatives_used == ("SK-1",)


def test_cstd_co_so_2022_research_work_counts():
    verdict = evaluate(case("cstd_co_so", 2025, ratings=[(2025, "tot")],
                            research=[research("DT-7", "tinh", 2025)]))
    assert verdict.eligible
    assert verdict.initiatives_used == ("DT-7",)


def test_cstd_co_so_2022_neither_excellence_nor_initiative():
    verdict = evaluate(case("cstd_co_so", 2024, ratings=[(2024, "tot")]))
    assert failing(verdict) == ["cstd_co_so.excellence_or_initiative"]


def test_initiative_already_used_for_another_award_cannot_back_this_one():
    verdict = evaluate(case("cstd_co_so", 2024, ratings=[(2024, "tot")],
                            initiatives=[initiative("SK-1", "co_so", 2024, "giay_khen")]))
    assert failing(verdict) == ["cstd_co_so.excellence_or_initiative"]


def test_cstd_co_so_before_2024_initiative_was_mandatory():
    """Law 2003 (amended 2013) Art. 23: an excellent rating alone was not enough."""
    without = evaluate(case("cstd_co_so", 2023, ratings=[(2023, "xuat_sac")]))
    assert failing(without) == ["cstd_co_so.initiative"]
    assert without.law == "Luật Thi đua, khen thưởng 2003 (sửa đổi, bổ sung 2013)"
    with_one = evaluate(case("cstd_co_so", 2023, ratings=[(2023, "tot")],
                             initiatives=[initiative("SK-9", "co_so", 2023)]))
    assert with_one.eligible


@pytest.mark.parametrize(("ldtt", "proposed", "ok"), [(100, 15, True), (100, 16, False),
                                                      (20, 3, True), (20, 4, False)])
def test_cstd_co_so_before_2024_capped_at_15_percent_of_ldtt(ldtt, proposed, ok):
    """Decree 91/2017 Art. 6: CSTĐ cơ sở ≤ 15 % of the unit's LĐTT."""
    from awards.eligibility.facts import UnitQuota

    verdict = evaluate(case("cstd_co_so", 2023, ratings=[(2023, "tot")],
                            initiatives=[initiative("SK-9", "co_so", 2023)],
                            unit_quota=UnitQuota(ldtt, proposed)))
    assert verdict.eligible is ok


def test_no_cap_after_2024():
    from awards.eligibility.facts import UnitQuota

    verdict = evaluate(case("cstd_co_so", 2024, ratings=[(2024, "xuat_sac")],
                            unit_quota=UnitQuota(10, 9)))
    assert verdict.eligible


# ------------------------------------------------------------------ ladders (Art. 21–22)

LADDER_TABLE = [
    # cstd_co_so years held, expected eligibility for cstd_tinh in 2025, missing message part
    ((2023, 2024, 2025), True),
    ((2024, 2025), False),
    ((2022, 2023, 2025), False),  # gap in 2024
    ((2021, 2022, 2023), False),  # not ending in the assessed year
    ((2022, 2023, 2024, 2025), True),
]


@pytest.mark.parametrize(("years", "eligible"), LADDER_TABLE)
def test_cstd_tinh_needs_three_consecutive_cstd_co_so(years, eligible):
    verdict = evaluate(case("cstd_tinh", 2025, awards=held("cstd_co_so", *years),
                            initiatives=[initiative("SK-T", "tinh", 2024)]))
    assert verdict.eligible is eligible


def test_cstd_tinh_says_what_is_missing():
    verdict = evaluate(case("cstd_tinh", 2025, awards=held("cstd_co_so", 2024, 2025),
                            initiatives=[initiative("SK-T", "tinh", 2024)]))
    reason = next(r for r in verdict.reasons if r.rule == "cstd_tinh.ladder")
    assert reason.message == (
        "Needs 1 more consecutive year(s) of CSTĐ cơ sở (has 2 of 3 up to 2025).")


def test_cstd_tinh_needs_provincial_scope_initiative():
    verdict = evaluate(case("cstd_tinh", 2025, awards=held("cstd_co_so", 2023, 2024, 2025),
                            initiatives=[initiative("SK-C", "co_so", 2024)]))
    assert failing(verdict) == ["cstd_tinh.initiative_scope"]


def test_revoked_cstd_co_so_breaks_the_ladder():
    awards = held("cstd_co_so", 2023, 2025) + held("cstd_co_so", 2024, revoked=True)
    verdict = evaluate(case("cstd_tinh", 2025, awards=awards,
                            initiatives=[initiative("SK-T", "tinh", 2024)]))
    assert failing(verdict) == ["cstd_tinh.ladder"]


def test_thematic_and_ad_hoc_awards_do_not_feed_ladders():
    """Decree 152/2025 Art. 4.3."""
    awards = held("cstd_co_so", 2023, 2025) + held("cstd_co_so", 2024, kind="chuyen_de")
    verdict = evaluate(case("cstd_tinh", 2025, awards=awards,
                            initiatives=[initiative("SK-T", "tinh", 2024)]))
    assert failing(verdict) == ["cstd_tinh.ladder"]


def test_years_under_discipline_do_not_count_for_ladders():
    verdict = evaluate(case("cstd_tinh", 2025, awards=held("cstd_co_so", 2023, 2024, 2025),
                            initiatives=[initiative("SK-T", "tinh", 2024)],
                            discipline=[penalty(datetime.date(2023, 1, 10),
                                                datetime.date(2023, 7, 10))]))
    assert failing(verdict) == ["cstd_tinh.ladder"]


@pytest.mark.parametrize(("tinh_years", "eligible"), [
    ((2022, 2025), True), ((2025,), False), ((2021, 2025), False), ((2019, 2022), False)])
def test_cstd_toan_quoc_needs_two_consecutive_cstd_tinh(tinh_years, eligible):
    verdict = evaluate(case("cstd_toan_quoc", 2025, awards=held("cstd_tinh", *tinh_years),
                            initiatives=[initiative("SK-Q", "toan_quoc", 2025)]))
    assert verdict.eligible is eligible


def test_cstd_toan_quoc_needs_nationwide_scope():
    verdict = evaluate(case("cstd_toan_quoc", 2025, awards=held("cstd_tinh", 2022, 2025),
                            initiatives=[initiative("SK-T", "tinh", 2025)]))
    assert failing(verdict) == ["cstd_toan_quoc.initiative_scope"]


def test_initiative_already_used_for_the_same_award_cannot_back_it_again():
    """One initiative backs one award claim (seed 000 §5): an initiative that backed a CSTĐ cơ
    sở in an earlier year cannot back this year's."""
    verdict = evaluate(case("cstd_co_so", 2025, ratings=[(2025, "tot")],
                            initiatives=[initiative("SK-1", "co_so", 2024, "cstd_co_so")]))
    assert failing(verdict) == ["cstd_co_so.excellence_or_initiative"]
