"""Migration operations shared by the apps (plumbing: imports no app)."""

from django.db import migrations


class PostgresOnlySQL(migrations.RunSQL):
    """SQL that only PostgreSQL understands (extensions, trigram indexes): run there, a no-op on
    SQLite, whose lists keep working through the plain LIKE the same queries already use."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


def trigram_index(table: str, name: str, expression: str, *,
                  concurrently: bool = False) -> PostgresOnlySQL:
    """A pg_trgm GIN index on `expression` of `table`: `LIKE '%word%'` (Django's `contains`
    on the folded search columns) uses it instead of reading every row. The extension is
    trusted (PostgreSQL ≥ 13), so the database owner may create it. `concurrently` builds it
    without blocking writes to a large live table (only in a migration with `atomic = False`)."""
    how = "CONCURRENTLY " if concurrently else ""
    return PostgresOnlySQL(
        ["CREATE EXTENSION IF NOT EXISTS pg_trgm",
         f"CREATE INDEX {how}IF NOT EXISTS {name} ON {table} "
         f"USING gin ({expression} gin_trgm_ops)"],
        [f"DROP INDEX {how}IF EXISTS {name}"])


def run_statements(connection, statements: list[str]) -> None:
    """Each statement in turn on `connection`'s cursor: the trigger modules' installs (the
    province key, the award and proposal totals), from their migrations and after `migrate`."""
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def tables_exist(connection, tables: set[str]) -> bool:
    """Whether every one of `tables` exists yet (a `migrate` may stop before them)."""
    return tables <= set(connection.introspection.table_names())
