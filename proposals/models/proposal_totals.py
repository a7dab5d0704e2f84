"""`ProposalTotal` (proposals per unit, state, deadline day, track and Heroic Mother flag) kept by
the database, as the ledger's totals are (awards.models.award_totals: why triggers).

Proposals are written by the state machine (core.state), `save()`, `bulk_create`, `QuerySet.update`
(deadlines, roll-ups) and the benchmarks' and demo's bulk inserts; a trigger sees every one, in
the writing statement's transaction, so the totals never drift from the proposals. A proposal's
Heroic Mother flag follows its nominees: the nominees' triggers move the proposal between the
two flags when its first such nominee comes or its last goes.

PostgreSQL: one AFTER … FOR EACH STATEMENT trigger per table and event, reading the statement's
transition tables; the upsert goes in key order (no deadlock between two statements). A flag's
count "before" is the count now less the statement's own change, so a nominees' trigger first
locks the proposals it moves (FOR UPDATE): two transactions adding the first Heroic Mother of one
proposal at once are serialised, the second counting the first's nominee once it has committed
(a later statement of a READ COMMITTED trigger sees it), and a proposal's own update waits for, or
is waited for by, that lock. SQLite (one writer) has no statement triggers: row triggers do the
same one row at a time. `install` runs after every `migrate` (proposals.apps): a migration that
remakes a table on SQLite drops its triggers.
"""

from awards.models.award_totals import TRANSITIONS
from core.migration_ops import run_statements, tables_exist

PROPOSALS = "proposals_proposal"
NOMINEES = "proposals_nominee"
TOTALS = "proposals_proposaltotal"
KEY = "unit_id, state, due_on, track, mother"
NO_DEADLINE = "'9999-12-31'"  # proposals.models.totals.NO_DEADLINE
MOTHERS = "(SELECT id FROM awards_awardtype WHERE code = 'ba_me_vnah')"  # dashboard.HEROIC_MOTHER
EVENTS = ("insert", "update", "delete")


def _mother(proposal_id: str) -> str:
    """Whether the proposal `proposal_id` nominates a Heroic Mother now."""
    return (f"EXISTS (SELECT 1 FROM {NOMINEES} m WHERE m.proposal_id = {proposal_id} "
            f"AND m.award_type_id IN {MOTHERS})")


def _keyed(row: str) -> str:
    """A proposal row's key columns (its flag read from the nominees now)."""
    return (f"{row}.unit_id, {row}.state, COALESCE({row}.due_on, {NO_DEADLINE}) AS due_on, "
            f"{row}.track, {_mother(f'{row}.id')} AS mother")


def _upsert(changes: str, alias: str = "") -> str:
    """Add `changes`' counts (rows of KEY and d) to the totals, netted per key, in key order.
    (A trigger's INSERT may not name its table's alias on SQLite.)"""
    table, add = (f"{TOTALS} AS {alias}", f"{alias}.n + EXCLUDED.n") if alias else (
        TOTALS, "n + excluded.n")
    return (f"INSERT INTO {table} ({KEY}, n) SELECT {KEY}, SUM(d) FROM ({changes}) AS c "
            f"GROUP BY {KEY} HAVING SUM(d) <> 0 ORDER BY {KEY} "
            f"ON CONFLICT ({KEY}) DO UPDATE SET n = {add}")


# ------------------------------------------------------------------------------ PostgreSQL
_PROPOSAL_DELTAS = {"insert": f"SELECT {_keyed('r')}, 1 AS d FROM new_rows r",
                    "delete": f"SELECT {_keyed('r')}, -1 AS d FROM old_rows r"}
_PROPOSAL_DELTAS["update"] = f"{_PROPOSAL_DELTAS['insert']} UNION ALL {_PROPOSAL_DELTAS['delete']}"

# The statement's change of each proposal's Heroic Mother nominees.
_NOMINEE_DELTAS = {"insert": f"SELECT proposal_id, 1 AS d FROM new_rows "
                             f"WHERE award_type_id IN {MOTHERS}",
                   "delete": f"SELECT proposal_id, -1 AS d FROM old_rows "
                             f"WHERE award_type_id IN {MOTHERS}"}
_NOMINEE_DELTAS["update"] = f"{_NOMINEE_DELTAS['insert']} UNION ALL {_NOMINEE_DELTAS['delete']}"


def _moves(counted: str) -> str:
    """A proposal whose flag changed leaves its key under the flag before for the one after.
    `counted`: rows of the proposal's unit, state, due_on, track, `held` (its Heroic Mother
    nominees now) and `delta` (the statement's change of them)."""
    key = "unit_id, state, due_on, track"
    flagged = (f"SELECT {key}, held > 0 AS mother_now, held - delta > 0 AS mother_then "
               f"FROM ({counted}) AS k")
    return (f"SELECT {key}, mother_now AS mother, 1 AS d FROM ({flagged}) AS f "
            f"WHERE mother_now <> mother_then UNION ALL SELECT {key}, mother_then, -1 "
            f"FROM ({flagged}) AS f WHERE mother_now <> mother_then")


def _pg_nominee_function(event: str) -> str:
    changed = (f"SELECT proposal_id, SUM(d) AS delta FROM ({_NOMINEE_DELTAS[event]}) AS x "
               f"GROUP BY proposal_id HAVING SUM(d) <> 0")
    counted = (f"SELECT p.unit_id, p.state, COALESCE(p.due_on, {NO_DEADLINE}) AS due_on, "
               f"p.track, (SELECT COUNT(*) FROM {NOMINEES} m WHERE m.proposal_id = p.id "
               f"AND m.award_type_id IN {MOTHERS}) AS held, c.delta "
               f"FROM ({changed}) AS c JOIN {PROPOSALS} p ON p.id = c.proposal_id")
    return f"""CREATE OR REPLACE FUNCTION tdkt_proposal_totals_nominee_{event}() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        PERFORM 1 FROM {PROPOSALS} WHERE id IN (SELECT proposal_id FROM ({changed}) AS l)
        ORDER BY id FOR UPDATE;
        {_upsert(_moves(counted), "t")};
        RETURN NULL;
    END $$"""


def _pg_proposal_function(event: str) -> str:
    return f"""CREATE OR REPLACE FUNCTION tdkt_proposal_totals_{event}() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        {_upsert(_PROPOSAL_DELTAS[event], "t")};
        RETURN NULL;
    END $$"""


def _pg_statements() -> list[str]:
    statements = []
    for event in EVENTS:
        for table, name, function in (
                (PROPOSALS, f"tdkt_proposal_totals_{event}", _pg_proposal_function),
                (NOMINEES, f"tdkt_proposal_totals_nominee_{event}", _pg_nominee_function)):
            statements += [
                function(event),
                f"DROP TRIGGER IF EXISTS {name} ON {table}",
                f"""CREATE TRIGGER {name} AFTER {event.upper()} ON {table}
                REFERENCING {TRANSITIONS[event]} FOR EACH STATEMENT EXECUTE FUNCTION {name}()"""]
    return statements


# ---------------------------------------------------------------------------------- SQLite
def _sqlite_add(row: str, step: str) -> str:
    # `WHERE true` before ON CONFLICT: SQLite's parser needs it after a SELECT (its docs, UPSERT).
    return (f"INSERT INTO {TOTALS} ({KEY}, n) SELECT {_keyed(row)}, {step} WHERE true "
            f"ON CONFLICT ({KEY}) DO UPDATE SET n = n + excluded.n;")


def _sqlite_move(proposal_id: str, delta: str, where: str = "true") -> str:
    """Move the proposal `proposal_id` between the flags if this row's change `delta` of its
    Heroic Mother nominees changed its flag."""
    counted = (f"SELECT p.unit_id, p.state, COALESCE(p.due_on, {NO_DEADLINE}) AS due_on, "
               f"p.track, (SELECT COUNT(*) FROM {NOMINEES} m WHERE m.proposal_id = p.id "
               f"AND m.award_type_id IN {MOTHERS}) AS held, {delta} AS delta "
               f"FROM {PROPOSALS} p WHERE p.id = {proposal_id} AND {where}")
    return _upsert(_moves(counted)) + ";"


def _sqlite_statements() -> list[str]:
    # An updated nominee's change to a proposal: its new row counted in, its old one out.
    def changed(proposal_id: str) -> str:
        return (f"((NEW.proposal_id = {proposal_id} AND NEW.award_type_id IN {MOTHERS}) "
                f"- (OLD.proposal_id = {proposal_id} AND OLD.award_type_id IN {MOTHERS}))")

    return [
        *(f"DROP TRIGGER IF EXISTS tdkt_proposal_totals_{event}" for event in EVENTS),
        *(f"DROP TRIGGER IF EXISTS tdkt_proposal_totals_nominee_{event}" for event in EVENTS),
        f"""CREATE TRIGGER tdkt_proposal_totals_insert AFTER INSERT ON {PROPOSALS}
        BEGIN {_sqlite_add("NEW", "1")} END""",
        f"""CREATE TRIGGER tdkt_proposal_totals_delete AFTER DELETE ON {PROPOSALS}
        BEGIN {_sqlite_add("OLD", "-1")} END""",
        f"""CREATE TRIGGER tdkt_proposal_totals_update
        AFTER UPDATE OF unit_id, state, due_on, track ON {PROPOSALS}
        BEGIN {_sqlite_add("OLD", "-1")} {_sqlite_add("NEW", "1")} END""",
        f"""CREATE TRIGGER tdkt_proposal_totals_nominee_insert AFTER INSERT ON {NOMINEES}
        WHEN NEW.award_type_id IN {MOTHERS}
        BEGIN {_sqlite_move("NEW.proposal_id", "1")} END""",
        f"""CREATE TRIGGER tdkt_proposal_totals_nominee_delete AFTER DELETE ON {NOMINEES}
        WHEN OLD.award_type_id IN {MOTHERS}
        BEGIN {_sqlite_move("OLD.proposal_id", "-1")} END""",
        f"""CREATE TRIGGER tdkt_proposal_totals_nominee_update
        AFTER UPDATE OF proposal_id, award_type_id ON {NOMINEES}
        BEGIN {_sqlite_move("OLD.proposal_id", changed("OLD.proposal_id"))}
        {_sqlite_move("NEW.proposal_id", changed("NEW.proposal_id"),
                      "NEW.proposal_id <> OLD.proposal_id")} END""",
    ]


READY_TABLES = {PROPOSALS, NOMINEES, TOTALS}  # install and recount wait for them


def install(connection) -> None:
    """The triggers, again (idempotent): from the migration and after every `migrate`."""
    if not tables_exist(connection, READY_TABLES):
        return
    run_statements(connection, _pg_statements() if connection.vendor == "postgresql"
         else _sqlite_statements())


def uninstall(connection) -> None:
    names = [(table, f"tdkt_proposal_totals_{infix}{event}") for event in EVENTS
             for table, infix in ((PROPOSALS, ""), (NOMINEES, "nominee_"))]
    if connection.vendor == "postgresql":
        run_statements(connection, [f"DROP TRIGGER IF EXISTS {name} ON {table}"
                                    for table, name in names])
    else:
        run_statements(connection, [f"DROP TRIGGER IF EXISTS {name}" for _table, name in names])


def recount(connection) -> None:
    """Every total from the proposals, in one grouped pass (the migration's backfill; a repair).
    On PostgreSQL the proposals and nominees are locked against writes (reads go on) until the
    transaction ends, so nothing is written between the count and the triggers taking over."""
    if not tables_exist(connection, READY_TABLES):  # a migrate stopped before the tables
        return
    statements = [f"DELETE FROM {TOTALS}",
                  f"INSERT INTO {TOTALS} ({KEY}, n) SELECT {KEY}, COUNT(*) "
                  f"FROM (SELECT {_keyed('p')} FROM {PROPOSALS} p) AS k GROUP BY {KEY}"]
    if connection.vendor == "postgresql":
        statements.insert(0, f"LOCK TABLE {PROPOSALS}, {NOMINEES} IN SHARE ROW EXCLUSIVE MODE")
    run_statements(connection, statements)
