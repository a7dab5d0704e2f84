"""Dated legal parameters: the numbers of the law, as data, each with its citation.

This module is the seed of the award catalogue (the database copy is what a province edits) and
the default parameter source of the eligibility engine's command-line interface. Rules live in
`awards/eligibility/rules/`; numbers live here. `verified=False` marks values the legal reference
tags UNVERIFIED or partly confirmed: they must be signed off by the business owner and can be
corrected in the catalogue without touching code.

Each entry: (key, value, valid_from, valid_to, citation, verified). Dates are decision dates
(money, procedure) or achievement-year starts (criteria), as the key's consumer says.
"""

import datetime

D = datetime.date
OPEN = None

# ---------------------------------------------------------------- law versions
# The laws on emulation and commendation, oldest first: (code, title, short name used in
# citations, in force from, citation of the in-force article). Criteria follow the law in force
# on 1 January of the achievement year; achievements older than the first law here are judged
# by it. The code only names the version in these data files (CRITERIA below is keyed by it);
# rules compare versions by date (awards/eligibility/laws.py), never by code.
LAWS = [
    ("2013", "Luật Thi đua, khen thưởng 2003 (sửa đổi, bổ sung 2013)",
     "Luật TĐKT 2003 (sửa đổi 2013)", D(2004, 7, 1),
     "Luật 15/2003/QH11 (hiệu lực 01/7/2004), sửa đổi bởi Luật 47/2005/QH11, "
     "32/2009/QH12, 39/2013/QH13"),
    ("2022", "Luật Thi đua, khen thưởng 06/2022/QH15", "Luật TĐKT 2022", D(2024, 1, 1),
     "Luật 06/2022/QH15 (hiệu lực 01/01/2024)"),
]

# ---------------------------------------------------------------- base salary (VND / month)
BASE_SALARY = [
    (1_390_000, D(2018, 7, 1), D(2019, 6, 30), "Nghị định 72/2018/NĐ-CP", True),
    (1_490_000, D(2019, 7, 1), D(2023, 6, 30), "Nghị định 38/2019/NĐ-CP", True),
    (1_800_000, D(2023, 7, 1), D(2024, 6, 30), "Nghị định 24/2023/NĐ-CP", True),
    (2_340_000, D(2024, 7, 1), D(2026, 6, 30), "Nghị định 73/2024/NĐ-CP", True),
    # Legal reference [P S18]: one copy of the text; confirm with finance.
    (2_530_000, D(2026, 7, 1), OPEN, "Nghị định 161/2026/NĐ-CP", False),
]

# ---------------------------------------------------------------- money rounding
# Decree 152/2025 Art. 49: the amount is rounded UP to the nearest ten thousand dong. Practice
# differs (702,000 vs 710,000 for 0.3 × 2,340,000), so the step and mode are dated data.
ROUNDING = [
    # (step_vnd, mode, valid_from, valid_to, citation, verified)
    (10_000, "ceil", D(2018, 1, 1), D(2023, 12, 31), "Nghị định 91/2017/NĐ-CP, Điều 70", False),
    (10_000, "ceil", D(2024, 1, 1), D(2025, 6, 30), "Nghị định 98/2023/NĐ-CP, Điều 55", False),
    (10_000, "ceil", D(2025, 7, 1), OPEN, "Nghị định 152/2025/NĐ-CP, Điều 49", True),
]

# ---------------------------------------------------------------- coefficients
# (award code) → (individual, collective or None, household or None). Household defaults to
# 1.5 × individual (Decree 152 Art. 49–54) where the table leaves it None.
_COEFFICIENTS_2025 = {
    "cstd_toan_quoc": (4.5, None), "cstd_tinh": (3.0, None), "cstd_co_so": (1.0, None),
    "ldtt": (0.3, None), "cstt": (0.3, None),
    "tt_ldxs": (None, 1.5), "don_vi_quyet_thang": (None, 1.5),
    "tt_ldtt": (None, 0.8), "don_vi_tien_tien": (None, 0.8),
    "xa_tieu_bieu": (None, 2.0), "thon_van_hoa": (None, 1.5),
    "co_thi_dua_cp": (None, 12.0), "co_thi_dua_tinh": (None, 8.0),
    "hc_sao_vang": (46.0, 92.0), "hc_ho_chi_minh": (30.5, 61.0),
    "hc_doc_lap_1": (15.0, 30.0), "hc_quan_cong_1": (15.0, 30.0),
    "hc_doc_lap_2": (12.5, 25.0), "hc_quan_cong_2": (12.5, 25.0),
    "hc_doc_lap_3": (10.5, 21.0), "hc_quan_cong_3": (10.5, 21.0),
    "hc_lao_dong_1": (9.0, 18.0), "hc_chien_cong_1": (9.0, 18.0),
    "hc_bao_ve_to_quoc_1": (9.0, 18.0),
    "hc_lao_dong_2": (7.5, 15.0), "hc_chien_cong_2": (7.5, 15.0),
    "hc_bao_ve_to_quoc_2": (7.5, 15.0), "hc_dai_doan_ket": (7.5, 15.0),
    "hc_lao_dong_3": (4.5, 9.0), "hc_chien_cong_3": (4.5, 9.0),
    "hc_bao_ve_to_quoc_3": (4.5, 9.0), "hc_dung_cam": (4.5, None),
    "bang_khen_ttg": (3.5, 7.0), "bang_khen_tinh": (1.5, 3.0), "giay_khen": (0.3, 0.6),
    "anh_hung_lao_dong": (15.5, 31.0), "anh_hung_llvtnd": (15.5, 31.0),
}
# Decree 91/2017 (decisions before 2024): the differences that matter to the covered awards.
# Bằng khen cấp bộ/tỉnh was 1.0 (individual) / 2.0 (collective) [P: secondary sources].
_COEFFICIENTS_2017 = _COEFFICIENTS_2025 | {"bang_khen_tinh": (1.0, 2.0)}

COEFFICIENTS = [
    # (table, valid_from, valid_to, citation, verified)
    (_COEFFICIENTS_2017, D(2018, 1, 1), D(2023, 12, 31), "Nghị định 91/2017/NĐ-CP, Điều 70–74",
     False),
    # Decree 98/2023 amounts were not re-verified separately; assumed equal to Decree 152 [U].
    (_COEFFICIENTS_2025, D(2024, 1, 1), D(2025, 6, 30), "Nghị định 98/2023/NĐ-CP, Điều 55–60",
     False),
    (_COEFFICIENTS_2025, D(2025, 7, 1), OPEN, "Nghị định 152/2025/NĐ-CP, Điều 50–54", True),
]
HOUSEHOLD_FACTOR = [(1.5, D(2018, 1, 1), OPEN, "Nghị định 152/2025/NĐ-CP, Điều 49", True)]

# ---------------------------------------------------------------- criteria numbers
# Keyed by law version ("2013": Law 2003 amended 2013 + Decree 91/2017, achievement years before
# 2024; "2022": Law 06/2022/QH15, from 2024). (value, citation, verified)
CRITERIA = {
    "2013": {
        "collective.ldtt_share_tt_ldtt": (0.5, "Luật TĐKT 2003 (sửa đổi 2013), Điều 28", True),
        "collective.ldtt_share_strictly_above": (True, "Luật TĐKT 2003 (sửa đổi 2013), Điều 28",
                                                 True),
        "collective.ldtt_share_tt_ldxs": (0.7, "Luật TĐKT 2003 (sửa đổi 2013), Điều 27", True),
        "cstd_co_so.cap_share_of_ldtt": (0.15, "Nghị định 91/2017/NĐ-CP, Điều 6", True),
        "ladder.cstd_co_so_for_cstd_tinh": (3, "Luật TĐKT 2003 (sửa đổi 2013), Điều 22", True),
        "ladder.cstd_tinh_for_toan_quoc": (2, "Luật TĐKT 2003 (sửa đổi 2013), Điều 21", True),
        "ladder.cstd_tinh_term_years": (3, "Luật TĐKT 2003 (sửa đổi 2013), Điều 21–22", False),
        "bang_khen_tinh.consecutive_years": (2, "Nghị định 91/2017/NĐ-CP, Điều 39", False),
        "bang_khen_tinh.initiatives": (2, "Nghị định 91/2017/NĐ-CP, Điều 39", False),
        "bang_khen_ttg.years_after_bang_khen_tinh": (5, "Nghị định 91/2017/NĐ-CP, Điều 38",
                                                     False),
        "bang_khen_ttg.initiatives": (5, "Nghị định 91/2017/NĐ-CP, Điều 38", False),
        "hc_lao_dong_3.years_after_bang_khen_ttg": (5, "Luật TĐKT 2003 (sửa đổi 2013), Điều 47",
                                                    False),
        "hc_lao_dong_3.initiatives": (5, "Luật TĐKT 2003 (sửa đổi 2013), Điều 47", False),
    },
    "2022": {
        "collective.ldtt_share_tt_ldtt": (0.7, "Luật TĐKT 2022, Điều 28", False),
        "collective.ldtt_share_strictly_above": (False, "Luật TĐKT 2022, Điều 28", False),
        "collective.ldtt_share_tt_ldxs": (0.7, "Luật TĐKT 2022, Điều 27", True),
        "ladder.cstd_co_so_for_cstd_tinh": (3, "Luật TĐKT 2022, Điều 22", True),
        "ladder.cstd_tinh_for_toan_quoc": (2, "Luật TĐKT 2022, Điều 21", True),
        "ladder.cstd_tinh_term_years": (3, "Luật TĐKT 2022, Điều 21–22", False),
        "bang_khen_tinh.consecutive_years": (2, "Luật TĐKT 2022, Điều 74", True),
        "bang_khen_tinh.initiatives": (2, "Luật TĐKT 2022, Điều 74", True),
        "bang_khen_ttg.years_after_bang_khen_tinh": (5, "Luật TĐKT 2022, Điều 73", True),
        "bang_khen_ttg.cstd_co_so_times": (3, "Luật TĐKT 2022, Điều 73", True),
        "hc_lao_dong_3.years_after_bang_khen_ttg": (5, "Luật TĐKT 2022, Điều 44", True),
        "hc_lao_dong_3.cstd_co_so_times": (3, "Luật TĐKT 2022, Điều 44", True),
        "hc_lao_dong_3.excellent_years": (1, "Luật TĐKT 2022, Điều 44", True),
    },
}

# ---------------------------------------------------------------- emulation registration
# Titles considered only for those who registered for them (đăng ký thi đua), by achievement
# year. Law 2003 (amended 2013) Art. 10.1.b names "registration to take part in emulation" as a
# basis for conferring emulation titles. The legal reference does not cover registration: both
# rows are UNVERIFIED [U] (the 2022 Law's wording on registration was not checked) and the
# business owner must confirm the list; a province corrects it here without touching the rules.
EMULATION_TITLES = frozenset({
    "ldtt", "cstt", "cstd_co_so", "cstd_tinh", "cstd_toan_quoc",
    "tt_ldtt", "don_vi_tien_tien", "tt_ldxs", "don_vi_quyet_thang",
    "co_thi_dua_tinh", "co_thi_dua_cp"})
REGISTRATION_REQUIRED = [
    # (award codes, valid_from, valid_to, citation, verified) — dates are achievement years
    (EMULATION_TITLES, D(2014, 1, 1), D(2023, 12, 31),
     "Luật TĐKT 2003 (sửa đổi 2013), Điều 10.1.b", False),
    (EMULATION_TITLES, D(2024, 1, 1), OPEN, "Luật TĐKT 2022 (đăng ký thi đua) [chưa xác minh]",
     False),
]
