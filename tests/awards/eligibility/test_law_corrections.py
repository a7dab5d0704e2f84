"""Corrections found by checking the engine against the articles (issue 16.2): each test names
the article it reads."""

import datetime

import pytest

from awards.eligibility.engine import RULES, evaluate
from awards.eligibility.laws import DEFAULT_PARAMETERS as P
from tests.awards.eligibility.builders import COLLECTIVE, PERSON, Subject, case, held, rated

D = datetime.date
HOUSEHOLD = Subject(kind="household")
OLD_LAW = "Luật TĐKT 2003 (sửa đổi 2013)"


@pytest.mark.parametrize(("rating", "eligible"), [("tot", False), ("xuat_sac", True)])
def test_hc_lao_dong_3_collective_needs_excellent_years_law_2022_art_44(rating, eligible):
    """Law 06/2022/QH15 Art. 44.2: a collective needs the Prime Minister's Bằng khen and then 5
    consecutive years of *excellent* completion ("hoàn thành xuất sắc"), not "good"."""
    verdict = evaluate(case("hc_lao_dong_3", 2025, subject=COLLECTIVE,
                            ratings=rated(rating, 2021, 2022, 2023, 2024, 2025),
                            awards=held("bang_khen_ttg", 2020)))
    assert verdict.eligible is eligible


@pytest.mark.parametrize(("award", "kind", "on", "citation"), [
    # Decree 98/2023 Art. 54 (titles) and Art. 56 (State honorary titles) for decisions from
    # 1/1/2024 to 30/6/2025; Decree 152/2025 Art. 50 and Art. 54 from 1/7/2025.
    ("cstd_co_so", "individual", D(2025, 2, 10), "Nghị định 98/2023/NĐ-CP, Điều 54"),
    ("anh_hung_lao_dong", "collective", D(2024, 9, 2), "Nghị định 98/2023/NĐ-CP, Điều 56"),
    ("cstd_co_so", "individual", D(2025, 7, 1), "Nghị định 152/2025/NĐ-CP, Điều 50"),
    ("bang_khen_tinh", "individual", D(2025, 7, 1), "Nghị định 152/2025/NĐ-CP, Điều 54"),
])
def test_coefficient_cites_its_own_decree_article(award, kind, on, citation):
    assert P.coefficient(award, kind, on).citation == citation


@pytest.mark.parametrize(("award", "coefficient"), [
    # Decree 98/2023 Art. 56: "nhân dân" titles 12.5 × base salary, "ưu tú" 9.0, Bà mẹ Việt Nam
    # anh hùng 15.5.
    ("nha_giao_nhan_dan", 12.5), ("thay_thuoc_uu_tu", 9.0), ("ba_me_vnah", 15.5)])
def test_decree_98_honorary_title_amounts_art_56(award, coefficient):
    reward = P.reward(award, "individual", D(2025, 3, 1))
    assert (reward["coefficient"], reward["amount_vnd"]) == (
        coefficient, -(-int(coefficient * 2_340_000) // 10_000) * 10_000)


def test_decree_98_period_has_its_own_bang_khen_row_not_decree_152s():
    """Decree 152/2025 Art. 54.1 raised a ministry/province Bằng khen to 1.5; the Decree 98
    period keeps its own (unverified) row."""
    before, after = (P.coefficient("bang_khen_tinh", "individual", on)
                     for on in (D(2025, 6, 30), D(2025, 7, 1)))
    assert (before.value, before.verified, after.value) == (1.0, False, 1.5)


@pytest.mark.parametrize(("on", "citation"), [
    (D(2023, 8, 1), "Nghị định 91/2017/NĐ-CP, Điều 68 khoản 2"),
    (D(2024, 8, 1), "Nghị định 98/2023/NĐ-CP, Điều 53"),
    (D(2025, 8, 1), "Nghị định 152/2025/NĐ-CP, Điều 49"),
])
def test_rounding_cites_each_decrees_own_article(on, citation):
    assert P.rounding(on).citation == citation


@pytest.mark.parametrize(("award", "subject", "year", "rule", "article"), [
    # Law 2003 (amended 2013): Bằng khen of a ministry/province Art. 72, of the Prime Minister
    # Art. 71, HC Lao động hạng Ba Art. 47 — not Law 06/2022's Art. 74/73/44.
    ("bang_khen_tinh", HOUSEHOLD, 2023, "bang_khen_tinh.household_contribution", "Điều 72"),
    ("bang_khen_tinh", HOUSEHOLD, 2024, "bang_khen_tinh.household_contribution",
     "Điều 74 khoản 5"),
])
def test_old_law_case_cites_the_old_laws_article(award, subject, year, rule, article):
    verdict = evaluate(case(award, year, subject=subject, framework_met=True))
    cited = {r.rule: r.citation for r in verdict.reasons}
    law = OLD_LAW if year < 2024 else "Luật TĐKT 2022"
    assert cited[rule] == f"{law}, {article}"


@pytest.mark.parametrize("award", sorted(RULES))
@pytest.mark.parametrize("subject", [PERSON, COLLECTIVE, HOUSEHOLD])
def test_every_rule_cites_an_article_of_the_law_that_governs_the_case(award, subject):
    """No rule cites a Law 06/2022 number under the old law's name: every article a rule cites
    for a 2023 case is mapped to the old law's numbering (else the lookup fails)."""
    verdict = evaluate(case(award, 2023, subject=subject, ratings=rated("xuat_sac", 2023)))
    assert all(not r.citation.startswith("Luật TĐKT 2022") for r in verdict.reasons)


def test_household_factor_not_applied_before_decree_152():
    """Decree 152/2025 Art. 54: a household gets 1.5 × the individual amount — a dated row in
    force from 1/7/2025; no household amount is computed before it."""
    assert P.coefficient("bang_khen_tinh", "household", D(2025, 6, 30)) is None
    after = P.coefficient("bang_khen_tinh", "household", D(2025, 7, 1))
    assert (after.value, after.citation) == (
        2.25, "Nghị định 152/2025/NĐ-CP, Điều 54; Nghị định 152/2025/NĐ-CP, Điều 54")


def test_base_salary_from_1_july_2026_cites_decree_161_2026():
    salary = P.base_salary(D(2026, 7, 1))
    assert (salary.value, salary.citation) == (2_530_000,
                                               "Nghị định 161/2026/NĐ-CP, Điều 3 khoản 2")
    assert P.base_salary(D(2026, 6, 30)).value == 2_340_000


def test_bang_khen_ttg_reading_of_art_73_1_b_is_a_switch_in_the_data():
    """Art. 73.1.b: "good" years after the diploma (legal reference §3.4) or "excellent" ones
    (§9, [P]) — the reading is a dated-data switch, so signing it off changes no code."""
    import dataclasses

    from awards.data.lawbook import law_rows
    from awards.eligibility.laws import LAW_2022, Parameters

    years = rated("tot", 2020, 2021, 2022, 2023, 2024, 2025)
    c = case("bang_khen_ttg", 2025, ratings=years,
             awards=held("bang_khen_tinh", 2019) + held("cstd_co_so", 2021, 2023, 2025))
    strict = [dataclasses.replace(row, value="xuat_sac", verified=True)
              if (row.key, row.valid_from) == ("bang_khen_ttg.rating_after_bang_khen_tinh",
                                               LAW_2022.in_force_from) else row
              for row in law_rows()]
    assert (evaluate(c).eligible, evaluate(c, Parameters(strict)).eligible) == (True, False)
