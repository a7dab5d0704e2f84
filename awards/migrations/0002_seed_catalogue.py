from django.db import migrations

from awards.data.seed import seed_catalogue


def unseed(apps, schema_editor):
    """Reversing the migration empties the seeded tables (development only)."""
    for model in ("AwardParameter", "AwardType", "BaseSalary", "RoundingRule"):
        apps.get_model("awards", model).objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("awards", "0001_initial")]
    operations = [migrations.RunPython(seed_catalogue, unseed)]
