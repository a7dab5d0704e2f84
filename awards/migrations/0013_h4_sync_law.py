"""Move the law's values into LegalValue and load the data files (awards/data/sync.py).

Adoption of the rows loaded before the sync existed (0002, 0005): nothing records whether a
province changed them (criteria could be corrected in the database), so they are taken as an
administrator's: a field equal to the data files' is adopted, a field that differs is kept and
reported as a conflict (the law screen offers the file's value), and a `valid_to` closed by a
later value (the catalogue screen's "new dated value") stays closed. The household coefficients
0002 derived (1.5 × individual) are dropped: the dated household factor now derives them.

New law data later: add a migration calling `sync_law` (see docs/architecture.md, "How to
change a rule when the law changes"); `tests/awards/test_law_sync.py` fails until there is one.
"""

import datetime

from django.db import migrations

from awards.data.lawbook import law_period
from awards.data.sync import sync_law

ONE_DAY = datetime.timedelta(days=1)
LAW_DATA_FINGERPRINT = "c4027d9238b3ea54"  # awards.data.sync.fingerprint() of the data this migration loads


def _adopt(objs, group) -> None:
    """Legacy rows closed by a later value: the closure is the administrator's, the file's
    open period the baseline (so the sync keeps it)."""
    starts = {(group(o), o.valid_from) for o in objs}
    for obj in objs:
        if obj.valid_to is not None and (group(obj), obj.valid_to + ONE_DAY) in starts:
            obj.seeded = {"valid_to": None}
            obj.save(update_fields=["seeded"])


def _copy_legacy(apps) -> None:
    LegalValue = apps.get_model("awards", "LegalValue")
    copies = []
    for b in apps.get_model("awards", "BaseSalary").objects.all():
        copies.append(LegalValue(key="base_salary", value=b.amount, valid_from=b.valid_from,
                                 valid_to=b.valid_to, citation=b.citation, verified=b.verified))
    for r in apps.get_model("awards", "RoundingRule").objects.all():
        copies.append(LegalValue(key="rounding", value=[r.step, r.mode], valid_from=r.valid_from,
                                 valid_to=r.valid_to, citation=r.citation, verified=r.verified))
    for c in apps.get_model("awards", "LegalCriterion").objects.all():
        start, end = law_period(c.law)
        copies.append(LegalValue(key=c.key, value=c.value, valid_from=start, valid_to=end,
                                 citation=c.citation, verified=c.verified))
    LegalValue.objects.bulk_create(copies)
    _adopt(list(LegalValue.objects.all()), lambda o: o.key)


def _drop_derived_household(apps) -> None:
    AwardParameter = apps.get_model("awards", "AwardParameter")
    individual = {(p.award_type_id, p.valid_from): p.value
                  for p in AwardParameter.objects.filter(key="coefficient_individual")}
    for p in AwardParameter.objects.filter(key="coefficient_household"):
        base = individual.get((p.award_type_id, p.valid_from))
        if base is not None and p.value == round(base * 1.5, 4):
            p.delete()


def forward(apps, schema_editor) -> None:
    _copy_legacy(apps)
    _drop_derived_household(apps)
    AwardParameter = apps.get_model("awards", "AwardParameter")
    _adopt(list(AwardParameter.objects.all()), lambda o: (o.award_type_id, o.key))
    report = sync_law(apps)
    for conflict in report.conflicts:  # shown on the law screen too
        print(f"  law sync conflict: {conflict}")


class Migration(migrations.Migration):

    dependencies = [
        ("awards", "0012_h4_legal_value"),
        ("audit", "0002_h6_log_order"),
    ]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
