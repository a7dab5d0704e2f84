from django.db import migrations

from awards.data.seed import seed_criteria


class Migration(migrations.Migration):
    dependencies = [("awards", "0004_legal_criterion")]
    operations = [migrations.RunPython(seed_criteria, migrations.RunPython.noop)]
