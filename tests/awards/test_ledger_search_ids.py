"""A repeated ledger search reads its page by the ids kept under the search's epochs (awards.
domain.queries.search.search_epoch: the people's search copy's and the public epoch, core.
interfaces.paging.paginate_union_kept's `epoch`): every committed write that changes a search's
page — an award recorded or revoked, a person, a collective or a household renamed — shows on
the next request, a rolled-back one never; the ids never show a record outside the user's
scope. PostgreSQL only (the copy, the epochs' triggers); committed transactions
(`transaction=True`): the epochs move at commit."""

import datetime
import re

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from awards.domain.ledger import record_award
from awards.models import AwardRecord, AwardType
from core.interfaces import paging
from organisations.domain import people
from organisations.models import Collective, Household, Person
from portal.domain.public_epoch import LEDGER_WATCHED, WATCHED
from tests.factories import CollectiveFactory, HouseholdFactory, PersonFactory

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True),
              pytest.mark.usefixtures("reference_data", "pages_not_kept")]

URL = reverse("awards:ledger")
DATE = datetime.date(2024, 5, 1)


@pytest.fixture(autouse=True)
def no_kept_pages():
    """Each test starts with no page kept (one kept by an earlier test, at an epoch its flush
    moved on, would be read by ids, then again in full)."""
    paging._unions.clear()


def award(number: str, **subject):
    return record_award(None, award_type=AwardType.objects.get(code="giay_khen"), year=2024,
                        decision_number=number, decision_date=DATE, issuer="UBND tỉnh",
                        **subject)


def searched(client, q: str, **params) -> tuple[list[str], str]:
    """The decision numbers a search shows, and how its page was read: by its kept ids, or in
    full."""
    with CaptureQueriesContext(connection) as ctx:
        page = client.get(URL, {"q": q, **params}).context["page"]
    statements = [query["sql"] for query in ctx.captured_queries if "now.epoch" in query["sql"]]
    how = ["ids" if "::bigint[]" in sql else "full" for sql in statements]
    return sorted(row.decision_number for row in page.object_list), "+".join(how)


def test_a_repeated_search_reads_its_page_by_its_kept_ids(client, board_user, dept_a):
    award("1/QĐ", person=PersonFactory(unit=dept_a, full_name="Lê Văn An"))
    award("2/QĐ", person=PersonFactory(unit=dept_a, full_name="Trần Lệ Bình"))
    award("3/QĐ", person=PersonFactory(unit=dept_a, full_name="Hoàng Văn Lễ"))
    client.force_login(board_user)
    seen = [searched(client, "le"), searched(client, "le")]
    seen.append(searched(client, "le", page=2))  # each page its own ids
    seen.append(searched(client, "le", page=2))
    assert seen == [(["1/QĐ", "2/QĐ", "3/QĐ"], "full"), (["1/QĐ", "2/QĐ", "3/QĐ"], "ids"),
                    ([], "full"), ([], "ids")]


def test_every_committed_write_shows_on_the_next_search(client, board_user, dept_a, dept_b):
    an = PersonFactory(unit=dept_a, full_name="Lê Văn An")
    first = award("1/QĐ", person=an)
    client.force_login(board_user)
    seen = [searched(client, "le", revoked="0")]
    award("2/QĐ", person=PersonFactory(unit=dept_b, full_name="Lê Thị Bình"))  # recorded
    seen.append(searched(client, "le", revoked="0"))
    AwardRecord.objects.filter(pk=first.pk).update(revoked=True)  # revoked
    seen.append(searched(client, "le", revoked="0"))
    people.update_person(None, Person.objects.get(full_name="Lê Thị Bình"),
                         full_name="Trần Thị Bình")  # renamed out of the search
    seen.append(searched(client, "le", revoked="0"))
    seen.append(searched(client, "le", revoked="0"))
    assert seen == [(["1/QĐ"], "full"), (["1/QĐ", "2/QĐ"], "ids+full"),
                    (["2/QĐ"], "ids+full"), ([], "ids+full"), ([], "ids")]


def test_a_renamed_collective_or_household_shows_on_the_next_search(client, board_user,
                                                                    dept_a):
    collective = CollectiveFactory(unit=dept_a, name="Tổ Toán")
    household = HouseholdFactory(head=PersonFactory(unit=dept_a, full_name="Trần Văn Bình"))
    award("1/QĐ", collective=collective)
    award("2/QĐ", household=household)
    client.force_login(board_user)
    seen = [searched(client, "le")]
    collective.name = "Tổ Lê Quý Đôn"
    collective.save()
    seen.append(searched(client, "le"))
    household.address = "Thôn Lê Xá"
    household.save()
    seen.append(searched(client, "le"))
    seen.append(searched(client, "le"))
    assert seen == [([], "full"), (["1/QĐ"], "ids+full"), (["1/QĐ", "2/QĐ"], "ids+full"),
                    (["1/QĐ", "2/QĐ"], "ids")]


def test_a_rolled_back_write_changes_nothing(client, board_user, dept_a):
    award("1/QĐ", person=PersonFactory(unit=dept_a, full_name="Lê Văn An"))
    client.force_login(board_user)
    seen = [searched(client, "le")]
    with pytest.raises(RuntimeError), transaction.atomic():
        award("2/QĐ", person=PersonFactory(unit=dept_a, full_name="Lê Thị Bình"))
        # Inside the writing transaction the search sees its own new award; its ids (of an
        # epoch its commit would change) are neither read nor kept.
        seen.append(searched(client, "le"))
        raise RuntimeError
    seen.append(searched(client, "le"))
    assert seen == [(["1/QĐ"], "full"), (["1/QĐ", "2/QĐ"], "ids+full"), (["1/QĐ"], "ids")]


def test_kept_ids_never_show_an_officer_a_record_outside_his_scope(client, officer_a,
                                                                   board_user, dept_a, dept_b):
    award("1/QĐ", person=PersonFactory(unit=dept_a, full_name="Lê Văn An"))
    award("2/QĐ", person=PersonFactory(unit=dept_b, full_name="Lê Văn Bình"))
    client.force_login(board_user)
    board = searched(client, "le")
    board_ids = next(kept for key, kept in paging._unions.items()
                     if key[1][0] == "tree")[-1].kept
    client.force_login(officer_a)
    officer = [searched(client, "le")]
    # The officer's kept page given the board's ids at the current epochs (as ids grown stale
    # would be): the statement by ids still applies his scope.
    next(kept for key, kept in paging._unions.items()
         if key[1][0] == "closure")[-1].kept = board_ids
    officer.append(searched(client, "le"))
    assert (board, officer) == ((["1/QĐ", "2/QĐ"], "full"),
                                [(["1/QĐ"], "full"), (["1/QĐ"], "ids")])


def test_the_epochs_watch_every_table_the_search_reads(client, board_user, officer_a, dept_a):
    """The words are not matched again on the kept ids: the epochs must move with every table
    the search finds its page in (the law tables' stamp and the subjects' names are read
    around the page, by ids too)."""
    award("1/QĐ", person=PersonFactory(unit=dept_a, full_name="Lê Văn An"))
    award("2/QĐ", collective=CollectiveFactory(unit=dept_a, name="Tổ Lê"))
    award("3/QĐ", household=HouseholdFactory(head=PersonFactory(unit=dept_a)))
    read = set()
    for user in (board_user, officer_a):
        client.force_login(user)
        with CaptureQueriesContext(connection) as ctx:
            client.get(URL, {"q": "le van 3/qd"})
        read |= {table for query in ctx.captured_queries if "now.epoch" in query["sql"]
                 for table in re.findall(r'(?:FROM|JOIN)\s+"?([a-z_]+)', query["sql"])}
    epochs = {"organisations_person_words_epoch", "portal_public_epoch", "awards_law_tables_stamp"}
    by_people_epoch = {"organisations_person_words", "organisations_unitclosure"}
    assert sorted(read - epochs - by_people_epoch - set(LEDGER_WATCHED)) == []
    assert sorted(set(LEDGER_WATCHED) - set(WATCHED)) == []  # each with its trigger
    assert {"organisations_person_words", "organisations_unitclosure", Collective._meta.db_table,
            Household._meta.db_table} <= read
