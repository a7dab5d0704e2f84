"""The audit log's object search reads an index (PostgreSQL): a folded copy of each entry's
label (`search_text`, as people and units have) and its trigram index.

Safe on a large table: the column comes with a constant database default (PostgreSQL adds it
without rewriting the table), the backfill runs in batches of BATCH entries, each committed on
its own (`atomic = False`: no transaction holds every row's lock), and the index is built
CONCURRENTLY, so the log keeps being written meanwhile. Labels repeat (an object is logged
many times: 300,000 entries and 2,495 labels in the kept province), so each batch folds each
label once."""

from django.db import migrations, models

from core.migration_ops import trigram_index
from core.text import fold

BATCH = 20_000


def fold_labels(apps, schema_editor):
    AuditEntry = apps.get_model("audit", "AuditEntry")
    pending = AuditEntry.objects.using(schema_editor.connection.alias).filter(
        search_text="").exclude(object_label="")
    last = 0
    while ids := list(pending.filter(pk__gt=last).order_by("pk")
                      .values_list("pk", flat=True)[:BATCH]):
        batch = pending.filter(pk__gt=last, pk__lte=ids[-1])  # a range: no 20,000 parameters
        for label in batch.values_list("object_label", flat=True).distinct().order_by():
            batch.filter(object_label=label).update(search_text=fold(label)[:300])
        last = ids[-1]


class Migration(migrations.Migration):

    atomic = False

    dependencies = [
        ("audit", "0002_h6_log_order"),
    ]

    operations = [
        migrations.AddField(
            model_name="auditentry",
            name="search_text",
            field=models.CharField(db_default="", default="", editable=False, max_length=300),
        ),
        migrations.RunPython(fold_labels, migrations.RunPython.noop),
        trigram_index("audit_auditentry", "audit_search_trgm", "search_text",
                      concurrently=True),
    ]
