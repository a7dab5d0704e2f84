"""The people's search columns copied to a narrow table kept by triggers (PostgreSQL only:
organisations.models.person_words). The model is unmanaged: its table is this migration's SQL,
which SQLite skips."""

import django.db.models.deletion
from django.db import migrations, models

from core.migration_ops import PostgresOnlySQL
from organisations.models import person_words


class Migration(migrations.Migration):

    dependencies = [
        ("organisations", "0007_s12hc_person_name_scope"),
    ]

    operations = [
        migrations.CreateModel(
            name="PersonWords",
            fields=[
                ("id", models.BigIntegerField(primary_key=True, serialize=False)),
                ("search_text", models.CharField(max_length=300)),
                ("province", models.ForeignKey(
                    db_constraint=False, null=True,
                    on_delete=django.db.models.deletion.DO_NOTHING, related_name="+",
                    to="organisations.unit")),
                ("unit", models.ForeignKey(
                    db_constraint=False, null=True,
                    on_delete=django.db.models.deletion.DO_NOTHING, related_name="+",
                    to="organisations.unit")),
            ],
            options={
                "db_table": "organisations_person_words",
                "ordering": ["search_text", "id"],
                "managed": False,
            },
        ),
        PostgresOnlySQL(person_words.PG_CREATE, person_words.PG_DROP),
    ]
