"""Rule numbers and working limits of the claims app, as dated data with their source.

`verified=False` marks numbers our legal reference (../shared/domain/legal-reference.md) does not
hold: they were read from the official consolidated text or a secondary source and must be
signed off by the business owner (UNVERIFIED).
"""

import datetime

# Pháp lệnh quy định danh hiệu vinh dự Nhà nước "Bà mẹ Việt Nam anh hùng" (1994), Điều 2 as
# replaced by Pháp lệnh 05/2012/UBTVQH13 (20/10/2012, in force 01/01/2013); consolidated text
# 06/VBHN-VPQH (2013), vietlaw.quochoi.vn ItemID=27914. UNVERIFIED against legal-reference.md.
HEROIC_MOTHER_LAW = "Pháp lệnh Bà mẹ Việt Nam anh hùng (sửa đổi bởi Pháp lệnh 05/2012/UBTVQH13)"
HEROIC_MOTHER = [
    # (key, value, valid_from, valid_to, citation, verified)
    ("martyr_children", 2, datetime.date(2013, 1, 1), None, "Điều 2 khoản 1", False),
    ("invalid_percent", 81, datetime.date(2013, 1, 1), None, "Điều 2 khoản 2, khoản 5", False),
]

# Families with many martyrs: Huân chương Độc lập by the number of martyrs — Thông tư
# 44/TBXH-VHC (08/4/1985) Mục III, from a secondary source. UNVERIFIED: the current Law
# 06/2022/QH15 text on these awards was not checked.
MARTYR_FAMILY_LAW = "Thông tư 44/TBXH-VHC ngày 08/4/1985, Mục III"
MARTYR_FAMILY_TIERS = [
    # (award code, martyr children with the spouse a martyr, martyr children otherwise,
    #  citation, verified) — highest first
    ("hc_doc_lap_1", 4, 5, "Mục III.III", False),
    ("hc_doc_lap_2", 3, 4, "Mục III.II", False),
    ("hc_doc_lap_3", 2, 3, "Mục III.I", False),
]

# How long a claim may stay in each stage before the dashboard counts it overdue (days). These
# are the board's working targets, not law: no legal text sets them.
STAGE_LIMIT_DAYS = {
    "registered": 15,
    "waiting_evidence": 90,
    "verifying": 30,
    "verified": 30,
    "proposed": 180,
}


def value(table, key: str, on: datetime.date):
    """The row of `key` in force on `on` (value, citation, verified)."""
    for row_key, number, start, end, citation, verified in table:
        if row_key == key and start <= on and (end is None or on <= end):
            return number, citation, verified
    raise LookupError(key)
