"""A narrow copy of the people's search columns, kept by PostgreSQL's triggers (PostgreSQL only).

Why: a search's matches are found by the trigram index of `search_text`, which can only say
which rows may match: every candidate is rechecked in its table row. A person's row is wide
(14 a page of 8 kB), so the 4,580 people holding "hoang" were rechecked in 2,262 pages of the
table, and sorting them for their first page cost 6–7.5 ms of PostgreSQL; the planner,
estimating 5,188 of them, walked the name order instead (37,388 rows filtered out before the
first "hoang": 12 ms). This table holds only what a search page's ids need — the person's id,
the folded text, the scope's columns — about 100 people a page, with its own trigram index:
the same 4,580 matches are found, rechecked and sorted in ~1.8 ms, and the page then reads its
51 people by primary key (core.interfaces.paging.paginate's `matched=`).

Kept by triggers, not Python, as the province key is (organisations.models.province_key):
people are written by the ORM, `bulk_create`, `QuerySet.update`, executemany and `INSERT …
SELECT`, and a row-level trigger sees every one of them in the writer's transaction: the copy
is never stale, not even inside that transaction. The trigger runs AFTER the province key's
BEFORE trigger, so it copies the final `province_id`; a unit moving to another province updates
its people's `province_id`, which fires it. TRUNCATE (the test suite's flush) empties the copy.

SQLite has no trigram index to spare the table's rows: there is no copy (the model is not
managed, the migration is PostgreSQL's only), and the people list searches the people.
"""

from django.db import models

TABLE = "organisations_person_words"
EPOCH_TABLE = "organisations_person_words_epoch"
# The transaction-local setting saying this transaction's epoch bump is queued ('queued') or done
# ('bumped'): PG_EPOCH_CREATE.
EPOCH_FLAG = "tdkt.person_words_epoch"

PG_WORDS_FUNCTION = f"""CREATE OR REPLACE FUNCTION tdkt_person_words() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'TRUNCATE' THEN
            TRUNCATE {TABLE};
        ELSIF TG_OP = 'DELETE' THEN
            DELETE FROM {TABLE} WHERE id = OLD.id;
        ELSE
            IF TG_OP = 'UPDATE' AND OLD.id <> NEW.id THEN
                DELETE FROM {TABLE} WHERE id = OLD.id;
            END IF;
            -- A person saved with the same search columns (every edit of a phone number)
            -- leaves the copy alone: no dead row, no new commit epoch.
            INSERT INTO {TABLE} AS words (id, search_text, unit_id, province_id)
            VALUES (NEW.id, NEW.search_text, NEW.unit_id, NEW.province_id)
            ON CONFLICT (id) DO UPDATE SET search_text = EXCLUDED.search_text,
                unit_id = EXCLUDED.unit_id, province_id = EXCLUDED.province_id
            WHERE (words.search_text, words.unit_id, words.province_id)
                IS DISTINCT FROM (EXCLUDED.search_text, EXCLUDED.unit_id, EXCLUDED.province_id);
        END IF;
        -- The copy's row written: its deferred epoch trigger has been queued (its WHEN is
        -- evaluated as the row is written, before this line), so this transaction's further
        -- rows need not queue one each (PG_EPOCH_CREATE).
        IF FOUND AND coalesce(current_setting('{EPOCH_FLAG}', true), '') = '' THEN
            PERFORM set_config('{EPOCH_FLAG}', 'queued', true);
        END IF;
        RETURN NULL;
    END $$"""

PG_CREATE = [
    f"""CREATE TABLE IF NOT EXISTS {TABLE} (
        id bigint PRIMARY KEY, search_text varchar(300) NOT NULL,
        unit_id bigint NULL, province_id bigint NULL)""",
    # Filled in name order: the people of one family name then share a few pages of the copy
    # ("hoang": 4,580 people in 48 pages), which the recheck of the trigram index's candidates
    # reads; people added later are appended wherever there is room.
    f"""INSERT INTO {TABLE} (id, search_text, unit_id, province_id)
        SELECT id, search_text, unit_id, province_id FROM organisations_person
        ORDER BY search_text, id ON CONFLICT (id) DO NOTHING""",
    f"CREATE INDEX IF NOT EXISTS person_words_trgm ON {TABLE} USING gin (search_text gin_trgm_ops)",
    # An officer's scope is `unit_id IN (the closure's units)`: few units of many.
    f"CREATE INDEX IF NOT EXISTS person_words_unit ON {TABLE} (unit_id)",
    PG_WORDS_FUNCTION,
    "DROP TRIGGER IF EXISTS tdkt_person_words ON organisations_person",
    """CREATE TRIGGER tdkt_person_words
    AFTER INSERT OR DELETE OR UPDATE OF id, search_text, unit_id, province_id
    ON organisations_person FOR EACH ROW EXECUTE FUNCTION tdkt_person_words()""",
    "DROP TRIGGER IF EXISTS tdkt_person_words_truncate ON organisations_person",
    """CREATE TRIGGER tdkt_person_words_truncate AFTER TRUNCATE ON organisations_person
    FOR EACH STATEMENT EXECUTE FUNCTION tdkt_person_words()""",
    f"ANALYZE {TABLE}",
]

PG_DROP = [
    "DROP TRIGGER IF EXISTS tdkt_person_words_truncate ON organisations_person",
    "DROP TRIGGER IF EXISTS tdkt_person_words ON organisations_person",
    "DROP FUNCTION IF EXISTS tdkt_person_words()",
    f"DROP TABLE IF EXISTS {TABLE}",
]


# The copy's commit epoch (migration organisations/0009): a number the database changes once for
# each transaction that writes the copy, in that transaction, so that a process may keep a
# search page's ids under it (core.interfaces.paging.paginate_kept's `epoch`) and know, in the
# statement that reads the page by those ids, whether they are still the search's. The
# unit closure is watched too: an officer's scope is read through it.
#
# Bumped at commit, by a DEFERRABLE INITIALLY DEFERRED constraint trigger: a bump at statement
# time would hold the epoch row's lock for the writer's whole transaction (an import of 100,000
# people would block every officer's edit of a person until it commits); at commit the lock
# lasts from the trigger to the commit record. A sequence alone would not do: its `nextval` is
# seen by everyone before the transaction's rows are. The numbers come from a sequence all the
# same, so that no number is ever given twice (a rolled-back bump, a table emptied and filled).
# Once per transaction: a constraint trigger's WHEN is evaluated as the row is written (a false
# one queues nothing), and the copy's writer marks the transaction 'queued' after its first
# row (EPOCH_FLAG, set_config(…, true): transaction-local, undone with a rolled-back savepoint
# together with the event it queued); the bump itself marks it 'bumped' and skips the events
# queued before the mark (the first statement's rows, the closure's). TRUNCATE bumps at once
# (it holds the table's exclusive lock anyway).
EPOCH_SEQUENCE = f"{EPOCH_TABLE}_seq"
EPOCH_SQL = f"SELECT epoch FROM {EPOCH_TABLE} WHERE id = 1"
_NOT_QUEUED = f"coalesce(current_setting('{EPOCH_FLAG}', true), '') NOT IN ('queued', 'bumped')"
_WATCHED = (TABLE, "organisations_unitclosure")

PG_EPOCH_CREATE = [
    f"CREATE SEQUENCE IF NOT EXISTS {EPOCH_SEQUENCE}",
    f"""CREATE TABLE IF NOT EXISTS {EPOCH_TABLE} (id integer PRIMARY KEY CHECK (id = 1),
        epoch bigint NOT NULL)""",
    f"""INSERT INTO {EPOCH_TABLE} VALUES (1, nextval('{EPOCH_SEQUENCE}'))
        ON CONFLICT (id) DO NOTHING""",
    f"""CREATE OR REPLACE FUNCTION tdkt_person_words_bump() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_LEVEL = 'ROW' AND current_setting('{EPOCH_FLAG}', true) = 'bumped' THEN
            RETURN NULL;
        END IF;
        PERFORM set_config('{EPOCH_FLAG}', 'bumped', true);
        INSERT INTO {EPOCH_TABLE} VALUES (1, nextval('{EPOCH_SEQUENCE}'))
        ON CONFLICT (id) DO UPDATE SET epoch = EXCLUDED.epoch;
        RETURN NULL;
    END $$""",
    *(statement for table in _WATCHED for statement in (
        f"DROP TRIGGER IF EXISTS tdkt_person_words_epoch ON {table}",
        f"""CREATE CONSTRAINT TRIGGER tdkt_person_words_epoch
        AFTER INSERT OR UPDATE OR DELETE ON {table} DEFERRABLE INITIALLY DEFERRED
        FOR EACH ROW WHEN ({_NOT_QUEUED}) EXECUTE FUNCTION tdkt_person_words_bump()""",
        f"DROP TRIGGER IF EXISTS tdkt_person_words_epoch_truncate ON {table}",
        f"""CREATE TRIGGER tdkt_person_words_epoch_truncate AFTER TRUNCATE ON {table}
        FOR EACH STATEMENT EXECUTE FUNCTION tdkt_person_words_bump()""")),
]

PG_EPOCH_DROP = [
    *(statement for table in _WATCHED for statement in (
        f"DROP TRIGGER IF EXISTS tdkt_person_words_epoch_truncate ON {table}",
        f"DROP TRIGGER IF EXISTS tdkt_person_words_epoch ON {table}")),
    "DROP FUNCTION IF EXISTS tdkt_person_words_bump()",
    f"DROP TABLE IF EXISTS {EPOCH_TABLE}",
    f"DROP SEQUENCE IF EXISTS {EPOCH_SEQUENCE}",
]


class PersonWords(models.Model):
    """A person's id, folded search text and scope columns (the module's doc): read only, for
    a search page's ids, filtered by the same scope and words as the person list."""

    id = models.BigIntegerField(primary_key=True)
    search_text = models.CharField(max_length=300)
    unit = models.ForeignKey("organisations.Unit", null=True, on_delete=models.DO_NOTHING,
                             db_constraint=False, related_name="+")
    province = models.ForeignKey("organisations.Unit", null=True, on_delete=models.DO_NOTHING,
                                 db_constraint=False, related_name="+")

    class Meta:
        managed = False
        db_table = TABLE
        ordering = ["search_text", "id"]

    def __str__(self):
        return self.search_text
