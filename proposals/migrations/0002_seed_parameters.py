from django.db import migrations

from proposals.data.parameters import seed_parameters


class Migration(migrations.Migration):
    dependencies = [("proposals", "0001_initial")]

    operations = [migrations.RunPython(seed_parameters, migrations.RunPython.noop)]
