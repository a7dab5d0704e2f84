"""The proposal search's trigram indexes without a pending list (PostgreSQL only).

A GIN index gathers new entries in a pending list (`fastupdate`) until a vacuum merges them, and
the planner prices a read through that list above reading the table: a day of proposals written
(`make load`'s 160 a run) turned the search into a read of every proposal — 7.3 ms of the
statement on the kept province's 7,562, against 0.09 ms once the lists were merged (session 17).
Proposals are written a few dozen times a day, so each entry goes into the index at once; the
lists already pending are merged here."""

from django.db import migrations

from core.migration_ops import PostgresOnlySQL

INDEXES = ("proposal_code_trgm", "proposal_title_trgm", "proposal_letter_number_trgm")


class Migration(migrations.Migration):

    dependencies = [
        ("proposals", "0013_s15_proposal_totals"),
    ]

    operations = [
        PostgresOnlySQL(
            [*(f"ALTER INDEX {name} SET (fastupdate = off)" for name in INDEXES),
             *(f"SELECT gin_clean_pending_list('{name}'::regclass)" for name in INDEXES)],
            [f"ALTER INDEX {name} SET (fastupdate = on)" for name in INDEXES]),
    ]
