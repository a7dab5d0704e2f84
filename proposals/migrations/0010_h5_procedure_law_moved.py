"""The step deadlines and the consultation window of a proposal are law (issue 16 point 3):
they now live in `awards.LegalValue` (`procedure.<key>`, loaded by awards/0017 from
awards/data/procedure.py). A province that had changed one of them in its ProcedureParameter
row keeps its value: it is written onto the law row as an administrator's edit (the sync's
three-way merge then keeps it and reports any later change of the file), and the old row —
a copy no code reads any more — is removed."""

from django.db import migrations

MOVED = ("deadline.submitted", "deadline.appraising", "deadline.council_done",
         "consultation.working_days")


def forward(apps, schema_editor) -> None:
    ProcedureParameter = apps.get_model("proposals", "ProcedureParameter")
    LegalValue = apps.get_model("awards", "LegalValue")
    for old in ProcedureParameter.objects.filter(key__in=MOVED):
        row = (LegalValue.objects.filter(key=f"procedure.{old.key}", valid_to__isnull=True)
               .order_by("-valid_from").first())
        if row is not None and row.value != old.value:
            row.value = old.value  # `seeded` keeps the file's: the sync sees the edit
            row.save(update_fields=["value"])
        old.delete()


class Migration(migrations.Migration):

    dependencies = [("proposals", "0009_h5_appraisal_findings"),
                    ("awards", "0017_h5_sync_procedure_law")]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
