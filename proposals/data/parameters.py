"""Default procedure parameters that are not law (seeded by a data migration; editable
afterwards): the deadlines a province's own regulation sets, the council's rules, the fairness
warning, the comment throttle.

Deadlines are working days counted from the day after the step starts (Civil Code 2015
Art. 147). The deadlines and the consultation window the law sets (Decision 311/QĐ-BNV/2025 on
Decree 98/2023, Decree 152/2025) are in the law's dated home, awards/data/procedure.py
(`LegalValue` `procedure.<key>`); `proposals.domain.deadlines.parameter` reads them there.
"""

DEFAULTS = {
    # key: (value, citation, verified, note)
    "deadline.returned": (10, "Quy chế thi đua, khen thưởng của tỉnh", False,
                          "Unit supplements a returned dossier"),
    "deadline.appraised": (10, "Quy chế thi đua, khen thưởng của tỉnh", False,
                           "Waiting for the council session"),
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
