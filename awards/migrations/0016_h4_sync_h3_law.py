"""Load the law data as merged with issue 16.1/16.2 (awards/data: Decree 98/91/152 money tables
by article, the household factor from Decree 152/2025 only, corrected rounding and base-salary
citations, the new forms' money, HC Lao động hạng Nhì/Nhất and the flag cap's criteria, the
articles of the 2003 law and the "one of the following" tracks) into every database, through
the re-runnable three-way sync: an administrator's edit is kept and reported, not overwritten.
On a database created fresh, 0014 already loaded the same files and this changes nothing."""

from django.db import migrations

from awards.data.sync import sync_law

# awards.data.sync.fingerprint() of the data this migration loads
LAW_DATA_FINGERPRINT = "157f927605a22604"


def forward(apps, schema_editor) -> None:
    report = sync_law(apps)
    for conflict in report.conflicts:  # shown on the law screen too
        print(f"  law sync conflict: {conflict}")


class Migration(migrations.Migration):

    dependencies = [("awards", "0015_h4_drop_legacy_law_tables")]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
