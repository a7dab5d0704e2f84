"""Every form and track a province grants or proposes (issue 16.1): one table per form, each
row naming the article (Law 06/2022/QH15 unless the year says otherwise) of the track it
exercises."""

import datetime

import pytest

from awards.eligibility.engine import MANUAL, RULES, evaluate
from awards.eligibility.facts import FlagQuota
from awards.eligibility.laws import DEFAULT_PARAMETERS as P
from tests.awards.eligibility.builders import (
    COLLECTIVE,
    PERSON,
    Subject,
    case,
    held,
    initiative,
    rated,
)

D = datetime.date
HOUSEHOLD = Subject(kind="household")
WORKER = Subject(kind="individual", is_direct_worker=True)
SOLDIER = Subject(kind="individual", armed_forces=True)


def recorded(*codes):
    return {"achievements": frozenset(codes)}


def met_by(verdict):
    """The rule ids of the conditions a met verdict rests on (the track that was met)."""
    return [r.rule for r in verdict.reasons if r.ok]


# ------------------------------------------------------------------ Bằng khen cấp bộ/tỉnh

BANG_KHEN_TINH = [
    # article, subject, facts, eligible
    ("Art. 74.1.d", PERSON, {"awards": held("cstd_co_so", 2024, 2025)}, True),
    ("Art. 74.1.a", PERSON, recorded("bang_khen_tinh.a"), True),
    ("Art. 74.1.b", PERSON, recorded("bang_khen_tinh.b"), True),
    ("Art. 74.1.c", PERSON, recorded("bang_khen_tinh.c"), True),
    ("Art. 74.1.đ", PERSON, recorded("bang_khen_tinh.dd"), True),
    ("Art. 74.2 (worker)", WORKER, recorded("bang_khen_tinh.worker"), True),
    ("Art. 74.2 is for workers", PERSON, recorded("bang_khen_tinh.worker"), False),
    ("Art. 74.3 (entrepreneur)", PERSON, recorded("bang_khen_tinh.entrepreneur"), True),
    ("Art. 74.4 (2 excellent years)", COLLECTIVE, {"ratings": rated("xuat_sac", 2024, 2025)},
     True),
    ("Art. 74.4.a", COLLECTIVE, recorded("bang_khen_tinh.collective_a"), True),
    ("Art. 74.4.b", COLLECTIVE, recorded("bang_khen_tinh.collective_b"), True),
    ("Art. 74.4: an individual's track", COLLECTIVE, recorded("bang_khen_tinh.a"), False),
    ("Art. 74.5 (household)", HOUSEHOLD, {"framework_met": True}, True),
    ("nothing recorded", PERSON, {}, False),
]


@pytest.mark.parametrize(("article", "subject", "facts", "eligible"), BANG_KHEN_TINH)
def test_bang_khen_tinh_tracks(article, subject, facts, eligible):
    assert evaluate(case("bang_khen_tinh", 2025, subject=subject, **facts)).eligible is eligible


def test_a_met_track_keeps_its_own_reasons_and_point():
    verdict = evaluate(case("bang_khen_tinh", 2025, **recorded("bang_khen_tinh.a")))
    reason = verdict.reasons[-1]
    assert (reason.rule, reason.citation) == ("bang_khen_tinh.a",
                                              "Luật TĐKT 2022, Điều 74 khoản 1 điểm a")


def test_no_track_met_lists_every_tracks_missing_condition():
    verdict = evaluate(case("bang_khen_tinh", 2025, subject=COLLECTIVE,
                            ratings=rated("xuat_sac", 2025)))
    assert [(r.rule, r.citation) for r in verdict.reasons if not r.ok] == [
        ("bang_khen_tinh.excellent_years", "Luật TĐKT 2022, Điều 74"),
        ("bang_khen_tinh.collective_a", "Luật TĐKT 2022, Điều 74 khoản 4 điểm a"),
        ("bang_khen_tinh.collective_b", "Luật TĐKT 2022, Điều 74 khoản 4 điểm b")]


# ------------------------------------------------------------------ Bằng khen của Thủ tướng

TTG_B = {"awards": held("bang_khen_tinh", 2019) + held("cstd_co_so", 2021, 2023, 2025),
         "ratings": rated("tot", 2020, 2021, 2022, 2023, 2024, 2025)}
BANG_KHEN_TTG = [
    ("Art. 73.1.b", PERSON, TTG_B, True),
    ("Art. 73.1.a", PERSON, recorded("bang_khen_ttg.a"), True),
    ("Art. 73.1.c", PERSON, recorded("bang_khen_ttg.c"), True),
    ("Art. 73.2 (worker, farmer)", WORKER, recorded("bang_khen_ttg.worker"), True),
    ("Art. 73.3 (entrepreneur)", PERSON, recorded("bang_khen_ttg.entrepreneur"), True),
    ("Art. 73.4 (household)", HOUSEHOLD, recorded("bang_khen_ttg.household"), True),
    ("Art. 73.4 not recorded", HOUSEHOLD, {"framework_met": True}, False),
    ("Art. 73.5.b (diploma, 5 excellent years)", COLLECTIVE,
     {"awards": held("bang_khen_tinh", 2020), "ratings": rated("xuat_sac", *range(2021, 2026))},
     True),
    ("Art. 73.5.b needs excellent, not good", COLLECTIVE,
     {"awards": held("bang_khen_tinh", 2020), "ratings": rated("tot", *range(2021, 2026))},
     False),
    ("Art. 73.5.a", COLLECTIVE, recorded("bang_khen_ttg.collective_a"), True),
    ("Art. 73.5.c", COLLECTIVE, recorded("bang_khen_ttg.collective_c"), True),
]


@pytest.mark.parametrize(("article", "subject", "facts", "eligible"), BANG_KHEN_TTG)
def test_bang_khen_ttg_tracks(article, subject, facts, eligible):
    assert evaluate(case("bang_khen_ttg", 2025, subject=subject, **facts)).eligible is eligible


# ------------------------------------------------------------------ Huân chương Lao động

def _after(lower, base, level="xuat_sac", years=5, **extra):
    return {"awards": held(lower, base),
            "ratings": rated(level, *range(base + 1, base + 1 + years)), **extra}


HC_LAO_DONG = [
    # award, article, subject, facts, eligible
    ("hc_lao_dong_3", "Art. 44.1.a (career)", PERSON, recorded("hc_lao_dong_3.career"), True),
    ("hc_lao_dong_3", "Art. 44.1.b–đ", PERSON, recorded("hc_lao_dong_3.other"), True),
    ("hc_lao_dong_3", "Art. 44.2.a", COLLECTIVE, _after("bang_khen_ttg", 2020), True),
    ("hc_lao_dong_3", "Art. 44.2.b", COLLECTIVE, recorded("hc_lao_dong_3.collective_other"),
     True),
    ("hc_lao_dong_2", "Art. 43.1 (ladder)", PERSON, _after(
        "hc_lao_dong_3", 2020, initiatives=[initiative("T1", "tinh", 2022),
                                            initiative("T2", "tinh", 2024)]), True),
    ("hc_lao_dong_2", "Art. 43.1: initiatives of provincial scope", PERSON, _after(
        "hc_lao_dong_3", 2020, initiatives=[initiative("T1", "tinh", 2022),
                                            initiative("C1", "co_so", 2024)]), False),
    ("hc_lao_dong_2", "Art. 43.1: five years after hạng Ba", PERSON, _after(
        "hc_lao_dong_3", 2021, years=4, initiatives=[initiative("T1", "tinh", 2022),
                                                     initiative("T2", "tinh", 2024)]), False),
    ("hc_lao_dong_2", "Art. 43.1 (career)", PERSON, recorded("hc_lao_dong_2.career"), True),
    ("hc_lao_dong_2", "Art. 43.2 (collective ladder)", COLLECTIVE,
     _after("hc_lao_dong_3", 2020), True),
    ("hc_lao_dong_2", "Art. 43.2 needs hạng Ba", COLLECTIVE, _after("bang_khen_ttg", 2020),
     False),
    ("hc_lao_dong_1", "Art. 42.1 (ladder)", PERSON, _after(
        "hc_lao_dong_2", 2020, initiatives=[initiative(f"T{i}", "tinh", 2021 + i)
                                            for i in range(3)]), True),
    ("hc_lao_dong_1", "Art. 42.1 (career)", PERSON, recorded("hc_lao_dong_1.career"), True),
    ("hc_lao_dong_1", "Art. 42.2 (collective ladder)", COLLECTIVE,
     _after("hc_lao_dong_2", 2020), True),
    ("hc_lao_dong_1", "Art. 42.2 (collective, other)", COLLECTIVE,
     recorded("hc_lao_dong_1.collective_other"), True),
    ("hc_lao_dong_1", "households are not awarded orders", HOUSEHOLD,
     recorded("hc_lao_dong_1.career"), False),
]


@pytest.mark.parametrize(("award", "article", "subject", "facts", "eligible"), HC_LAO_DONG)
def test_labour_order_tracks(award, article, subject, facts, eligible):
    assert evaluate(case(award, 2025, subject=subject, **facts)).eligible is eligible


def test_labour_order_second_class_uses_its_initiatives_once():
    verdict = evaluate(case("hc_lao_dong_2", 2025, **_after(
        "hc_lao_dong_3", 2020, initiatives=[initiative("T1", "tinh", 2022),
                                            initiative("T2", "tinh", 2024),
                                            initiative("T3", "tinh", 2019)])))
    assert verdict.initiatives_used == ("T1", "T2")


def test_labour_order_old_law_cites_the_old_article():
    """Law 2003 (amended 2013) Art. 46 for hạng Nhì, not Law 06/2022's Art. 43."""
    verdict = evaluate(case("hc_lao_dong_2", 2023, **recorded("hc_lao_dong_2.career")))
    assert verdict.reasons[-1].citation == "Luật TĐKT 2003 (sửa đổi 2013), Điều 46"


# ------------------------------------------------------------------ emulation flags

FLAGS = [
    ("co_thi_dua_cp", "Art. 25.1 (leading its cluster)", {"cluster_leading": True}, True),
    ("co_thi_dua_cp", "Art. 25.2 (Central cluster)", recorded("co_thi_dua_cp.central_cluster"),
     True),
    ("co_thi_dua_cp", "Art. 25.3 (PM movement ≥ 5 years)", recorded("co_thi_dua_cp.movement"),
     True),
    ("co_thi_dua_cp", "CV 5007: at most 20 % of the leaders",
     {"cluster_leading": True, "flag_quota": FlagQuota(10, 3)}, False),
    ("co_thi_dua_cp", "CV 5007: within the cap",
     {"cluster_leading": True, "flag_quota": FlagQuota(10, 2)}, True),
    ("co_thi_dua_tinh", "Art. 26.1 (leading its cluster)", {"cluster_leading": True}, True),
    ("co_thi_dua_tinh", "Art. 26.2 (thematic movement ≥ 3 years)",
     recorded("co_thi_dua_tinh.thematic"), True),
    ("co_thi_dua_tinh", "not the Government's track", recorded("co_thi_dua_cp.movement"), False),
]


@pytest.mark.parametrize(("award", "article", "facts", "eligible"), FLAGS)
def test_emulation_flag_tracks(award, article, facts, eligible):
    verdict = evaluate(case(award, 2025, subject=COLLECTIVE, ratings=rated("xuat_sac", 2025),
                            **facts))
    assert verdict.eligible is eligible


def test_flag_cap_names_its_figures():
    verdict = evaluate(case("co_thi_dua_cp", 2025, subject=COLLECTIVE, cluster_leading=True,
                            ratings=rated("xuat_sac", 2025), flag_quota=FlagQuota(10, 3)))
    cap = [r for r in verdict.reasons if r.rule == "co_thi_dua_cp.cap"][0]
    assert (str(cap.message), cap.citation) == (
        "The cluster proposes 3 Cờ thi đua của Chính phủ; the cap is 2 (20% of 10 leading "
        "units).", "Công văn 5007/BNV-TĐKT năm 2023")


# ------------------------------------------------------------------ armed forces

ARMED_FORCES = [
    # Law 2022 Art. 23: CSTĐ cơ sở for the armed forces — Chiến sĩ tiên tiến and resourcefulness
    # in combat (recorded) in place of the excellent rating or the initiative.
    ("cstd_co_so", SOLDIER, {"ratings": rated("tot", 2025), **recorded("cstd_co_so.combat")},
     True),
    ("cstd_co_so", PERSON, {"ratings": rated("tot", 2025), **recorded("cstd_co_so.combat")},
     False),
    ("cstd_co_so", SOLDIER, {"ratings": rated("tot", 2025)}, False),
    ("cstd_co_so", SOLDIER, {"ratings": rated("xuat_sac", 2025)}, True),
    # Art. 22: combat creativity with army- or police-wide scope stands for the initiative.
    ("cstd_tinh", SOLDIER, {"awards": held("cstd_co_so", 2023, 2024, 2025),
                            **recorded("cstd_tinh.combat")}, True),
    ("cstd_tinh", SOLDIER, {"awards": held("cstd_co_so", 2023, 2024, 2025)}, False),
]


@pytest.mark.parametrize(("award", "subject", "facts", "eligible"), ARMED_FORCES)
def test_armed_forces_emulation_fighter(award, subject, facts, eligible):
    assert evaluate(case(award, 2025, subject=subject, **facts)).eligible is eligible


# ------------------------------------------------------------------ Giấy khen by issuer

GIAY_KHEN_MONEY = [
    # award, subject, decision date, coefficient, amount — Decree 91/2017 Art. 73.1: the commune
    # chairman's Giấy khen 0.15 × base salary, twice that for a collective.
    ("giay_khen_xa", "individual", D(2023, 8, 1), 0.15, 270_000),
    ("giay_khen_xa", "collective", D(2023, 8, 1), 0.3, 540_000),
    ("giay_khen", "individual", D(2023, 8, 1), 0.3, 540_000),
    ("giay_khen_doanh_nghiep", "collective", D(2025, 8, 1), 0.6, 1_410_000),
    ("giay_khen_xa", "household", D(2025, 8, 1), 0.225, 530_000),
]


@pytest.mark.parametrize(("award", "kind", "on", "coefficient", "amount"), GIAY_KHEN_MONEY)
def test_giay_khen_money_by_issuer(award, kind, on, coefficient, amount):
    reward = P.reward(award, kind, on)
    assert (reward["coefficient"], reward["amount_vnd"]) == (coefficient, amount)


@pytest.mark.parametrize("award", ["giay_khen_xa", "giay_khen_doanh_nghiep"])
def test_giay_khen_by_issuer_is_judged_like_giay_khen(award):
    """Law 2022 Art. 75."""
    assert evaluate(case(award, 2025, ratings=rated("tot", 2025))).eligible is True
    assert evaluate(case(award, 2025, ratings=rated("hoan_thanh", 2025))).eligible is False


# ------------------------------------------------------------------ appraised by hand

def test_every_catalogue_form_gets_an_answer_never_an_error():
    from awards.data.catalogue import CODES

    assert RULES.keys() | MANUAL.keys() >= CODES


@pytest.mark.parametrize(("award", "year", "citation"), [
    ("nha_giao_uu_tu", 2025, "Luật TĐKT 2022, Điều 59"),
    ("ba_me_vnah", 2025, "Luật TĐKT 2022, Điều 59"),
    ("khen_thuong_khang_chien", 2025, "Luật TĐKT 2022, Điều 94"),
    ("ky_niem_chuong", 2025, "Luật TĐKT 2022, Điều 72"),
    ("hc_doc_lap_3", 2023, "Luật TĐKT 2003 (sửa đổi 2013)"),  # the old number is not known
])
def test_forms_not_judged_from_records_answer_appraise_by_hand(award, year, citation):
    verdict = evaluate(case(award, year))
    assert (verdict.eligible, [(r.rule, r.ok, r.citation) for r in verdict.reasons]) == (
        None, [(f"{award}.manual", True, citation)])
    assert str(verdict.reasons[0].message) == (
        f"Not checked automatically — appraise by hand against {citation}.")
