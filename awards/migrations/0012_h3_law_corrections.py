"""Issue 16.2: bring the seeded money rows of every deployed database in line with the corrected
data (awards/data/legal_parameters.py): Decree 98/2023's own coefficient rows cited by article,
no household coefficient before Decree 152/2025, rounding cited to each decree's article, the
base salary from 1/7/2026 cited to Decree 161/2026/NĐ-CP Art. 3.2.

Only rows still carrying the original seed citation are touched: a value a province corrected
on the catalogue screen (its own citation) is kept as it is. It runs before the law moves into
LegalValue (0013–0015), so the law sync adopts the corrected rows as the files' own instead of
reporting every old seed citation as an administrator's conflicting edit. Issue 16.1's new
forms, their money and authorities, and the new criteria numbers are loaded by that sync
(0014), which creates what a database lacks; coefficient rows missing here are left to it too.
Household amounts are not rows any more: the dated household factor derives them."""

from django.db import migrations

from awards.data import legal_parameters as lp
from awards.data.catalogue import CATALOGUE
from awards.data.lawbook import award_rows

SEEDED = ("Nghị định 91/2017/NĐ-CP, Điều 70–74", "Nghị định 98/2023/NĐ-CP, Điều 55–60",
          "Nghị định 152/2025/NĐ-CP, Điều 50–54")
OLD_ROUNDING = {"Nghị định 91/2017/NĐ-CP, Điều 70", "Nghị định 98/2023/NĐ-CP, Điều 55"}


def _seeded(citation: str) -> bool:
    return any(citation.startswith(old) for old in SEEDED)


def correct(apps, schema_editor):
    AwardType = apps.get_model("awards", "AwardType")
    AwardParameter = apps.get_model("awards", "AwardParameter")
    coefficients = [r for r in award_rows() if r.key.startswith("coefficient_")]
    for award in AwardType.objects.filter(code__in=list(CATALOGUE)):
        wanted = {(r.key, r.valid_from): r for r in coefficients if r.award == award.code}
        rows = AwardParameter.objects.filter(award_type=award, key__startswith="coefficient_")
        for row in rows:
            if not _seeded(row.citation):
                wanted.pop((row.key, row.valid_from), None)  # the province's own value stays
                continue
            found = wanted.pop((row.key, row.valid_from), None)
            if found is None:
                # A seeded row the law never had (a household amount: the household factor
                # derives it, and none before Decree 152/2025): nothing of it is kept.
                row.delete()
                continue
            row.value, row.valid_to = found.value, found.valid_to
            row.citation, row.verified = found.citation, found.verified
            row.save()
    RoundingRule = apps.get_model("awards", "RoundingRule")
    for step, mode, start, end, citation, verified in lp.ROUNDING:
        RoundingRule.objects.filter(valid_from=start, citation__in=OLD_ROUNDING).update(
            citation=citation, verified=verified)
    BaseSalary = apps.get_model("awards", "BaseSalary")
    for amount, start, end, citation, verified in lp.BASE_SALARY:
        BaseSalary.objects.filter(valid_from=start, amount=amount,
                                  citation="Nghị định 161/2026/NĐ-CP").update(citation=citation)


class Migration(migrations.Migration):
    dependencies = [("awards", "0011_h4_seed_authorities")]
    operations = [migrations.RunPython(correct, migrations.RunPython.noop)]
