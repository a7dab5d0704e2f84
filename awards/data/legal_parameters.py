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
    # Decree 161/2026/NĐ-CP of 15/5/2026, Art. 3.2 (repeals Decree 73/2024): several secondary
    # sources agree [P→C pending the official text]; confirm with finance.
    (2_530_000, D(2026, 7, 1), OPEN, "Nghị định 161/2026/NĐ-CP, Điều 3 khoản 2", False),
]

# ---------------------------------------------------------------- money rounding
# Each decree rounds the amount UP to the next ten thousand dong: Decree 91/2017 Art. 68.2 [P],
# Decree 98/2023 in its general article on reward money (Art. 53 by the numbering that puts
# titles in Art. 54 and honorary titles in Art. 56 [U]), Decree 152/2025 Art. 49 [C]. Practice
# differs (702,000 vs 710,000 for 0.3 × 2,340,000), so the step and mode are dated data.
ROUNDING = [
    # (step_vnd, mode, valid_from, valid_to, citation, verified)
    (10_000, "ceil", D(2018, 1, 1), D(2023, 12, 31), "Nghị định 91/2017/NĐ-CP, Điều 68 khoản 2",
     False),
    (10_000, "ceil", D(2024, 1, 1), D(2025, 6, 30), "Nghị định 98/2023/NĐ-CP, Điều 53", False),
    (10_000, "ceil", D(2025, 7, 1), OPEN, "Nghị định 152/2025/NĐ-CP, Điều 49", True),
]

# ---------------------------------------------------------------- coefficients
# (award code) → (individual, collective or None) × base salary. Each decree's table is split
# by the article that sets it, so a reward cites the right article: several rows may be in
# force on one date; an award appears in one of them. Households: individual × the household
# factor in force (below), none before Decree 152/2025.

# Decree 152/2025 (decisions from 1/7/2025). Art. 50 titles [C S1, S3]; Art. 51 orders [P S22];
# Art. 52 State honorary titles (Anh hùng collective 31× [C S3]; the "nhân dân"/"ưu tú" amounts
# are carried over from Decree 98 Art. 56 [U]); Art. 54 Bằng khen and Giấy khen [C S23].
_TITLES_152 = {
    "cstd_toan_quoc": (4.5, None), "cstd_tinh": (3.0, None), "cstd_co_so": (1.0, None),
    "ldtt": (0.3, None), "cstt": (0.3, None),
    "tt_ldxs": (None, 1.5), "don_vi_quyet_thang": (None, 1.5),
    "tt_ldtt": (None, 0.8), "don_vi_tien_tien": (None, 0.8),
    "xa_tieu_bieu": (None, 2.0), "thon_van_hoa": (None, 1.5),
    "co_thi_dua_cp": (None, 12.0), "co_thi_dua_tinh": (None, 8.0),
}
_ORDERS = {
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
}
# Decree 98/2023 Art. 56 [C S4]: Bà mẹ Việt Nam anh hùng and Anh hùng 15.5 (a collective
# Anh hùng twice that); "nhân dân" titles 12.5, "ưu tú" titles 9.0.
_HONORARY = {
    "ba_me_vnah": (15.5, None),
    "anh_hung_lao_dong": (15.5, 31.0), "anh_hung_llvtnd": (15.5, 31.0),
    **dict.fromkeys(("nha_giao_nhan_dan", "thay_thuoc_nhan_dan", "nghe_si_nhan_dan",
                     "nghe_nhan_nhan_dan"), (12.5, None)),
    **dict.fromkeys(("nha_giao_uu_tu", "thay_thuoc_uu_tu", "nghe_si_uu_tu", "nghe_nhan_uu_tu"),
                    (9.0, None)),
}
# Giấy khen by issuer: the head of a department or unit (giay_khen), the commune chairman
# (giay_khen_xa), an enterprise director (giay_khen_doanh_nghiep). A collective gets twice the
# individual amount.
_DIPLOMAS_152 = {
    "bang_khen_ttg": (3.5, 7.0), "bang_khen_tinh": (1.5, 3.0),
    "giay_khen": (0.3, 0.6), "giay_khen_xa": (0.15, 0.3), "giay_khen_doanh_nghiep": (0.3, 0.6),
}
# Decree 91/2017 Art. 73.1 (decisions before 2024): Bằng khen of the Prime Minister 1.5, of a
# ministry/province 1.0 [P], Giấy khen of a head of department/unit 0.3, of the commune
# chairman 0.15 (Art. 73.1.d [P]); a collective twice the individual amount.
_DIPLOMAS_91 = {
    "bang_khen_ttg": (1.5, 3.0), "bang_khen_tinh": (1.0, 2.0),
    "giay_khen": (0.3, 0.6), "giay_khen_xa": (0.15, 0.3), "giay_khen_doanh_nghiep": (0.3, 0.6),
}
# The titles' amounts did not change between the three decrees (legal reference §0.9 [C] for
# Decree 152; the older decrees [P]).
_TITLES_91 = _TITLES_98 = _TITLES_152
# Decree 98/2023's own diploma amounts: whether it kept Decree 91's 1.0 for a ministry/province
# Bằng khen is [U] (legal reference §9): Decree 91's amounts are kept, marked unverified.
_DIPLOMAS_98 = _DIPLOMAS_91

COEFFICIENTS = [
    # (table, valid_from, valid_to, citation, verified)
    (_TITLES_91, D(2018, 1, 1), D(2023, 12, 31), "Nghị định 91/2017/NĐ-CP, Điều 69–70", False),
    (_ORDERS, D(2018, 1, 1), D(2023, 12, 31), "Nghị định 91/2017/NĐ-CP, Điều 71", False),
    (_HONORARY, D(2018, 1, 1), D(2023, 12, 31), "Nghị định 91/2017/NĐ-CP, Điều 72", False),
    (_DIPLOMAS_91, D(2018, 1, 1), D(2023, 12, 31), "Nghị định 91/2017/NĐ-CP, Điều 73 khoản 1",
     False),
    (_TITLES_98, D(2024, 1, 1), D(2025, 6, 30), "Nghị định 98/2023/NĐ-CP, Điều 54", False),
    (_ORDERS, D(2024, 1, 1), D(2025, 6, 30), "Nghị định 98/2023/NĐ-CP, Điều 55", False),
    (_HONORARY, D(2024, 1, 1), D(2025, 6, 30), "Nghị định 98/2023/NĐ-CP, Điều 56", True),
    (_DIPLOMAS_98, D(2024, 1, 1), D(2025, 6, 30), "Nghị định 98/2023/NĐ-CP, Điều 58", False),
    (_TITLES_152, D(2025, 7, 1), OPEN, "Nghị định 152/2025/NĐ-CP, Điều 50", True),
    (_ORDERS, D(2025, 7, 1), OPEN, "Nghị định 152/2025/NĐ-CP, Điều 51", False),
    (_HONORARY, D(2025, 7, 1), OPEN, "Nghị định 152/2025/NĐ-CP, Điều 52", False),
    (_DIPLOMAS_152, D(2025, 7, 1), OPEN, "Nghị định 152/2025/NĐ-CP, Điều 54", True),
]
# A household gets 1.5 × the individual amount from Decree 152/2025 (Art. 54 [P]); no household
# rule was found for Decrees 91/2017 and 98/2023 [U], so before 1/7/2025 a household's reward is
# not computed (appraised by hand) rather than guessed.
HOUSEHOLD_FACTOR = [(1.5, D(2025, 7, 1), OPEN, "Nghị định 152/2025/NĐ-CP, Điều 54", False)]

# ---------------------------------------------------------------- criteria numbers
# Huân chương Lao động hạng Nhì / hạng Nhất, records track: the next-lower class, then N
# consecutive years of excellent completion with K initiatives / research works of at least the
# given scope. The legal reference leaves every class but hạng Ba's individual track
# UNVERIFIED [U] (§3.1, §11.5): the numbers below are the pattern of hạng Ba's collective track
# (Art. 44.2) and must be signed off against the text of Art. 42–43 (old law Art. 45–46).


def _HIGHER_LABOUR_ORDERS(second: str, first: str) -> dict:  # noqa: N802 — a data table
    return {
        "hc_lao_dong_2.years_after_hc_lao_dong_3": (5, second, False),
        "hc_lao_dong_2.initiatives": (2, second, False),
        "hc_lao_dong_2.initiative_scope": ("tinh", second, False),
        "hc_lao_dong_1.years_after_hc_lao_dong_2": (5, first, False),
        "hc_lao_dong_1.initiatives": (3, first, False),
        "hc_lao_dong_1.initiative_scope": ("tinh", first, False),
    }


# Cờ thi đua của Chính phủ: a cluster proposes at most 20 % of its leading units (CV 5007/BNV-
# TĐKT of 2023 [P S34]; whether it is still in force is [U]).
_FLAG_CAP = (0.2, "Công văn 5007/BNV-TĐKT năm 2023", False)

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
        "bang_khen_ttg.rating_after_bang_khen_tinh": ("xuat_sac", "Nghị định 91/2017/NĐ-CP, "
                                                      "Điều 38", False),
        "hc_lao_dong_3.years_after_bang_khen_ttg": (5, "Luật TĐKT 2003 (sửa đổi 2013), Điều 47",
                                                    False),
        "hc_lao_dong_3.initiatives": (5, "Luật TĐKT 2003 (sửa đổi 2013), Điều 47", False),
        **_HIGHER_LABOUR_ORDERS("Luật TĐKT 2003 (sửa đổi 2013), Điều 46",
                                "Luật TĐKT 2003 (sửa đổi 2013), Điều 45"),
        "co_thi_dua_cp.cap_share_of_cluster_leaders": _FLAG_CAP,
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
        # The years after the diploma: "hoàn thành tốt" or better (legal reference §3.4 [C S27]);
        # §9 quotes Art. 73.1.b as "hoàn thành xuất sắc" [P]. The reading is a switch, not code:
        # "tot" kept until the business owner signs off.
        "bang_khen_ttg.rating_after_bang_khen_tinh": ("tot", "Luật TĐKT 2022, Điều 73", False),
        "hc_lao_dong_3.years_after_bang_khen_ttg": (5, "Luật TĐKT 2022, Điều 44", True),
        "hc_lao_dong_3.cstd_co_so_times": (3, "Luật TĐKT 2022, Điều 44", True),
        "hc_lao_dong_3.excellent_years": (1, "Luật TĐKT 2022, Điều 44", True),
        **_HIGHER_LABOUR_ORDERS("Luật TĐKT 2022, Điều 43", "Luật TĐKT 2022, Điều 42"),
        "co_thi_dua_cp.cap_share_of_cluster_leaders": _FLAG_CAP,
    },
}

# ---------------------------------------------------------------- articles cited
# Rules are written against Law 06/2022/QH15 and cite its articles; a case judged under the
# 2003 law (amended 2013) cites that law's own article for the same rule. Keyed by law version,
# then by the 2022 article: (article of that law, verified). A rule citing an article missing
# here fails loudly (tests/awards/eligibility/test_law_corrections.py runs every rule under
# every law). Titles kept their numbers (Art. 20–28) [P]; orders and diplomas were renumbered:
# HC Lao động hạng Nhất/Nhì/Ba Art. 45/46/47 [P: legal reference §9], Bằng khen of the Prime
# Minister Art. 71 and of a ministry/province Art. 72 [P], Giấy khen Art. 75 [U]; the framework
# titles (Xã tiêu biểu, Thôn văn hóa, Gia đình văn hóa) are [U].
ARTICLES = {
    "2022": {},  # the rules' own numbering
    "2013": {
        **{f"Điều {n}": (f"Điều {n}", False) for n in range(20, 29)},
        "Điều 21–22": ("Điều 21–22", False), "Điều 27–28": ("Điều 27–28", False),
        "Điều 29–31": ("Điều 29–30", False),
        "Điều 42": ("Điều 45", False), "Điều 43": ("Điều 46", False),
        "Điều 44": ("Điều 47", False),
        "Điều 73": ("Điều 71", False), "Điều 74": ("Điều 72", False),
        "Điều 75": ("Điều 75", False),
    },
}

# ---------------------------------------------------------------- tracks of a form
# "Đạt một trong các tiêu chuẩn sau": award → (track, subject group, article of Law 06/2022/QH15
# with its point, verified), in the order tried. Tracks judged from the records (ratings,
# ledger, initiatives) come first; every other track is appraised from the achievement report
# and met when the appraisal recorded it (Case.achievements "<award>.<track>"). Subject groups:
# individual, worker (a direct worker or farmer), collective, household. A case under the 2003
# law cites that law's article (ARTICLES above), whose points differ. Only the points the legal
# reference confirms are verified (§3.1 Art. 44.1.e, §3.4 Art. 73.1.b and 74.1.d); the point
# letters of the others are [U].
IND, WORKER, COL, HH = "individual", "worker", "collective", "household"
TRACKS = {
    "bang_khen_tinh": (
        ("d", IND, "Điều 74 khoản 1 điểm d", True),
        ("a", IND, "Điều 74 khoản 1 điểm a", False),  # outstanding in a movement
        ("b", IND, "Điều 74 khoản 1 điểm b", False),  # many achievements, sector-wide scope
        ("c", IND, "Điều 74 khoản 1 điểm c", False),
        ("dd", IND, "Điều 74 khoản 1 điểm đ", False),
        ("worker", WORKER, "Điều 74 khoản 2", False),  # workers, farmers, labourers
        ("entrepreneur", IND, "Điều 74 khoản 3", False),  # entrepreneurs and scientists
        ("collective_excellent", COL, "Điều 74 khoản 4 điểm c", False),  # 2 excellent years
        ("collective_a", COL, "Điều 74 khoản 4 điểm a", False),
        ("collective_b", COL, "Điều 74 khoản 4 điểm b", False),
        ("household", HH, "Điều 74 khoản 5", False),  # contribution of effort, land, assets
    ),
    "bang_khen_ttg": (
        ("b", IND, "Điều 73 khoản 1 điểm b", True),
        ("a", IND, "Điều 73 khoản 1 điểm a", False),
        ("c", IND, "Điều 73 khoản 1 điểm c", False),
        ("worker", WORKER, "Điều 73 khoản 2", False),  # e.g. a farming model effective ≥ 2 years
        ("entrepreneur", IND, "Điều 73 khoản 3", False),
        ("collective_excellent", COL, "Điều 73 khoản 5 điểm b", False),
        ("collective_a", COL, "Điều 73 khoản 5 điểm a", False),
        ("collective_c", COL, "Điều 73 khoản 5 điểm c", False),
        ("household", HH, "Điều 73 khoản 4", False),
    ),
    "hc_lao_dong_3": (
        ("e", IND, "Điều 44 khoản 1 điểm e", True),
        ("career", IND, "Điều 44 khoản 1 điểm a", False),  # Decree 152/2025 Art. 9, 21
        ("other", IND, "Điều 44 khoản 1 điểm b–đ", False),
        ("collective_excellent", COL, "Điều 44 khoản 2 điểm a", False),
        ("collective_other", COL, "Điều 44 khoản 2 điểm b", False),
    ),
    "hc_lao_dong_2": (
        ("after_lower", IND, "Điều 43 khoản 1", False),
        ("career", IND, "Điều 43 khoản 1", False),
        ("other", IND, "Điều 43 khoản 1", False),
        ("collective_after_lower", COL, "Điều 43 khoản 2", False),
        ("collective_other", COL, "Điều 43 khoản 2", False),
    ),
    "hc_lao_dong_1": (
        ("after_lower", IND, "Điều 42 khoản 1", False),
        ("career", IND, "Điều 42 khoản 1", False),
        ("other", IND, "Điều 42 khoản 1", False),
        ("collective_after_lower", COL, "Điều 42 khoản 2", False),
        ("collective_other", COL, "Điều 42 khoản 2", False),
    ),
    "co_thi_dua_cp": (
        ("cluster", COL, "Điều 25 khoản 1", False),  # best of a ministry/province's leaders
        ("central_cluster", COL, "Điều 25 khoản 2", False),  # leader of a Central cluster
        ("movement", COL, "Điều 25 khoản 3", False),  # leader of a PM movement of ≥ 5 years
    ),
    "co_thi_dua_tinh": (
        ("cluster", COL, "Điều 26 khoản 1", False),
        ("thematic", COL, "Điều 26 khoản 2", False),  # leader of a thematic movement ≥ 3 years
    ),
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
