"""Early salary raise for outstanding achievement (nâng bậc lương trước thời hạn), as dated data.

Thông tư 08/2013/TT-BNV, Điều 3 (amended by Thông tư 03/2021/TT-BNV): staff who are not yet on
the last grade of their scale and whose achievements were recognised in writing by a competent
authority *within the period they hold their current grade* may be raised one grade up to 12
months early; the number of months follows the highest achievement, "the higher the
achievement, the more months", in each body's own rules (quy chế nâng bậc lương trước thời
hạn); an achievement counts by the date of the decision recognising it, and once a person has
been raised early, achievements of that grade period no longer count. At most 10 % of the
staff on the payroll are raised early in a year (Art. 3.2).

Seed 001 ("Thứ sáu") asks the province for one uniform rule. The months below are the scale a
province typically sets (12 months for orders and the highest titles, 9 for ministry/province
titles and diplomas, 6 for the Giấy khen and Lao động tiên tiến): the circular leaves the scale
to each body, so the table is UNVERIFIED [U] until the provincial Department of Home Affairs
confirms it; it is corrected on the law screen without touching code.
"""

import datetime

D = datetime.date
CITATION = ("Thông tư 08/2013/TT-BNV, Điều 3 (sửa đổi, bổ sung bởi Thông tư 03/2021/TT-BNV); "
            "quy chế nâng bậc lương trước thời hạn của tỉnh [chưa xác minh]")

_ORDERS = ["hc_sao_vang", "hc_ho_chi_minh", "hc_doc_lap_1", "hc_doc_lap_2", "hc_doc_lap_3",
           "hc_quan_cong_1", "hc_quan_cong_2", "hc_quan_cong_3", "hc_lao_dong_1",
           "hc_lao_dong_2", "hc_lao_dong_3", "hc_chien_cong_1", "hc_chien_cong_2",
           "hc_chien_cong_3", "hc_bao_ve_to_quoc_1", "hc_bao_ve_to_quoc_2",
           "hc_bao_ve_to_quoc_3", "hc_dai_doan_ket", "hc_dung_cam"]
_TWELVE = [*_ORDERS, "anh_hung_lao_dong", "anh_hung_llvtnd", "nha_giao_nhan_dan",
           "thay_thuoc_nhan_dan", "nghe_si_nhan_dan", "nghe_nhan_nhan_dan", "nha_giao_uu_tu",
           "thay_thuoc_uu_tu", "nghe_si_uu_tu", "nghe_nhan_uu_tu", "giai_thuong_hcm",
           "giai_thuong_nha_nuoc", "cstd_toan_quoc", "bang_khen_ttg", "cstd_tinh"]
_NINE = ["bang_khen_tinh", "cstd_co_so"]
_SIX = ["giay_khen", "ldtt", "cstt"]
_MONTHS_2021 = {**dict.fromkeys(_TWELVE, 12), **dict.fromkeys(_NINE, 9), **dict.fromkeys(_SIX, 6)}

MONTHS = [
    # ({award code: months early}, valid_from, valid_to, citation, verified) — dates are decision
    # dates of the recognising decision. From 15/7/2021 (Thông tư 03/2021/TT-BNV in force) [U].
    (_MONTHS_2021, D(2021, 7, 15), None, CITATION, False),
]

# At most this share of the staff on the payroll is raised early in a year (the wording as
# amended by Thông tư 03/2021/TT-BNV was not re-checked: [U]).
CAP_SHARE = [(0.10, D(2013, 9, 15), None, "Thông tư 08/2013/TT-BNV, Điều 3 khoản 2", False)]
