"""Numbers of the law that the proposals and claims apps apply (issue 16 point 3): step
deadlines and the consultation window of an award proposal, the criteria of the State honours
for families of martyrs. They were held in those apps' own tables and files; here they are
dated rows with their citation in the one home of the law (`lawbook.procedure_rows`, loaded by
`sync.sync_law`, shown and corrected on the law screen).

What stays with the apps is not law: the deadlines a province's own regulation sets
(`deadline.returned`, `deadline.appraised`), the council's quorum and default share (the
council's rules of procedure), quotas, the fairness warning threshold (our warning, after
Chỉ thị 34-CT/TW), the comment throttle (`proposals.ProcedureParameter`), the claim stages'
working targets (`claims.data.parameters.STAGE_LIMIT_DAYS`) and the reporting-discipline
scoring (the province's yearly guidance, `reports.ReportingParameter`).

`verified=False` where the legal reference does not confirm the number (UNVERIFIED)."""

import datetime

D = datetime.date
LAW_2022 = D(2024, 1, 1)  # Law 06/2022/QH15 and Decree 98/2023/NĐ-CP in force

# Proposals: working days a step may take (counted from the day after it starts, Civil Code
# 2015 Art. 147). Key "procedure.<ProcedureParameter key>".
# (key, value, valid_from, valid_to, citation, verified)
PROPOSALS = [
    ("procedure.deadline.submitted", 5, LAW_2022, None,
     "Quyết định 311/QĐ-BNV/2025 (trả hồ sơ không đủ điều kiện trong 5 ngày làm việc)", True),
    ("procedure.deadline.appraising", 20, LAW_2022, None,
     "Quyết định 311/QĐ-BNV/2025 (thẩm định trong 20 ngày làm việc); cấp tỉnh theo quy chế "
     "của tỉnh", False),
    ("procedure.deadline.council_done", 10, LAW_2022, None,
     "Quyết định 311/QĐ-BNV/2025 (gửi quyết định trong 10 ngày làm việc)", False),
    ("procedure.consultation.working_days", 10, LAW_2022, None,
     "Nghị định 152/2025/NĐ-CP, Điều 60 khoản 3 (Anh hùng: 10 ngày làm việc)", False),
]

# Claims: Pháp lệnh quy định danh hiệu vinh dự Nhà nước "Bà mẹ Việt Nam anh hùng" (1994), Điều 2
# as replaced by Pháp lệnh 05/2012/UBTVQH13 (in force 01/01/2013); consolidated text
# 06/VBHN-VPQH (2013). Families with many martyrs: Thông tư 44/TBXH-VHC (08/4/1985) Mục III,
# from a secondary source — tiers (award, martyr children when the husband is a martyr, martyr
# children otherwise, point), highest first.
HEROIC_MOTHER_LAW = "Pháp lệnh Bà mẹ Việt Nam anh hùng (sửa đổi bởi Pháp lệnh 05/2012/UBTVQH13)"
MARTYR_FAMILY_LAW = "Thông tư 44/TBXH-VHC ngày 08/4/1985, Mục III"
CLAIMS = [
    ("claims.heroic_mother.martyr_children", 2, D(2013, 1, 1), None,
     f"{HEROIC_MOTHER_LAW}, Điều 2 khoản 1", False),
    ("claims.heroic_mother.invalid_percent", 81, D(2013, 1, 1), None,
     f"{HEROIC_MOTHER_LAW}, Điều 2 khoản 2, khoản 5", False),
    ("claims.martyr_family_tiers",
     [["hc_doc_lap_1", 4, 5, "Mục III.III"], ["hc_doc_lap_2", 3, 4, "Mục III.II"],
      ["hc_doc_lap_3", 2, 3, "Mục III.I"]], D(1985, 4, 8), None, MARTYR_FAMILY_LAW, False),
]
