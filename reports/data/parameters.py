"""Default reporting-discipline parameters, dated, with their citation (seeded by data
migration reports/0002 and by `reload_reference_data`; never overwritten once present).

[U] Seed 001 §8 asks that reporting discipline be an emulation criterion; how lateness turns
into points is the province's yearly guidance, which we have not seen. Until it is entered, the
criterion gives max_points × (share of due reports filed on time): a late or missing report
earns nothing and costs nothing more. A province that deducts points per late report enters a
new dated row (valid from its guidance's date) with `penalty_per_late` set.
"""

import datetime

from django.apps import apps as global_apps

CITATION = "Seed 001 §8 / hướng dẫn chấm điểm thi đua của tỉnh (chưa xác minh)"
SINCE = datetime.date(2000, 1, 1)

DEFAULTS = {
    # key: (value, citation, verified, note)
    "criterion.on_time": (
        {"late_credit": "0", "penalty_per_late": "0", "penalty_per_missing": "0",
         "none_due": "full"},
        CITATION, False,
        "points = max × (on time + late_credit × late) / due − penalties; none due → full"),
    "reminder.working_days_before": (
        3, "Quy chế thi đua, khen thưởng của tỉnh (chưa xác minh)", False,
        "Remind target units this many working days before the due date"),
}


def seed_parameters(apps=None, schema_editor=None) -> None:
    model = (apps or global_apps).get_model("reports", "ReportingParameter")
    for key, (value, citation, verified, note) in DEFAULTS.items():
        if not model.objects.filter(key=key).exists():
            model.objects.create(key=key, value=value, citation=citation, verified=verified,
                                 note=note, valid_from=SINCE)
