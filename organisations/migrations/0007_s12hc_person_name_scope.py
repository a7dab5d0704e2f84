"""The name order with the scope's columns in its leaves (PostgreSQL only: SQLite has no INCLUDE).

A page by number (`?page=50`) walks the name order to its offset; with `unit_id` and
`province_id` in the index the walk checks the scope (`unit_id IS NOT NULL`, a unit in the
closure, a province) without visiting the table, and reads only the page's 51 rows by id
(core.interfaces.paging.paginate's `ids_first`): 2,501 heap rows become 51.
"""

from django.db import migrations

from core.migration_ops import PostgresOnlySQL


class Migration(migrations.Migration):

    dependencies = [
        ("organisations", "0006_h1s10_person_unit_id"),
    ]

    operations = [
        PostgresOnlySQL(
            ["CREATE INDEX IF NOT EXISTS person_name_scope ON organisations_person "
             "(search_text, id) INCLUDE (unit_id, province_id)"],
            ["DROP INDEX IF EXISTS person_name_scope"]),
    ]
