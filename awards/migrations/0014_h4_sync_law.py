"""Move the law's values into LegalValue and load the data files (awards/data/sync.py).

Adoption of the rows loaded before the sync existed (0002, 0005): nothing records whether a
province changed them (criteria could be corrected in the database), so they are taken as an
administrator's: a field equal to the data files' is adopted, a field that differs is kept and
reported as a conflict (the law screen shows the file's value), and an end date an
administrator set (a new dated value, an authority ended) stays. The granting authorities are
synced from awards/data/authorities.py too (0011 loaded them only into an empty table). The
household coefficients 0002 derived (1.5 × individual) are dropped: the dated household factor
now derives them.

New law data later: add a migration calling `sync_law` (see docs/architecture.md, "How to
change a rule when the law changes"); `tests/awards/test_law_sync.py` fails until there is one.
"""

from django.db import migrations

from awards.data.lawbook import law_period
from awards.data.sync import natural_key, plain, sync_law, tables

# awards.data.sync.fingerprint() of the data this migration loads
LAW_DATA_FINGERPRINT = "4e2a86b5c6fcae72"


def _adopt_ends(apps) -> None:
    """End dates of legacy rows: no screen ever reopened a row, so an open row's baseline is
    open (a file that now ends it is applied); a row ended otherwise than the file says was
    ended by an administrator (the catalogue's "new dated value", the authorities' "end"), so
    the file's end is its baseline and the sync keeps the administrator's."""
    codes = dict(apps.get_model("awards", "AwardType").objects.values_list("pk", "code"))
    for table, rows in tables():
        files = {tuple(row[name] for name in table.natural): row for row in rows}
        for obj in apps.get_model("awards", table.model).objects.filter(seeded__isnull=True):
            found = files.get(natural_key(table, obj, codes))
            if found is None or found["valid_to"] == obj.valid_to:
                continue
            end = None if obj.valid_to is None else found["valid_to"]
            obj.seeded = {"valid_to": plain({"valid_to": end}, ("valid_to",))["valid_to"]}
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
    _adopt_ends(apps)
    report = sync_law(apps)
    for conflict in report.conflicts:  # shown on the law screen too
        print(f"  law sync conflict: {conflict}")


class Migration(migrations.Migration):

    dependencies = [
        ("awards", "0013_h4_legal_value"),
        ("audit", "0002_h6_log_order"),
    ]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
