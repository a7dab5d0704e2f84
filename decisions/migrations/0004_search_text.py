from django.db import migrations, models

from core.text import fold_join


def fill(apps, schema_editor):
    """Fold the existing decisions and items (the models' save() does it from now on)."""
    Decision = apps.get_model("decisions", "Decision")
    DecisionItem = apps.get_model("decisions", "DecisionItem")
    for decision in Decision.objects.select_related("issuer").iterator():
        numbers = ((f"{decision.number:02d}/{decision.symbol}", f"{decision.number}/{decision.symbol}")
                   if decision.number is not None else ())
        decision.search_text = fold_join(*numbers, decision.summary, decision.issuer.name,
                                         decision.authority_title)[:1000]
        decision.save(update_fields=["search_text"])
    items = DecisionItem.objects.select_related("unit", "award_type")
    batch = []
    for item in items.iterator(chunk_size=2000):
        item.search_text = fold_join(item.recipient_name, item.recipient_detail, item.unit.name,
                                     item.award_type.name)[:1000]
        batch.append(item)
        if len(batch) == 2000:
            DecisionItem.objects.bulk_update(batch, ["search_text"])
            batch = []
    DecisionItem.objects.bulk_update(batch, ["search_text"])


class Migration(migrations.Migration):

    dependencies = [
        ("decisions", "0003_summary_label"),
    ]

    operations = [
        migrations.AddField(
            model_name="decision",
            name="search_text",
            field=models.CharField(default="", editable=False, max_length=1000),
        ),
        migrations.AddField(
            model_name="decisionitem",
            name="search_text",
            field=models.CharField(default="", editable=False, max_length=1000),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
