from django.db import migrations

from core.domain.calendar import SEED_YEARS, seed_holidays


def seed(apps, schema_editor):
    seed_holidays(*SEED_YEARS, model=apps.get_model("core", "PublicHoliday"))


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
