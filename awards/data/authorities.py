"""The granting-authority table as seed data: which body grants each title and form, or
proposes it upward, over which dates, with the text that says so.

Bodies are a unit level × kind (organisations.enums). Periods:
* the 2003 law as amended in 2013 (Law 39/2013/QH13, in force 1/6/2014) until 31/12/2023;
* Law 06/2022/QH15 from 1/1/2024 (Art. 79: ministers and provincial chairmen; Art. 80: heads of
  departments and units, district and commune chairmen);
* Decree 129/2025/NĐ-CP Art. 59 from 1/7/2025: the district level is abolished and the commune
  chairman grants Thôn/tổ dân phố văn hóa, Gia đình văn hóa, Tập thể lao động tiên tiến, Chiến
  sĩ thi đua cơ sở, Lao động tiên tiến and Giấy khen (legal-reference §9 [C]).

Whatever a body neither grants nor forwards cannot be addressed to it. Forwarding ("proposes
upward") is how a department or a commune carries provincial forms to the provincial chairman,
and the province carries the State's forms to the Prime Minister; the article numbers of the
route (tuyến trình) are not verified, so those rows are `verified=False`.
"""

import datetime

from awards.data.catalogue import CATALOGUE

D = datetime.date
OLD = (D(2014, 6, 1), D(2023, 12, 31))
LAW_2022 = (D(2024, 1, 1), None)
BEFORE_129 = (D(2024, 1, 1), D(2025, 6, 30))
DECREE_129 = (D(2025, 7, 1), None)

OLD_CITATION = "Luật Thi đua, khen thưởng 2003 (sửa đổi, bổ sung 2013), Điều 77"
ART_79 = "Luật Thi đua, khen thưởng số 06/2022/QH15, Điều 79"
ART_80 = "Luật Thi đua, khen thưởng số 06/2022/QH15, Điều 80"
DECREE_129_CITATION = "Nghị định 129/2025/NĐ-CP, Điều 59"
ROUTE_CITATION = "Luật Thi đua, khen thưởng số 06/2022/QH15, Điều 77–80 (tuyến trình)"

# The base titles and the Giấy khen every head of a body with its own staff grants.
BASE = ("ldtt", "cstd_co_so", "tt_ldtt", "giay_khen")
PROVINCIAL = ("bang_khen_tinh", "co_thi_dua_tinh", "cstd_tinh", "tt_ldxs", "xa_tieu_bieu")
COMMUNE_2025 = ("thon_van_hoa", "gia_dinh_van_hoa", "tt_ldtt", "cstd_co_so", "ldtt",
                "giay_khen", "giay_khen_xa")
CENTRAL = tuple(code for code, entry in CATALOGUE.items()
                if entry["level"] in ("prime_minister", "government", "president", "sector"))

PROVINCE, DISTRICT, COMMUNE, GRASSROOTS = "province", "district", "commune", "grassroots"
PC, DEPARTMENT, AGENCY = "peoples_committee", "department", "agency"

# (level, kind, office, granted codes, forwarded codes, (valid_from, valid_to), citation,
#  verified)
_BODIES = [
    (PROVINCE, PC, "Chủ tịch UBND cấp tỉnh", PROVINCIAL, CENTRAL, OLD, OLD_CITATION, False),
    (PROVINCE, PC, "Chủ tịch UBND cấp tỉnh", PROVINCIAL, CENTRAL, LAW_2022, ART_79, True),
    *[(PROVINCE, kind, office, BASE, PROVINCIAL + CENTRAL, period, citation, verified)
      for kind, office in ((DEPARTMENT, "Giám đốc Sở"), (AGENCY, "Thủ trưởng cơ quan cấp tỉnh"))
      for period, citation, verified in ((OLD, OLD_CITATION, False),
                                         (LAW_2022, ART_80, kind == DEPARTMENT))],
    (DISTRICT, PC, "Chủ tịch UBND cấp huyện", BASE + ("thon_van_hoa",), PROVINCIAL + CENTRAL,
     OLD, OLD_CITATION, False),
    (DISTRICT, PC, "Chủ tịch UBND cấp huyện", BASE + ("thon_van_hoa",), PROVINCIAL + CENTRAL,
     BEFORE_129, ART_80, True),
    (COMMUNE, PC, "Chủ tịch UBND cấp xã", ("giay_khen", "giay_khen_xa", "gia_dinh_van_hoa"),
     ("ldtt", "cstd_co_so", "tt_ldtt", "thon_van_hoa") + PROVINCIAL + CENTRAL, OLD,
     OLD_CITATION, False),
    (COMMUNE, PC, "Chủ tịch UBND cấp xã", ("giay_khen", "giay_khen_xa", "gia_dinh_van_hoa"),
     ("ldtt", "cstd_co_so", "tt_ldtt", "thon_van_hoa") + PROVINCIAL + CENTRAL, BEFORE_129,
     ART_80, True),
    (COMMUNE, PC, "Chủ tịch UBND cấp xã", COMMUNE_2025, PROVINCIAL + CENTRAL, DECREE_129,
     DECREE_129_CITATION, True),
    # Heads of units with legal personality (schools, hospitals, agencies, enterprises).
    *[(GRASSROOTS, kind, office,
       BASE + (("giay_khen_doanh_nghiep",) if kind == "enterprise" else ()), (), period,
       citation, False)
      for kind, office in (("school", "Hiệu trưởng"), ("hospital", "Giám đốc bệnh viện"),
                           (AGENCY, "Thủ trưởng đơn vị"), ("enterprise", "Giám đốc doanh nghiệp"))
      for period, citation in ((OLD, OLD_CITATION), (LAW_2022, ART_80))],
]


def authority_rows() -> list[dict]:
    """One dict per (award, body, period): the fields of awards.GrantingAuthority."""
    rows = []
    for level, kind, office, grants, forwards, (start, end), citation, verified in _BODIES:
        for power, codes, cite, sure in (("grants", grants, citation, verified),
                                         ("forwards", forwards, ROUTE_CITATION, False)):
            rows += [{"code": code, "unit_level": level, "unit_kind": kind, "power": power,
                      "office": office, "valid_from": start, "valid_to": end,
                      "citation": cite, "verified": sure} for code in codes]
    return rows
