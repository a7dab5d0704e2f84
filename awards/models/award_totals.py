"""`AwardTotal` (live awards per unit, award type and year) kept by the database.

Why triggers, as for the province key (organisations.models.province_key): the ledger is written
by `save()` (entry, revocation, correction), `bulk_create`, `core.bulk.insert_rows` and
`insert_objects` (COPY on PostgreSQL), `QuerySet.update` and the demo's and benchmarks'
`INSERT … SELECT`; a trigger sees every one, and a path added tomorrow cannot forget it. The
totals are keyed by the record's own `unit`, which no reorganisation rewrites (the closure table
carries a merged unit's records to its successor when the dashboard reads), so moves and mergers
of units need nothing here.

PostgreSQL: one AFTER … FOR EACH STATEMENT trigger per event, reading the statement's transition
tables (`REFERENCING NEW TABLE`), so a million-row COPY does one grouped upsert of a few hundred
totals, not a million updates of the same hot rows. The upsert goes in key order, so two
statements touching the same totals lock them in the same order (no deadlock). SQLite has no
statement triggers: row triggers add or take one. A migration that remakes the ledger's table on
SQLite drops them: `install`, run after every `migrate` (awards.apps), puts them back, and
tests/awards/test_award_totals.py fails on every write path if one is missing.
"""

from core.migration_ops import run_statements, tables_exist

TABLE = "awards_awardrecord"
TOTALS = "awards_awardtotal"
KEY = "unit_id, award_type_id, year"
EVENTS = ("insert", "update", "delete")

# The rows a statement added (+1) and removed (−1), live ones only, netted per key.
_DELTAS = {
    "insert": f"SELECT {KEY}, 1 AS d FROM new_rows WHERE NOT revoked",
    "delete": f"SELECT {KEY}, -1 AS d FROM old_rows WHERE NOT revoked",
}
_DELTAS["update"] = f"{_DELTAS['insert']} UNION ALL {_DELTAS['delete']}"


def _pg_function(event: str) -> str:
    return f"""CREATE OR REPLACE FUNCTION tdkt_award_totals_{event}() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        INSERT INTO {TOTALS} AS t ({KEY}, live)
        SELECT {KEY}, SUM(d) FROM ({_DELTAS[event]}) AS changed
        GROUP BY {KEY} HAVING SUM(d) <> 0
        ORDER BY {KEY}
        ON CONFLICT ({KEY}) DO UPDATE SET live = t.live + EXCLUDED.live;
        RETURN NULL;
    END $$"""


# The transition tables a statement trigger of each event reads (proposals.models.proposal_totals
# too).
TRANSITIONS = {"insert": "NEW TABLE AS new_rows", "delete": "OLD TABLE AS old_rows",
               "update": "OLD TABLE AS old_rows NEW TABLE AS new_rows"}


def _pg_statements() -> list[str]:
    # An UPDATE trigger with transition tables cannot name columns (PostgreSQL refuses it): it
    # runs after every update of the ledger and finds nothing to add when the key and the
    # revocation did not change (the province key following a unit, a note corrected).
    statements = []
    for event in EVENTS:
        statements += [
            _pg_function(event),
            f"DROP TRIGGER IF EXISTS tdkt_award_totals_{event} ON {TABLE}",
            f"""CREATE TRIGGER tdkt_award_totals_{event} AFTER {event.upper()} ON {TABLE}
            REFERENCING {TRANSITIONS[event]} FOR EACH STATEMENT
            EXECUTE FUNCTION tdkt_award_totals_{event}()"""]
    return statements


def _sqlite_add(row: str, step: str) -> str:
    # `WHERE true` before ON CONFLICT: SQLite's parser needs it after a SELECT (its docs, UPSERT).
    return (f"INSERT INTO {TOTALS} ({KEY}, live) "
            f"SELECT {row}.unit_id, {row}.award_type_id, {row}.year, {step} WHERE true "
            f"ON CONFLICT ({KEY}) DO UPDATE SET live = live + {step};")


def _sqlite_statements() -> list[str]:
    return [
        *(f"DROP TRIGGER IF EXISTS tdkt_award_totals_{event}" for event in EVENTS),
        f"""CREATE TRIGGER tdkt_award_totals_insert AFTER INSERT ON {TABLE}
        WHEN NOT NEW.revoked BEGIN {_sqlite_add("NEW", "1")} END""",
        f"""CREATE TRIGGER tdkt_award_totals_delete AFTER DELETE ON {TABLE}
        WHEN NOT OLD.revoked BEGIN {_sqlite_add("OLD", "-1")} END""",
        f"""CREATE TRIGGER tdkt_award_totals_update
        AFTER UPDATE OF unit_id, award_type_id, year, revoked ON {TABLE}
        BEGIN
            {_sqlite_add("OLD", "-1").replace("WHERE true", "WHERE NOT OLD.revoked")}
            {_sqlite_add("NEW", "1").replace("WHERE true", "WHERE NOT NEW.revoked")}
        END""",
    ]


READY_TABLES = {TABLE, TOTALS}  # install and recount wait for them


def install(connection) -> None:
    """The triggers, again (idempotent): from the migration and after every `migrate`."""
    if not tables_exist(connection, READY_TABLES):
        return
    run_statements(connection, _pg_statements() if connection.vendor == "postgresql"
         else _sqlite_statements())


def uninstall(connection) -> None:
    if connection.vendor == "postgresql":
        run_statements(connection, [f"DROP TRIGGER IF EXISTS tdkt_award_totals_{event} ON {TABLE}"
                          for event in EVENTS])
    else:
        run_statements(connection, [f"DROP TRIGGER IF EXISTS tdkt_award_totals_{event}"
                          for event in EVENTS])


def recount(connection) -> None:
    """Every total from the ledger, in one grouped pass (the migration's backfill; a repair).
    On PostgreSQL the ledger is locked against writes (reads go on) until the transaction ends,
    so no record is written between the count and the triggers taking over."""
    if not tables_exist(connection, READY_TABLES):  # a migrate stopped before the tables
        return
    statements = [f"DELETE FROM {TOTALS}",
                  f"INSERT INTO {TOTALS} ({KEY}, live) SELECT {KEY}, COUNT(*) FROM {TABLE} "
                  f"WHERE NOT revoked GROUP BY {KEY}"]
    if connection.vendor == "postgresql":
        statements.insert(0, f"LOCK TABLE {TABLE} IN SHARE ROW EXCLUSIVE MODE")
    run_statements(connection, statements)
