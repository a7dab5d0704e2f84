"""Load the granting-authority table (awards/data/authorities.py) into every database."""

from django.db import migrations

from awards.data.seed import seed_authorities


class Migration(migrations.Migration):

    dependencies = [
        ("awards", "0010_h4_granting_authority"),
    ]

    operations = [
        migrations.RunPython(seed_authorities, migrations.RunPython.noop),
    ]
