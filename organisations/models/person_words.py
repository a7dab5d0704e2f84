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
    f"""CREATE OR REPLACE FUNCTION tdkt_person_words() RETURNS trigger
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
            INSERT INTO {TABLE} (id, search_text, unit_id, province_id)
            VALUES (NEW.id, NEW.search_text, NEW.unit_id, NEW.province_id)
            ON CONFLICT (id) DO UPDATE SET search_text = EXCLUDED.search_text,
                unit_id = EXCLUDED.unit_id, province_id = EXCLUDED.province_id;
        END IF;
        RETURN NULL;
    END $$""",
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
