"""Default procedure parameters (seeded by a data migration; editable afterwards).

Deadlines are working days counted from the day after the step starts (Civil Code 2015
Art. 147). Central-level figures are confirmed (Decision 311/QĐ-BNV/2025 on Decree 98/2023);
provincial figures are set by each province's regulation and are unverified defaults here.
"""

DEFAULTS = {
    # key: (value, citation, verified, note)
    "deadline.submitted": (5, "Quyết định 311/QĐ-BNV/2025 (trả hồ sơ không đủ điều kiện trong "
                              "5 ngày làm việc)", True, "Receipt check of a submitted dossier"),
    "deadline.appraising": (20, "Quyết định 311/QĐ-BNV/2025 (thẩm định trong 20 ngày làm việc); "
                                "cấp tỉnh theo quy chế của tỉnh", False, "Appraisal"),
    "deadline.returned": (10, "Quy chế thi đua, khen thưởng của tỉnh", False,
                          "Unit supplements a returned dossier"),
    "deadline.appraised": (10, "Quy chế thi đua, khen thưởng của tỉnh", False,
                           "Waiting for the council session"),
    "deadline.council_done": (10, "Quyết định 311/QĐ-BNV/2025 (gửi quyết định trong 10 ngày "
                                  "làm việc)", False, "Decision after the council vote"),
    "consultation.working_days": (10, "Nghị định 152/2025/NĐ-CP, Điều 60 khoản 3 (Anh hùng: 10 "
                                      "ngày làm việc)", False, "Default consultation window"),
    # Seed 000 §6: awards must favour people who work directly; warn below this share.
    "fairness.min_non_leader_share": (0.5, "Chỉ thị 34-CT/TW; Luật TĐKT 2022, Điều 5 khoản 2 "
                                           "điểm d", False, "Share of non-leaders among "
                                                            "individual nominees"),
    "comments.per_hour": (5, "Chống gửi tràn ngập (hệ thống)", True,
                          "Public comments per address per hour"),
}
DEFAULTS.update({
    "council.quorum": (2 / 3, "Quy chế hoạt động của Hội đồng TĐKT tỉnh", False,
                       "Share of members present needed to open voting"),
    "council.default_share": (0.5, "Quy chế hoạt động của Hội đồng TĐKT tỉnh", False,
                              "Forms without a catalogue threshold pass with more than this "
                              "share of the members"),
})


def seed_parameters(apps, schema_editor=None) -> None:
    """Load the defaults (idempotent: a province's edits are kept). Called by a data migration
    with the historical registry, and by seed_demo after a flush."""
    ProcedureParameter = apps.get_model("proposals", "ProcedureParameter")
    for key, (value, citation, verified, note) in DEFAULTS.items():
        ProcedureParameter.objects.get_or_create(key=key, defaults={
            "value": value, "citation": citation, "verified": verified, "note": note})
