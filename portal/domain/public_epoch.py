"""The public portal's commit epoch (migration portal/0001, PostgreSQL only): a number the
database changes once for each transaction that writes any table a portal page reads, at its
commit, so that a process may keep a portal page's content under it (portal.interfaces.kept)
and know, with one small statement a request, whether what it kept is still what the page
would show.

Bumped at commit, by a DEFERRABLE INITIALLY DEFERRED constraint trigger, as the people's search
epoch is (organisations.models.person_words): a bump at write time would hold the epoch row's
lock for the writer's whole transaction (an import of 100,000 awards would block every other
writer of a watched table until it commits); at commit the lock lasts from the trigger to the
commit record. The numbers come from a sequence, so no number is ever given twice (a
rolled-back bump, a table emptied and filled).

Once per transaction, and without a trigger per row: each watched table has a statement-level
trigger (it fires once per statement whatever its rows, so a 100,000-row `INSERT … SELECT`
calls it once) which, the first time in a transaction (FLAG, a transaction-local setting, undone
with a rolled-back savepoint together with what it queued), inserts one row into QUEUE_TABLE;
that row's deferred constraint trigger makes the bump at commit and deletes the row. A
constraint trigger must be FOR EACH ROW: on the watched tables themselves it would queue an
event for every row written (its WHEN is evaluated as each row is written). TRUNCATE (the test
suite's flush) goes the same way. A statement writing no row still bumps: a page read again,
never a stale one.

Two epochs are bumped at commit, each under its row's lock: this one and the people's search
copy's (organisations.models.person_words), whose deferred events a transaction may queue in
either order (a person written first, or a unit). Taken in opposite orders by two committing
transactions they would deadlock; the bump here takes the people's epoch row first, so that
both are always taken in the same order.
"""

from organisations.models.person_words import EPOCH_TABLE as PEOPLE_EPOCH_TABLE

EPOCH_TABLE = "portal_public_epoch"
QUEUE_TABLE = "portal_public_epoch_queue"
EPOCH_SEQUENCE = f"{EPOCH_TABLE}_seq"
FLAG = "tdkt.public_epoch"

# Every table a kept portal page reads (tests/portal/test_kept.py captures the tables in the
# pages' statements and fails when one is missing here), and the ledger search's besides the
# people's search copy's (the households: LEDGER_WATCHED, migration portal/0002).
WATCHED = (
    "awards_awardrecord", "awards_awardtype",
    "decisions_certificate", "decisions_credential", "decisions_decision",
    "decisions_decisionitem", "decisions_decisionpdf",
    "emulation_exemplar", "emulation_movement", "emulation_replication",
    "organisations_collective", "organisations_household", "organisations_person",
    "organisations_unit", "proposals_consultation", "proposals_proposal",
)
# The tables the back office's ledger search reads (awards.domain.queries.search: its records,
# titles, units, people, collectives, households) but the people's search copy and the unit
# closure, whose own epoch it reads besides this one (`watch_ledger`): this epoch moves with
# every write of them, so the search may keep a page's ids under both (tests/awards/
# test_ledger_search_ids.py captures the tables in the search's statements).
LEDGER_WATCHED = ("awards_awardrecord", "awards_awardtype", "organisations_collective",
                  "organisations_household", "organisations_person", "organisations_unit")
LEDGER_EPOCH_SQL = f"SELECT epoch FROM {EPOCH_TABLE} WHERE id = 1"

# The epoch and whether this transaction has written (it may then see rows no other sees yet,
# under an epoch its commit will change: it neither keeps a page nor reads a kept one).
EPOCH_SQL = (f"SELECT epoch, pg_current_xact_id_if_assigned() IS NULL FROM {EPOCH_TABLE}"
             f" WHERE id = 1")

def _watching(table: str) -> tuple[str, str]:
    """The statements putting `table`'s trigger (queueing the transaction's bump) in place."""
    return (f"DROP TRIGGER IF EXISTS tdkt_public_epoch ON {table}",
            f"""CREATE TRIGGER tdkt_public_epoch AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE
        ON {table} FOR EACH STATEMENT EXECUTE FUNCTION tdkt_public_epoch_queue()""")


# Watched since migration portal/0002 (the ledger search's households): its own trigger.
HOUSEHOLDS = "organisations_household"
PG_HOUSEHOLDS_CREATE = list(_watching(HOUSEHOLDS))
PG_HOUSEHOLDS_DROP = [f"DROP TRIGGER IF EXISTS tdkt_public_epoch ON {HOUSEHOLDS}"]

PG_CREATE = [
    f"CREATE SEQUENCE IF NOT EXISTS {EPOCH_SEQUENCE}",
    f"""CREATE TABLE IF NOT EXISTS {EPOCH_TABLE} (id integer PRIMARY KEY CHECK (id = 1),
        epoch bigint NOT NULL)""",
    f"""INSERT INTO {EPOCH_TABLE} VALUES (1, nextval('{EPOCH_SEQUENCE}'))
        ON CONFLICT (id) DO NOTHING""",
    f"""CREATE TABLE IF NOT EXISTS {QUEUE_TABLE} (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY)""",
    # At commit: the bump, and the queue's row gone (the queue stays empty between writers).
    f"""CREATE OR REPLACE FUNCTION tdkt_public_epoch_bump() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        PERFORM 1 FROM {PEOPLE_EPOCH_TABLE} WHERE id = 1 FOR UPDATE;
        UPDATE {EPOCH_TABLE} SET epoch = nextval('{EPOCH_SEQUENCE}') WHERE id = 1;
        DELETE FROM {QUEUE_TABLE} WHERE id = NEW.id;
        RETURN NULL;
    END $$""",
    f"DROP TRIGGER IF EXISTS tdkt_public_epoch_bump ON {QUEUE_TABLE}",
    f"""CREATE CONSTRAINT TRIGGER tdkt_public_epoch_bump AFTER INSERT ON {QUEUE_TABLE}
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION tdkt_public_epoch_bump()""",
    # A watched table's statement: the transaction's one bump queued, the first time only.
    f"""CREATE OR REPLACE FUNCTION tdkt_public_epoch_queue() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        IF coalesce(current_setting('{FLAG}', true), '') = '' THEN
            PERFORM set_config('{FLAG}', 'queued', true);
            INSERT INTO {QUEUE_TABLE} DEFAULT VALUES;
        END IF;
        RETURN NULL;
    END $$""",
    *(statement for table in WATCHED for statement in _watching(table)),
]

PG_DROP = [
    *(f"DROP TRIGGER IF EXISTS tdkt_public_epoch ON {table}" for table in WATCHED),
    f"DROP TABLE IF EXISTS {QUEUE_TABLE}",
    "DROP FUNCTION IF EXISTS tdkt_public_epoch_queue()",
    "DROP FUNCTION IF EXISTS tdkt_public_epoch_bump()",
    f"DROP TABLE IF EXISTS {EPOCH_TABLE}",
    f"DROP SEQUENCE IF EXISTS {EPOCH_SEQUENCE}",
]
