from django.db import migrations

from reports.data.parameters import seed_parameters


class Migration(migrations.Migration):
    dependencies = [("reports", "0001_reporting")]

    operations = [migrations.RunPython(seed_parameters, migrations.RunPython.noop)]
