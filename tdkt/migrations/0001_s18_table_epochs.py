"""Commit epochs per table (core.table_epochs, PostgreSQL only): every table of the project's
apps watched, so that a signed-in user's page may be kept under the epochs of the tables it
reads (core.interfaces.kept_pages). Here, in the project package, because the tables and the
other epochs (the people's search copy's, the portal's) belong to the apps; a table created by
a later migration is watched by a migration of its own (tests/core/test_table_epochs.py fails
on a table of ours without the trigger)."""

import re

from django.db import migrations

from core import table_epochs
from core.migration_ops import run_statements
from organisations.models.person_words import EPOCH_TABLE as PEOPLE_EPOCH_TABLE
from portal.domain.public_epoch import EPOCH_TABLE as PUBLIC_EPOCH_TABLE

# The other epochs' rows, in the order their own bumps take them (portal.domain.public_epoch).
LOCK_FIRST = [f"PERFORM 1 FROM {PEOPLE_EPOCH_TABLE} WHERE id = 1 FOR UPDATE",
              f"PERFORM 1 FROM {PUBLIC_EPOCH_TABLE} WHERE id = 1 FOR UPDATE"]
APPS = ("accounts", "audit", "awards", "claims", "core", "decisions", "emulation", "imports",
        "notifications", "organisations", "portal", "proposals", "reports")
# The epochs' own tables and queues: written at commit by the bumps themselves.
NOT_WATCHED = re.compile(r".*_epoch(_queue)?$")


def watched_tables(connection) -> list[str]:
    """Every table of the project's apps but the epochs' own."""
    return sorted(name for name in connection.introspection.table_names()
                  if name.split("_", 1)[0] in APPS and not NOT_WATCHED.match(name))


def forwards(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    run_statements(connection, [*table_epochs.pg_create(LOCK_FIRST),
                                *(statement for table in watched_tables(connection)
                                  for statement in table_epochs.pg_watch(table))])


def backwards(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    run_statements(connection, [*(statement for table in watched_tables(connection)
                                  for statement in table_epochs.pg_unwatch(table)),
                                *table_epochs.PG_DROP])


class Migration(migrations.Migration):

    dependencies = [
        ("accounts", "0006_h5_document_desk_role"),
        ("audit", "0004_unit_log_order"),
        ("awards", "0029_hcs16_unit_ledger_person"),
        ("claims", "0001_h8_initial"),
        ("core", "0002_seed_holidays"),
        ("decisions", "0010_h5_decision_pdf"),
        ("emulation", "0011_h12_replications"),
        ("imports", "0001_initial"),
        ("notifications", "0001_initial"),
        ("organisations", "0009_s14ha_person_words_epoch"),
        ("portal", "0002_s17hc_household_epoch"),
        ("proposals", "0014_s17_trigram_fastupdate_off"),
        ("reports", "0003_export_jobs"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
