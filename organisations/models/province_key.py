"""The province key (`Unit.province`, and a copy on the big tables' rows) kept by the database.

Why triggers rather than Python: the rows are written by the ORM, by `bulk_create`, by
`core.bulk.insert_objects` (executemany), by `QuerySet.update` in the reorganisations and by the
demo's and the benchmarks' `INSERT … SELECT`; a trigger sees all of them, and a path added
tomorrow cannot forget it. Three rules:

- a unit's province is the root of its tree, or where that root was merged into
  (`province_of_units`); a unit inserted gets its parent's, or itself at the root, and
  `rebuild_tree_index`, which every structural change ends with, recomputes them all in bulk;
- a row carrying the key (`unit_id`, `province_id`) gets its unit's province on every insert and
  on every update naming either column (a stale value written back by a `save()` is corrected);
- when a unit's province changes, the rows of that unit follow, in the same statement (hence
  in the caller's transaction: a merger moving children to another province moves their people's
  and records' keys before it commits).

PostgreSQL sets the value in a BEFORE trigger (no second write). SQLite cannot change NEW in a
BEFORE trigger, so an AFTER trigger updates the row, only when its value is wrong (a caller that
already wrote the right one pays a primary-key lookup). On SQLite a migration that remakes one of
these tables (Django copies it into a new table) drops its triggers: `install_all`, run after
every `migrate` (organisations.apps), puts back whatever a later migration removed, and
tests/organisations/test_province_key.py fails on every write path if one is missing.
"""

from core.migration_ops import run_statements

PG_FUNCTIONS = [
    """CREATE OR REPLACE FUNCTION tdkt_unit_province(unit bigint) RETURNS bigint
    LANGUAGE sql STABLE AS $$ SELECT province_id FROM organisations_unit WHERE id = unit $$""",
    """CREATE OR REPLACE FUNCTION tdkt_unit_province_on_insert() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        NEW.province_id := COALESCE(
            (SELECT province_id FROM organisations_unit WHERE id = NEW.parent_id), NEW.id);
        RETURN NEW;
    END $$""",
    """CREATE OR REPLACE FUNCTION tdkt_row_province() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        NEW.province_id := (SELECT province_id FROM organisations_unit WHERE id = NEW.unit_id);
        RETURN NEW;
    END $$""",
    """CREATE OR REPLACE FUNCTION tdkt_rows_follow_unit() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        EXECUTE format('UPDATE %I SET province_id = $1 WHERE unit_id = $2 '
                       'AND province_id IS DISTINCT FROM $1', TG_ARGV[0])
        USING NEW.province_id, NEW.id;
        RETURN NULL;
    END $$""",
]

PG_UNIT_TRIGGER = [
    "DROP TRIGGER IF EXISTS tdkt_unit_province ON organisations_unit",
    """CREATE TRIGGER tdkt_unit_province BEFORE INSERT ON organisations_unit
    FOR EACH ROW EXECUTE FUNCTION tdkt_unit_province_on_insert()""",
]

SQLITE_UNIT_TRIGGER = [
    "DROP TRIGGER IF EXISTS tdkt_unit_province",
    """CREATE TRIGGER tdkt_unit_province AFTER INSERT ON organisations_unit
    BEGIN
        UPDATE organisations_unit SET province_id = COALESCE(
            (SELECT p.province_id FROM organisations_unit p WHERE p.id = NEW.parent_id), NEW.id)
        WHERE id = NEW.id;
    END""",
]


def _pg_row_triggers(table: str) -> list[str]:
    return [
        f"DROP TRIGGER IF EXISTS tdkt_province ON {table}",
        f"""CREATE TRIGGER tdkt_province BEFORE INSERT OR UPDATE OF unit_id, province_id
        ON {table} FOR EACH ROW EXECUTE FUNCTION tdkt_row_province()""",
        f"DROP TRIGGER IF EXISTS tdkt_follow_{table} ON organisations_unit",
        f"""CREATE TRIGGER tdkt_follow_{table} AFTER UPDATE OF province_id ON organisations_unit
        FOR EACH ROW WHEN (OLD.province_id IS DISTINCT FROM NEW.province_id)
        EXECUTE FUNCTION tdkt_rows_follow_unit('{table}')""",
    ]


def _sqlite_row_triggers(table: str) -> list[str]:
    unit_province = "(SELECT u.province_id FROM organisations_unit u WHERE u.id = NEW.unit_id)"
    fix = f"BEGIN UPDATE {table} SET province_id = {unit_province} WHERE id = NEW.id; END"
    return [
        f"DROP TRIGGER IF EXISTS tdkt_province_insert_{table}",
        f"""CREATE TRIGGER tdkt_province_insert_{table} AFTER INSERT ON {table}
        WHEN NEW.province_id IS NOT {unit_province} {fix}""",
        f"DROP TRIGGER IF EXISTS tdkt_province_update_{table}",
        f"""CREATE TRIGGER tdkt_province_update_{table} AFTER UPDATE OF unit_id, province_id
        ON {table} WHEN NEW.province_id IS NOT {unit_province} {fix}""",
        f"DROP TRIGGER IF EXISTS tdkt_follow_{table}",
        f"""CREATE TRIGGER tdkt_follow_{table} AFTER UPDATE OF province_id ON organisations_unit
        WHEN OLD.province_id IS NOT NEW.province_id
        BEGIN UPDATE {table} SET province_id = NEW.province_id WHERE unit_id = NEW.id; END""",
    ]


def province_of_units(parent: dict, successor: dict) -> dict[int, int]:
    """unit id → its province: the root of its tree or, for a root that was merged or dissolved
    into a unit of another tree (two provinces made one, Resolution 202/2025/QH15), the
    province of that unit's tree, so the merged province's remnants (its ended units and their
    records) share the key of the board that now covers them through the closure.

    `parent`: unit id → parent id or None; `successor`: predecessor id → successor id."""
    root: dict[int, int] = {}
    for uid in parent:
        chain, node = [], uid
        while node not in root and node not in chain:
            chain.append(node)
            if parent[node] is None:
                break
            node = parent[node]
        top = root.get(node, node)  # a root, a known unit's root, or where a cycle closes
        for unit in chain:
            root[unit] = top
    province: dict[int, int] = {}
    for top in set(root.values()):
        seen, current = {top}, top
        while successor.get(current) in root and root[successor[current]] not in seen:
            current = root[successor[current]]
            seen.add(current)
        province[top] = current
    return {uid: province[top] for uid, top in root.items()}


def backfill_units(connection) -> None:
    """Every unit's province (a province has a few thousand units: computed in Python)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT id, parent_id FROM organisations_unit")
        parent = dict(cursor.fetchall())
        cursor.execute("SELECT predecessor_id, MIN(successor_id) FROM organisations_"
                       "reorganisationlink WHERE successor_id IS NOT NULL AND successor_id <> "
                       "predecessor_id GROUP BY predecessor_id")
        successor = dict(cursor.fetchall())
        cursor.executemany("UPDATE organisations_unit SET province_id = %s WHERE id = %s",
                           [(province, uid) for uid, province in
                            province_of_units(parent, successor).items()])


def install_unit(connection) -> None:
    if connection.vendor == "postgresql":
        run_statements(connection, PG_FUNCTIONS + PG_UNIT_TRIGGER)
    else:
        run_statements(connection, SQLITE_UNIT_TRIGGER)


def backfill(connection, table: str) -> None:
    """Fill `table`'s new column from its units. On PostgreSQL a column type change with USING
    rewrites the table once and rebuilds its indexes by sorting (minutes for ten million rows,
    under an exclusive lock); an UPDATE would add a row version and an entry in every index per
    row (far longer at that size, and a table twice as large until vacuumed)."""
    if connection.vendor == "postgresql":
        run_statements(connection, [f"ALTER TABLE {table} ALTER COLUMN province_id TYPE bigint "
                             f"USING tdkt_unit_province(unit_id)"])
    else:
        run_statements(connection, [f"UPDATE {table} SET province_id = (SELECT u.province_id FROM "
                             f"organisations_unit u WHERE u.id = {table}.unit_id)"])


def install(connection, table: str) -> None:
    """The triggers keeping `table`.province_id equal to its unit's province."""
    if connection.vendor == "postgresql":
        run_statements(connection, _pg_row_triggers(table))
    else:
        run_statements(connection, _sqlite_row_triggers(table))


def uninstall(connection, table: str) -> None:
    if connection.vendor == "postgresql":
        run_statements(connection, [f"DROP TRIGGER IF EXISTS tdkt_province ON {table}",
                             f"DROP TRIGGER IF EXISTS tdkt_follow_{table} ON organisations_unit"])
    else:
        run_statements(connection, [f"DROP TRIGGER IF EXISTS tdkt_{name}_{table}"
                             for name in ("province_insert", "province_update", "follow")])


def uninstall_unit(connection) -> None:
    if connection.vendor == "postgresql":
        run_statements(connection,
                       ["DROP TRIGGER IF EXISTS tdkt_unit_province ON organisations_unit"])
    else:
        run_statements(connection, ["DROP TRIGGER IF EXISTS tdkt_unit_province"])


def keyed_tables(connection) -> list[str]:
    """Tables of installed models carrying the key: a `province` and a `unit` foreign key to
    the unit, and the column already migrated."""
    from django.apps import apps  # noqa: PLC0415 called after app loading (post_migrate)

    from organisations.models import Unit  # noqa: PLC0415 this module is imported by migrations

    tables = []
    existing = set(connection.introspection.table_names())
    for model in apps.get_models():
        fields = {f.name: f for f in model._meta.concrete_fields}
        # An unmanaged table is not written by the ORM (organisations.models.person_words:
        # a copy kept by its own trigger, with the province its person's row got).
        if model is Unit or not model._meta.managed or not {"province", "unit"} <= fields.keys():
            continue
        if fields["unit"].related_model is not Unit or model._meta.db_table not in existing:
            continue
        with connection.cursor() as cursor:
            columns = {c.name for c in connection.introspection.get_table_description(
                cursor, model._meta.db_table)}
        if "province_id" in columns:
            tables.append(model._meta.db_table)
    return tables


def install_all(connection) -> None:
    """Every trigger, again (idempotent): after `migrate`, so that a migration which remade a
    keyed table on SQLite cannot leave it without them."""
    with connection.cursor() as cursor:
        columns = {c.name for c in connection.introspection.get_table_description(
            cursor, "organisations_unit")}
    if "province_id" not in columns:
        return
    install_unit(connection)
    for table in keyed_tables(connection):
        install(connection, table)
