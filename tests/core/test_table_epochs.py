"""Commit epochs per table (core.table_epochs, migration tdkt/0001): a table's epoch changes at
the commit of every transaction that wrote it and only then — not for a rolled-back write, nor
for a savepoint rolled back, nor for another table's write — and every table of the project's
apps is watched. PostgreSQL only; committed transactions (`transaction=True`)."""

import pytest
from django.db import connection, transaction

from core.table_epochs import TRIGGER, epochs
from organisations.models import Person, Unit
from tests.factories import PersonFactory

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]

PEOPLE, UNITS = Person._meta.db_table, Unit._meta.db_table


def now(*tables) -> tuple:
    return epochs(connection, tuple(sorted(tables)))


def test_a_committed_write_moves_its_tables_epoch_and_no_other(school_a):
    before = now(PEOPLE), now(UNITS)
    PersonFactory(unit=school_a)
    after = now(PEOPLE), now(UNITS)
    assert (after[0] != before[0], after[1] == before[1]) == (True, True)
    assert (after[0][0] > before[0][0]) is True


def test_a_rolled_back_write_moves_nothing(school_a):
    before = now(PEOPLE, UNITS)
    with pytest.raises(RuntimeError), transaction.atomic():
        PersonFactory(unit=school_a)
        raise RuntimeError
    assert now(PEOPLE, UNITS) == before


def test_a_savepoint_rolled_back_takes_its_table_out_of_the_bump(school_a):
    before = now(PEOPLE), now(UNITS)
    with transaction.atomic():
        Unit.objects.filter(pk=school_a.pk).update(name="Trường A")
        try:
            with transaction.atomic():
                PersonFactory(unit=school_a)
                raise RuntimeError
        except RuntimeError:
            pass
    after = now(PEOPLE), now(UNITS)
    assert (after[0] == before[0], after[1] != before[1]) == (True, True)


def test_a_savepoint_rolled_back_before_the_first_write_still_bumps_the_later_one(school_a):
    before = now(PEOPLE)
    with transaction.atomic():
        try:
            with transaction.atomic():
                Unit.objects.filter(pk=school_a.pk).update(name="Trường B")
                raise RuntimeError
        except RuntimeError:
            pass
        PersonFactory(unit=school_a)
    assert (now(PEOPLE) != before) is True


def test_a_transaction_that_has_written_gets_no_epochs(school_a):
    with transaction.atomic():
        assert now(PEOPLE) is not None
        PersonFactory(unit=school_a)
        assert now(PEOPLE) is None


def test_a_table_not_watched_gets_no_epochs():
    assert now(PEOPLE, "django_session") is None


def test_every_table_of_the_projects_apps_is_watched():
    """A table a later migration creates needs a migration watching it (tdkt/migrations)."""
    with connection.cursor() as cursor:
        cursor.execute("""SELECT c.relname FROM pg_class c JOIN pg_namespace n
                          ON n.oid = c.relnamespace AND n.nspname = current_schema()
                          WHERE c.relkind = 'r' AND NOT EXISTS (
                              SELECT 1 FROM pg_trigger t WHERE t.tgrelid = c.oid
                              AND t.tgname = %s)""", [TRIGGER])
        unwatched = {name for (name,) in cursor.fetchall()}
    ours = {name for name in unwatched if name.split("_", 1)[0] in {
        "accounts", "audit", "awards", "claims", "core", "decisions", "emulation", "imports",
        "notifications", "organisations", "portal", "proposals", "reports"}}
    assert sorted(name for name in ours if not name.endswith(("_epoch", "_epoch_queue"))) == []


def test_a_prepared_statement_the_connection_lost_is_prepared_again(school_a):
    """psycopg sends DEALLOCATE ALL when it sees a ROLLBACK with statements of its own
    prepared: the epochs' statement, prepared on libpq beside them, is prepared again."""
    first = now(PEOPLE)
    connection.connection.pgconn.exec_(b"DEALLOCATE ALL")
    assert now(PEOPLE) == first
    PersonFactory(unit=school_a)
    assert (now(PEOPLE) != first) is True


def test_inside_a_transaction_block_the_epochs_are_read_the_same(school_a):
    outside = now(PEOPLE, UNITS)
    with transaction.atomic():
        assert now(PEOPLE, UNITS) == outside
