"""Commit epochs per table (PostgreSQL only): for each watched table a number the database
changes at the commit of every transaction that wrote it, so that a process may keep a page
under the epochs of the tables it reads (core.interfaces.kept_pages) and know, with one small
statement a request, whether what it kept is still what the page would show.

How, as the portal's public epoch (portal.domain.public_epoch) does it, per table:

- each watched table has a statement-level trigger (once per statement whatever its rows: a
  100,000-row `INSERT … SELECT` calls it once) that adds the table's name to a
  transaction-local setting (FLAG; undone with a rolled-back savepoint, together with the
  writes it stood for) and, for the transaction's first watched write, inserts one row into
  QUEUE_TABLE;
- that row's DEFERRABLE INITIALLY DEFERRED constraint trigger runs at commit: it gives each
  written table's row a new number from one sequence (never a number twice: a rolled-back bump,
  a table emptied and filled) and deletes the queue's row. A bump at write time would hold the
  rows' locks for the writer's whole transaction (an import of 100,000 awards would block every
  other writer of the table until it commits); at commit the locks last from the trigger to the
  commit record.

A reader takes the epochs of its tables as one tuple (EPOCHS_SQL). Each table's number only
ever grows and its row's updates are serialised by the row's lock, so the tuple changes with
every commit that wrote one of them: a page read after the tuple was read, and kept under it,
was read at those epochs or later ones, never earlier ones.

Locks in one order: a committing transaction may bump other epochs too (the people's search
copy's, the portal's), each under its own row's lock. Taken in different orders by two
transactions they would deadlock, so the bump here first takes `lock_first`'s rows — the other
epochs' rows, in the order their own bumps take them — then its tables' rows sorted by name.

Plumbing: names no app. The migration that installs it (tdkt/migrations) names the other epochs
and the tables to watch.
"""

import re
import time
import weakref
import zlib

try:
    from psycopg import pq
except ImportError:  # SQLite only: no epochs
    pq = None

EPOCH_TABLE = "core_table_epoch"
QUEUE_TABLE = "core_table_epoch_queue"
EPOCH_SEQUENCE = f"{EPOCH_TABLE}_seq"
FLAG = "tdkt.written_tables"
TRIGGER = "tdkt_table_epoch"

# The tables' epochs in the order of their names, and whether this transaction has written (it
# may then see rows no other transaction sees yet, under epochs its commit will change: it
# neither keeps a page nor reads a kept one). A name without a row is missing from the array.
# The names are written into the statement (code's own table names, checked): a list parameter
# cost psycopg ~0.2 ms a request to inspect.
EPOCHS_SQL = ("SELECT array_agg(epoch ORDER BY name), count(*),"
              " pg_current_xact_id_if_assigned() IS NULL"
              f" FROM {EPOCH_TABLE} WHERE name IN ({{names}})")
_NAME = re.compile(r"^[a-z_][a-z0-9_]*$")
_statements: dict[tuple[str, ...], str] = {}


def epochs_sql(tables: tuple[str, ...]) -> str:
    """The statement reading `tables`' epochs (sorted names), made once per tuple."""
    if (sql := _statements.get(tables)) is None:
        if not tables or not all(_NAME.match(table) for table in tables):
            raise ValueError(f"not table names: {tables!r}")
        sql = _statements[tables] = EPOCHS_SQL.format(
            names=", ".join(f"'{table}'" for table in tables))
    return sql


def pg_create(lock_first: list[str]) -> list[str]:
    """The epoch table, its sequence, the queue and the two functions. `lock_first`: statements
    locking the other epochs' rows, in their bumps' own order (module doc)."""
    locks = "\n        ".join(f"{statement};" for statement in lock_first)
    return [
        f"CREATE SEQUENCE IF NOT EXISTS {EPOCH_SEQUENCE}",
        f"""CREATE TABLE IF NOT EXISTS {EPOCH_TABLE} (name text PRIMARY KEY,
            epoch bigint NOT NULL)""",
        f"""CREATE TABLE IF NOT EXISTS {QUEUE_TABLE} (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY)""",
        f"""CREATE OR REPLACE FUNCTION tdkt_table_epoch_bump() RETURNS trigger
        LANGUAGE plpgsql AS $$
        DECLARE
            written text[] := string_to_array(
                trim(both ',' from coalesce(current_setting('{FLAG}', true), '')), ',');
        BEGIN
            {locks}
            PERFORM 1 FROM {EPOCH_TABLE} WHERE name = ANY(written) ORDER BY name FOR UPDATE;
            UPDATE {EPOCH_TABLE} SET epoch = nextval('{EPOCH_SEQUENCE}')
             WHERE name = ANY(written);
            DELETE FROM {QUEUE_TABLE} WHERE id = NEW.id;
            RETURN NULL;
        END $$""",
        f"DROP TRIGGER IF EXISTS tdkt_table_epoch_bump ON {QUEUE_TABLE}",
        f"""CREATE CONSTRAINT TRIGGER tdkt_table_epoch_bump AFTER INSERT ON {QUEUE_TABLE}
        DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION tdkt_table_epoch_bump()""",
        # A watched table's statement: its name added once, the transaction's bump queued once.
        f"""CREATE OR REPLACE FUNCTION tdkt_table_epoch_queue() RETURNS trigger
        LANGUAGE plpgsql AS $$
        DECLARE
            written text := coalesce(current_setting('{FLAG}', true), '');
        BEGIN
            IF position(',' || TG_TABLE_NAME || ',' IN written) = 0 THEN
                IF written = '' THEN
                    INSERT INTO {QUEUE_TABLE} DEFAULT VALUES;
                    written := ',';
                END IF;
                PERFORM set_config('{FLAG}', written || TG_TABLE_NAME || ',', true);
            END IF;
            RETURN NULL;
        END $$""",
    ]


PG_DROP = [
    f"DROP TABLE IF EXISTS {QUEUE_TABLE}",
    "DROP FUNCTION IF EXISTS tdkt_table_epoch_queue()",
    "DROP FUNCTION IF EXISTS tdkt_table_epoch_bump()",
    f"DROP TABLE IF EXISTS {EPOCH_TABLE}",
    f"DROP SEQUENCE IF EXISTS {EPOCH_SEQUENCE}",
]


def pg_watch(table: str) -> list[str]:
    """`table` watched: its epoch's row, and the trigger adding it to a transaction's writes."""
    return [f"""INSERT INTO {EPOCH_TABLE} VALUES ('{table}', nextval('{EPOCH_SEQUENCE}'))
                ON CONFLICT (name) DO NOTHING""",
            f"DROP TRIGGER IF EXISTS {TRIGGER} ON {table}",
            f"""CREATE TRIGGER {TRIGGER} AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table}
                FOR EACH STATEMENT EXECUTE FUNCTION tdkt_table_epoch_queue()"""]


def pg_unwatch(table: str) -> list[str]:
    return [f"DROP TRIGGER IF EXISTS {TRIGGER} ON {table}",
            f"DELETE FROM {EPOCH_TABLE} WHERE name = '{table}'"]


def epochs(connection, tables: tuple[str, ...]) -> tuple | None:
    """The epochs of `tables` (sorted names), or None where nothing may be kept: not
    PostgreSQL, a transaction that has written, a table not watched (a page keyed without it
    would never see its writes), or the statement failed (the page is then rendered, and meets
    whatever failed itself).

    Outside a transaction block (a GET view: Django's autocommit) sent through libpq itself,
    prepared once per connection: a kept page costs the signed-in request and this statement,
    and through Django's cursor and psycopg's Python layers it was ~0.3 ms of a kept page's
    ~1.2 ms of CPU in process (docs/performance.md, session 18). Logged as Django logs a
    statement where it does (the tests' CaptureQueriesContext, DEBUG). Inside a block (a test's
    transaction, a view in `atomic`) through Django's cursor: a failed statement there would
    abort the block, and psycopg deallocates every prepared statement when it sees a ROLLBACK
    (a savepoint's too), which only a failed execution would tell this connection."""
    if connection.vendor != "postgresql":
        return None
    connection.ensure_connection()
    connection.validate_thread_sharing()
    sql = epochs_sql(tables)
    raw = connection.connection
    if raw.pgconn.transaction_status != pq.TransactionStatus.IDLE:
        with connection.cursor() as cursor:
            cursor.execute(sql)
            values, found, clean = cursor.fetchone()
        return tuple(values) if clean and values is not None and found == len(tables) else None
    started = time.monotonic()
    row = _prepared_row(raw.pgconn, sql)
    if connection.queries_logged:
        connection.queries_log.append({"sql": sql, "time": f"{time.monotonic() - started:.3f}"})
    if row is None:
        return None
    values, found, clean = row
    if clean != b"t" or values is None or int(found) != len(tables):
        return None
    return tuple(int(value) for value in values.strip(b"{}").split(b","))


def _prepared_row(pgconn, sql: str) -> tuple | None:
    """The statement's one row as libpq's text values, prepared on `pgconn` the first time and
    again when the connection lost it (psycopg's DEALLOCATE ALL); None when it failed."""
    name = f"tdkt_epochs_{zlib.crc32(sql.encode()):08x}".encode()
    prepared = _prepared.setdefault(pgconn, set())
    for _attempt in range(2):
        if name not in prepared:
            if pgconn.prepare(name, sql.encode()).status != pq.ExecStatus.COMMAND_OK:
                return None
            prepared.add(name)
        result = pgconn.exec_prepared(name, [])
        if result.status == pq.ExecStatus.TUPLES_OK and result.ntuples == 1:
            return tuple(result.get_value(0, column) for column in range(3))
        prepared.discard(name)
    return None


# The statements prepared on each libpq connection (gone with it).
_prepared: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()
