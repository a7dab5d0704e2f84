"""Load the procedure numbers of proposals (step deadlines, the consultation window) and the
criteria numbers of claims (Bà mẹ Việt Nam anh hùng, families with many martyrs) into the law
tables (awards/data/procedure.py, issue 16 point 3), through the re-runnable three-way sync.
proposals/0010_h5_procedure_law_moved then carries a province's own edits of the old
ProcedureParameter rows onto these rows."""

from django.db import migrations

from awards.data.sync import sync_law

# awards.data.sync.fingerprint() of the data this migration loads
LAW_DATA_FINGERPRINT = "75869eaf78ff376d"


def forward(apps, schema_editor) -> None:
    report = sync_law(apps)
    for conflict in report.conflicts:  # shown on the law screen too
        print(f"  law sync conflict: {conflict}")


class Migration(migrations.Migration):

    dependencies = [("awards", "0016_h4_sync_h3_law")]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
