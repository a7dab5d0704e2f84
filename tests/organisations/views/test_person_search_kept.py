"""A repeated people search reads its page by the ids kept under the search copy's commit epoch
(core.interfaces.paging._PageIds, organisations.models.person_words): every committed write that
changes a search's matches shows on the next search, a rolled-back one never; the ids never
show a person outside the user's scope. PostgreSQL only (SQLite has no copy); committed
transactions (`transaction=True`): the epoch moves at commit."""

import datetime

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.bulk import insert_objects
from core.interfaces import paging
from organisations.domain import people
from organisations.domain.tree import move_unit
from organisations.models import Person
from organisations.models.person_words import EPOCH_SQL
from tests.factories import PersonFactory, UnitFactory

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True),
              pytest.mark.usefixtures("pages_not_kept")]

URL = reverse("organisations:person_list")


@pytest.fixture(autouse=True)
def no_kept_pages():
    """Each test starts with no page kept: a page kept by an earlier test, at an epoch its
    flush (a TRUNCATE) moved on, would be read by ids, then again in full."""
    paging._statements.clear()


def epoch() -> int:
    with connection.cursor() as cursor:
        cursor.execute(EPOCH_SQL)
        return cursor.fetchone()[0]


def searched(client, q: str) -> tuple[list[str], str]:
    """The names a search shows, and how its page was read: by its kept ids, or in full."""
    with CaptureQueriesContext(connection) as ctx:
        page = client.get(URL, {"q": q}).context["page"]
    statements = [query["sql"] for query in ctx.captured_queries if "now.epoch" in query["sql"]]
    how = ["ids" if "::bigint[]" in sql else "full" for sql in statements]
    return [person.full_name for person in page.object_list], "+".join(how)


def test_a_repeated_search_reads_its_page_by_its_kept_ids(client, board_user, dept_a):
    PersonFactory(unit=dept_a, full_name="Hoàng Văn An")
    PersonFactory(unit=dept_a, full_name="Trần Thị Bình")
    client.force_login(board_user)
    assert [searched(client, "hoang"), searched(client, "hoang")] == [
        (["Hoàng Văn An"], "full"), (["Hoàng Văn An"], "ids")]


def test_every_committed_write_shows_on_the_next_search(client, board_user, dept_a, dept_b):
    an = PersonFactory(unit=dept_a, full_name="Hoàng Văn An")
    client.force_login(board_user)
    seen = [searched(client, "hoang")]
    PersonFactory(unit=dept_b, full_name="Hoàng Thị Bình")  # created
    seen.append(searched(client, "hoang"))
    people.update_person(None, an, full_name="Lê Văn An")  # renamed out of the search
    seen.append(searched(client, "hoang"))
    insert_objects([Person(cccd="001085000123", full_name="Hoàng Minh Chí", gender="male",
                           birth_date=datetime.date(1985, 1, 1), unit=dept_a,
                           search_text="hoang minh chi 001085000123")])  # imported
    seen.append(searched(client, "hoang"))
    seen.append(searched(client, "hoang"))
    assert seen == [(["Hoàng Văn An"], "full"),
                    (["Hoàng Thị Bình", "Hoàng Văn An"], "ids+full"),
                    (["Hoàng Thị Bình"], "ids+full"),
                    (["Hoàng Minh Chí", "Hoàng Thị Bình"], "ids+full"),
                    (["Hoàng Minh Chí", "Hoàng Thị Bình"], "ids")]


def test_a_transfer_or_a_moved_unit_shows_in_the_officers_search(client, officer_a, dept_a,
                                                                  dept_b, school_a):
    an = PersonFactory(unit=dept_a, full_name="Hoàng Văn An")
    PersonFactory(unit=school_a, full_name="Hoàng Văn Bình")
    other = UnitFactory(code="SO-C", name="Sở Xây dựng", parent=dept_b.parent,
                        level=dept_b.level, kind=dept_b.kind)
    PersonFactory(unit=other, full_name="Hoàng Văn Cường")
    client.force_login(officer_a)
    seen = [searched(client, "hoang")]
    people.transfer_person(None, an, unit=dept_b, start_date=datetime.date(2024, 1, 1))
    seen.append(searched(client, "hoang"))
    people.end_employment(None, Person.objects.get(full_name="Hoàng Văn Bình"),
                          end_date=datetime.date(2025, 1, 1), reason="Nghỉ hưu")
    seen.append(searched(client, "hoang"))  # ended: still in the unit's scope
    # No person is written: the unit closure is (an officer's scope is read through it).
    move_unit(None, other, new_parent=dept_a, effective_date=datetime.date(2025, 1, 1))
    seen.append(searched(client, "hoang"))
    assert seen == [(["Hoàng Văn An", "Hoàng Văn Bình"], "full"),
                    (["Hoàng Văn Bình"], "ids+full"),
                    (["Hoàng Văn Bình"], "ids"),
                    (["Hoàng Văn Bình", "Hoàng Văn Cường"], "ids+full")]


def test_a_rolled_back_write_changes_nothing(client, board_user, dept_a):
    PersonFactory(unit=dept_a, full_name="Hoàng Văn An")
    client.force_login(board_user)
    seen = [searched(client, "hoang")]
    before = epoch()
    with pytest.raises(RuntimeError), transaction.atomic():
        PersonFactory(unit=dept_a, full_name="Hoàng Thị Bình")
        # Inside the writing transaction the search sees its own new person; its ids (of an
        # epoch its commit would change) are neither read nor kept.
        seen.append(searched(client, "hoang"))
        raise RuntimeError
    seen.append(searched(client, "hoang"))
    assert (seen, epoch()) == ([(["Hoàng Văn An"], "full"),
                                (["Hoàng Thị Bình", "Hoàng Văn An"], "ids+full"),
                                (["Hoàng Văn An"], "ids")], before)


def test_kept_ids_never_show_an_officer_anyone_outside_his_scope(client, officer_a, board_user,
                                                                 dept_a, dept_b):
    PersonFactory(unit=dept_a, full_name="Hoàng Văn An")
    PersonFactory(unit=dept_b, full_name="Hoàng Văn Bình")
    client.force_login(board_user)
    board = searched(client, "hoang")
    board_ids = next(kept for key, kept in paging._statements.items()
                     if key[1][0] == "tree")[-1].kept
    client.force_login(officer_a)
    officer = [searched(client, "hoang")]
    # The officer's kept page given the board's ids at the current epoch (as ids grown stale
    # would be): the statement by ids still applies his scope.
    kept = next(kept for key, kept in paging._statements.items() if key[1][0] == "closure")[-1]
    kept.kept = board_ids
    officer.append(searched(client, "hoang"))
    assert (board, officer) == ((["Hoàng Văn An", "Hoàng Văn Bình"], "full"),
                                [(["Hoàng Văn An"], "full"), (["Hoàng Văn An"], "ids")])


def test_the_epoch_moves_once_a_transaction_and_on_truncate(dept_a):
    start = epoch()
    with transaction.atomic():
        PersonFactory(unit=dept_a, full_name="Hoàng Văn An")
        Person.objects.bulk_create([Person(
            cccd=f"00108500010{i}", full_name=f"Hoàng Thị {i}", gender="female",
            birth_date=datetime.date(1985, 1, 1), unit=dept_a, search_text=f"hoang thi {i}")
            for i in range(3)])
        Person.objects.update(position="Chuyên viên chính")  # not a search column
        with pytest.raises(RuntimeError), transaction.atomic():
            # A savepoint rolled back takes its queued bump with it, and its mark: the next
            # write queues another.
            PersonFactory(unit=dept_a, full_name="Hoàng Văn Bình")
            raise RuntimeError
        after_rollback = epoch()
    once = epoch()
    with transaction.atomic():
        with pytest.raises(RuntimeError), transaction.atomic():
            PersonFactory(unit=dept_a, full_name="Hoàng Văn Bình")
            raise RuntimeError
        Person.objects.filter(full_name="Hoàng Văn An").update(search_text="hoang van an moi")
    after_savepoint = epoch()
    Person.objects.update(position="Chuyên viên")  # the copy's rows unchanged: no bump
    unchanged = epoch()
    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE organisations_person_words")
    truncated = epoch()
    assert (after_rollback - start, once - start, after_savepoint - once, unchanged - once,
            truncated - unchanged) == (0, 1, 1, 1, 1)
