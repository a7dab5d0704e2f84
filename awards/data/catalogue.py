"""The award catalogue as seed data: every title and form of the glossary
(../shared/domain/glossary.md) with its category, subjects, granting level, council vote
threshold, dossier and public-consultation requirement, each with its citation.

Values tagged [U] in the legal reference carry `verified: False`; the database copy (issue 3's
catalogue screens) is where a province corrects them.
"""

TITLE, FORM = "title", "form"
IND, COL, HH = "individual", "collective", "household"
ALL_KINDS = ["cong_trang", "chuyen_de", "dot_xuat", "qua_trinh_cong_hien", "nien_han",
             "doi_ngoai"]

# code: (Vietnamese name, category, subject kinds, granting level, vote share or None,
#        vote citation, public consultation)
_TITLES = {
    "ldtt": ("Lao động tiên tiến", [IND], "unit", None),
    "cstt": ("Chiến sĩ tiên tiến", [IND], "unit", None),
    "cstd_co_so": ("Chiến sĩ thi đua cơ sở", [IND], "unit", 0.8),
    "cstd_tinh": ("Chiến sĩ thi đua cấp bộ, ban, ngành, tỉnh", [IND], "province", 0.9),
    "cstd_toan_quoc": ("Chiến sĩ thi đua toàn quốc", [IND], "prime_minister", 0.9),
    "tt_ldtt": ("Tập thể lao động tiên tiến", [COL], "unit", None),
    "don_vi_tien_tien": ("Đơn vị tiên tiến", [COL], "unit", None),
    "tt_ldxs": ("Tập thể lao động xuất sắc", [COL], "province", None),
    "don_vi_quyet_thang": ("Đơn vị quyết thắng", [COL], "province", None),
    "co_thi_dua_tinh": ("Cờ thi đua cấp bộ, ban, ngành, tỉnh", [COL], "province", 0.8),
    "co_thi_dua_cp": ("Cờ thi đua của Chính phủ", [COL], "government", 0.8),
    "xa_tieu_bieu": ("Xã, phường, đặc khu tiêu biểu", [COL], "province", None),
    "thon_van_hoa": ("Thôn, tổ dân phố văn hóa", [COL], "commune", None),
    "gia_dinh_van_hoa": ("Gia đình văn hóa", [HH], "commune", None),
}
_FORMS = {
    "giay_khen": ("Giấy khen", [IND, COL, HH], "unit"),
    "giay_khen_xa": ("Giấy khen của Chủ tịch Ủy ban nhân dân cấp xã", [IND, COL, HH], "commune"),
    "giay_khen_doanh_nghiep": ("Giấy khen của Giám đốc doanh nghiệp", [IND, COL], "unit"),
    "bang_khen_tinh": ("Bằng khen cấp bộ, ban, ngành, tỉnh", [IND, COL, HH], "province"),
    "bang_khen_ttg": ("Bằng khen của Thủ tướng Chính phủ", [IND, COL, HH], "prime_minister"),
    "hc_lao_dong_1": ("Huân chương Lao động hạng Nhất", [IND, COL], "president"),
    "hc_lao_dong_2": ("Huân chương Lao động hạng Nhì", [IND, COL], "president"),
    "hc_lao_dong_3": ("Huân chương Lao động hạng Ba", [IND, COL], "president"),
    "hc_doc_lap_1": ("Huân chương Độc lập hạng Nhất", [IND, COL], "president"),
    "hc_doc_lap_2": ("Huân chương Độc lập hạng Nhì", [IND, COL], "president"),
    "hc_doc_lap_3": ("Huân chương Độc lập hạng Ba", [IND, COL], "president"),
    "hc_quan_cong_1": ("Huân chương Quân công hạng Nhất", [IND, COL], "president"),
    "hc_quan_cong_2": ("Huân chương Quân công hạng Nhì", [IND, COL], "president"),
    "hc_quan_cong_3": ("Huân chương Quân công hạng Ba", [IND, COL], "president"),
    "hc_chien_cong_1": ("Huân chương Chiến công hạng Nhất", [IND, COL], "president"),
    "hc_chien_cong_2": ("Huân chương Chiến công hạng Nhì", [IND, COL], "president"),
    "hc_chien_cong_3": ("Huân chương Chiến công hạng Ba", [IND, COL], "president"),
    "hc_bao_ve_to_quoc_1": ("Huân chương Bảo vệ Tổ quốc hạng Nhất", [IND, COL], "president"),
    "hc_bao_ve_to_quoc_2": ("Huân chương Bảo vệ Tổ quốc hạng Nhì", [IND, COL], "president"),
    "hc_bao_ve_to_quoc_3": ("Huân chương Bảo vệ Tổ quốc hạng Ba", [IND, COL], "president"),
    "hc_ho_chi_minh": ("Huân chương Hồ Chí Minh", [IND, COL], "president"),
    "hc_sao_vang": ("Huân chương Sao vàng", [IND, COL], "president"),
    "hc_dai_doan_ket": ("Huân chương Đại đoàn kết dân tộc", [IND, COL], "president"),
    "hc_dung_cam": ("Huân chương Dũng cảm", [IND], "president"),
    "hc_huu_nghi": ("Huân chương Hữu nghị", [IND, COL], "president"),
    "anh_hung_lao_dong": ("Anh hùng Lao động", [IND, COL], "president"),
    "anh_hung_llvtnd": ("Anh hùng Lực lượng vũ trang nhân dân", [IND, COL], "president"),
    "ba_me_vnah": ("Bà mẹ Việt Nam anh hùng", [IND], "president"),
    "nha_giao_nhan_dan": ("Nhà giáo nhân dân", [IND], "president"),
    "nha_giao_uu_tu": ("Nhà giáo ưu tú", [IND], "president"),
    "thay_thuoc_nhan_dan": ("Thầy thuốc nhân dân", [IND], "president"),
    "thay_thuoc_uu_tu": ("Thầy thuốc ưu tú", [IND], "president"),
    "nghe_si_nhan_dan": ("Nghệ sĩ nhân dân", [IND], "president"),
    "nghe_si_uu_tu": ("Nghệ sĩ ưu tú", [IND], "president"),
    "nghe_nhan_nhan_dan": ("Nghệ nhân nhân dân", [IND], "president"),
    "nghe_nhan_uu_tu": ("Nghệ nhân ưu tú", [IND], "president"),
    "ky_niem_chuong": ("Kỷ niệm chương", [IND], "sector"),
    "giai_thuong_hcm": ("Giải thưởng Hồ Chí Minh", [IND, COL], "president"),
    "giai_thuong_nha_nuoc": ("Giải thưởng Nhà nước", [IND, COL], "president"),
    "khen_thuong_khang_chien": ("Khen thưởng thành tích trong kháng chiến", [IND, COL, HH],
                                "president"),
}

# Forms the eligibility engine cannot judge from records: it answers "not checked automatically
# — appraise by hand" with the article of Law 06/2022/QH15 to appraise against (a case under the
# 2003 law cites that law where legal_parameters.ARTICLES maps the article). (article, verified):
# the State honorary titles are listed in Art. 59 [C S4]; the orders' article numbers follow
# Art. 44 = Huân chương Lao động hạng Ba [C S29] and are [P]; Kỷ niệm chương and the awards for
# wartime achievements (Law Art. 94–95, transitional) are [U].
_ORDER_ARTICLES = {
    "hc_sao_vang": "Điều 34", "hc_ho_chi_minh": "Điều 35", "hc_doc_lap_1": "Điều 36",
    "hc_doc_lap_2": "Điều 37", "hc_doc_lap_3": "Điều 38", "hc_quan_cong_1": "Điều 39",
    "hc_quan_cong_2": "Điều 40", "hc_quan_cong_3": "Điều 41",
    "hc_bao_ve_to_quoc_1": "Điều 45", "hc_bao_ve_to_quoc_2": "Điều 46",
    "hc_bao_ve_to_quoc_3": "Điều 47", "hc_chien_cong_1": "Điều 48",
    "hc_chien_cong_2": "Điều 49", "hc_chien_cong_3": "Điều 50", "hc_dai_doan_ket": "Điều 51",
    "hc_dung_cam": "Điều 52", "hc_huu_nghi": "Điều 53",
}
_HONORARY = ("anh_hung_lao_dong", "anh_hung_llvtnd", "ba_me_vnah", "nha_giao_nhan_dan",
             "nha_giao_uu_tu", "thay_thuoc_nhan_dan", "thay_thuoc_uu_tu", "nghe_si_nhan_dan",
             "nghe_si_uu_tu", "nghe_nhan_nhan_dan", "nghe_nhan_uu_tu")
APPRAISE_BY_HAND = {
    **{code: (article, False) for code, article in _ORDER_ARTICLES.items()},
    **dict.fromkeys(_HONORARY, ("Điều 59", True)),
    "giai_thuong_hcm": ("Điều 9", False), "giai_thuong_nha_nuoc": ("Điều 9", False),
    "ky_niem_chuong": ("Điều 72", False),
    "khen_thuong_khang_chien": ("Điều 94", False),
}

# Council vote thresholds are shares of ALL council members (Decree 98/2023 Art. 30.7 [C]);
# that Decree 152/2025 keeps them is [U].
VOTE_CITATION = "Nghị định 98/2023/NĐ-CP, Điều 30 khoản 7"
# Public consultation before the council (legal reference §5.3: Anh hùng 10 working days;
# the older publicity rule covered orders, State honorary titles, prizes and CSTĐ toàn quốc).
PUBLIC_CONSULTATION = {"anh_hung_lao_dong", "anh_hung_llvtnd", "ba_me_vnah", "cstd_toan_quoc",
                       "giai_thuong_hcm", "giai_thuong_nha_nuoc"}

CATALOGUE = {
    **{code: {"name": name, "category": TITLE, "subjects": subjects, "level": level,
              "vote_share": vote, "award_kinds": ["cong_trang"]}
       for code, (name, subjects, level, vote) in _TITLES.items()},
    **{code: {"name": name, "category": FORM, "subjects": subjects, "level": level,
              "vote_share": None, "award_kinds": ALL_KINDS}
       for code, (name, subjects, level) in _FORMS.items()},
}
CODES = frozenset(CATALOGUE)
