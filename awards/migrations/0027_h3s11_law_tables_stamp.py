"""A stamp the database itself changes on every write to the law tables (issue 14, session 11
h3), so that each process may keep what it read from them (`awards.domain.parameters.law_tables`)
and check, with one primary-key read, that it is still the tables' contents.

Triggers rather than code: the law sync, the admin, data migrations, `QuerySet.update`,
`bulk_create`/`bulk_update` and hand-written SQL all change the tables, and only the database
sees every one of them. The stamp is never reused — PostgreSQL takes it from a sequence (a
rolled-back `nextval` is not handed out again), SQLite from `random()` (64 bits) — so a process
that built its parameters inside a transaction that then rolled back can never mistake them
for a later committed state. Watched: the legal values, the award parameters, the award types
(the coefficients are keyed by their code) and the granting authorities.
"""

from django.db import migrations

TABLES = ("awards_legalvalue", "awards_awardparameter", "awards_awardtype",
          "awards_grantingauthority")

POSTGRESQL = [
    "CREATE SEQUENCE awards_law_tables_stamp_seq",
    "CREATE TABLE awards_law_tables_stamp (id integer PRIMARY KEY CHECK (id = 1),"
    " stamp bigint NOT NULL)",
    "INSERT INTO awards_law_tables_stamp VALUES (1, nextval('awards_law_tables_stamp_seq'))",
    """CREATE FUNCTION awards_law_tables_bump() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        INSERT INTO awards_law_tables_stamp VALUES (1, nextval('awards_law_tables_stamp_seq'))
        ON CONFLICT (id) DO UPDATE SET stamp = EXCLUDED.stamp;
        RETURN NULL;
    END $$""",
    *(f"CREATE TRIGGER {table}_bump AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table}"
      " FOR EACH STATEMENT EXECUTE FUNCTION awards_law_tables_bump()" for table in TABLES),
]
POSTGRESQL_REVERSE = [
    *(f"DROP TRIGGER {table}_bump ON {table}" for table in TABLES),
    "DROP FUNCTION awards_law_tables_bump()",
    "DROP TABLE awards_law_tables_stamp",
    "DROP SEQUENCE awards_law_tables_stamp_seq",
]

_SQLITE_BUMP = "INSERT OR REPLACE INTO awards_law_tables_stamp VALUES (1, random());"
SQLITE = [
    "CREATE TABLE awards_law_tables_stamp (id integer PRIMARY KEY CHECK (id = 1),"
    " stamp bigint NOT NULL)",
    "INSERT INTO awards_law_tables_stamp VALUES (1, random())",
    *(f"CREATE TRIGGER {table}_{event.lower()}_bump AFTER {event} ON {table}"
      f" BEGIN {_SQLITE_BUMP} END"
      for table in TABLES for event in ("INSERT", "UPDATE", "DELETE")),
]
SQLITE_REVERSE = [
    *(f"DROP TRIGGER {table}_{event.lower()}_bump"
      for table in TABLES for event in ("INSERT", "UPDATE", "DELETE")),
    "DROP TABLE awards_law_tables_stamp",
]


def _run(statements: dict):
    def run(apps, schema_editor):
        for sql in statements[schema_editor.connection.vendor]:
            schema_editor.execute(sql, params=None)
    return run


class Migration(migrations.Migration):
    dependencies = [("awards", "0026_h1s10_rating_year_level")]

    operations = [
        migrations.RunPython(_run({"postgresql": POSTGRESQL, "sqlite": SQLITE}),
                             _run({"postgresql": POSTGRESQL_REVERSE,
                                   "sqlite": SQLITE_REVERSE})),
    ]
