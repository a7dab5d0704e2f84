"""The public epoch watches the households too (portal.domain.public_epoch.LEDGER_WATCHED): the
ledger search keeps a page's ids under it, and a household's name is among what it matches
(PostgreSQL only)."""

from django.db import migrations

from core.migration_ops import PostgresOnlySQL
from portal.domain import public_epoch


class Migration(migrations.Migration):

    dependencies = [
        ("portal", "0001_s15ha_public_epoch"),
    ]

    operations = [
        PostgresOnlySQL(public_epoch.PG_HOUSEHOLDS_CREATE, public_epoch.PG_HOUSEHOLDS_DROP),
    ]
