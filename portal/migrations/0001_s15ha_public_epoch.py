"""The public portal's commit epoch (portal.domain.public_epoch): bumped once at the commit of
each transaction writing a table a portal page reads (PostgreSQL only)."""

from django.db import migrations

from core.migration_ops import PostgresOnlySQL
from portal.domain import public_epoch


class Migration(migrations.Migration):

    dependencies = [
        ("awards", "0027_h3s11_law_tables_stamp"),
        ("decisions", "0010_h5_decision_pdf"),
        ("emulation", "0011_h12_replications"),
        ("organisations", "0009_s14ha_person_words_epoch"),
        ("proposals", "0011_h7_list_order_index"),
    ]

    operations = [
        PostgresOnlySQL(public_epoch.PG_CREATE, public_epoch.PG_DROP),
    ]
