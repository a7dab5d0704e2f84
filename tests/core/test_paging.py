"""Seek-key paging (core/interfaces/paging.py) through the three deep lists: people, the award
ledger and the audit log. Following "next" then "previous" links walks the same pages that page
numbers give, a tampered key falls back to the page number, and the links carry the key."""

import datetime
import re
from html import unescape

import pytest
from django.urls import reverse

from audit.domain.record import record
from awards.domain import ledger
from awards.models import AwardType
from core.interfaces import paging
from organisations.models import Person
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def links(response) -> dict[str, str]:
    """The pager's previous/next links of a page, by the seek key they carry."""
    pager = re.search(r'<nav class="pagination".*?</nav>', response.text, re.S).group(0)
    found = {}
    for href in re.findall(r'href="(\?[^"]*)"', pager):
        href = unescape(href)
        found["next" if "after=" in href else "previous" if "before=" in href else "?"] = href
    return found


def names(response) -> list:
    return [str(row) for row in response.context["page"].object_list]


def walk(client, url, pages: int) -> list[list]:
    """Page 1, then `pages - 1` times the "next" link, then "previous" back to page 1."""
    response = client.get(url)
    seen = [names(response)]
    for _ in range(pages - 1):
        response = client.get(url + links(response)["next"])
        seen.append(names(response))
    back = []
    for _ in range(pages - 1):
        response = client.get(url + links(response)["previous"])
        back.append(names(response))
    assert "previous" not in links(response)
    assert back[::-1] == seen[:-1]
    return seen


def test_people_seek_pages_equal_numbered_pages(client, board_user, dept_a):
    # Same-name people: the id settles the order inside a run of equal names.
    for i in range(120):
        PersonFactory(unit=dept_a, full_name=f"Nguyễn Văn {'An' if i % 3 else 'Bình'}")
    client.force_login(board_user)
    url = reverse("organisations:person_list")
    numbered = [names(client.get(url, {"page": n})) for n in (1, 2, 3)]
    assert walk(client, url, 3) == numbered
    assert [len(page) for page in numbered] == [50, 50, 20]


def test_ledger_seek_pages_equal_numbered_pages(client, board_user, dept_a):
    giay_khen = AwardType.objects.get(code="giay_khen")
    for i in range(110):  # three years, one decision date each: the id settles the rest
        year = 2020 + i % 3
        ledger.record_award(None, award_type=giay_khen, year=year, person=PersonFactory(
            unit=dept_a), decision_number=f"{year}/QĐ-UBND",
            decision_date=datetime.date(year + 1, 1, 20), issuer="UBND tỉnh")
    client.force_login(board_user)
    url = reverse("awards:ledger")
    numbered = [names(client.get(url, {"page": n})) for n in (1, 2, 3)]
    assert walk(client, url, 3) == numbered
    assert [len(page) for page in numbered] == [50, 50, 10]


def test_audit_log_seek_pages_equal_numbered_pages(client, admin_user, dept_a):
    for i in range(205):
        record(admin_user, "test.action", dept_a, unit=dept_a, reason=str(i))
    client.force_login(admin_user)
    url = reverse("audit:log")
    numbered = [names(client.get(url, {"page": n})) for n in (1, 2, 3)]
    assert walk(client, url, 3) == numbered


def test_next_link_carries_the_seek_key_and_the_filters(client, board_user, dept_a):
    for _ in range(60):
        PersonFactory(unit=dept_a, full_name="Trần Thị Cúc")
    client.force_login(board_user)
    url = reverse("organisations:person_list")
    response = client.get(url, {"q": "tran"})
    following = links(response)["next"]
    assert "after=" in following and "q=tran" in following and "page=2" in following
    second = client.get(url + following)
    assert [p.id for p in second.context["page"].object_list] == [
        p.id for p in client.get(url, {"q": "tran", "page": 2}).context["page"].object_list]


@pytest.mark.parametrize("key", ["garbage", "W10", "WyJ4IiwieSJd", "eyJhIjoxfQ"])
def test_tampered_seek_key_falls_back_to_the_page_number(client, board_user, dept_a, key):
    for _ in range(60):
        PersonFactory(unit=dept_a)
    client.force_login(board_user)
    url = reverse("organisations:person_list")
    response = client.get(url, {"after": key, "page": 2})
    assert response.status_code == 200
    assert names(response) == names(client.get(url, {"page": 2}))


def _pages(page) -> tuple:
    return ([tuple(row) for row in page.object_list], page.number, page.has_next, page.next_key,
            page.previous_key)


@pytest.mark.parametrize("query", [{}, {"page": "2"}, {"page": "3"}, {"page": "9"},
                                   {"page": "x"}])
def test_a_kept_statement_gives_the_page_paginate_gives(rf, dept_a, query):
    """Kept once for a key and a page number (integers and text: no converters, on SQLite
    too), then executed with its parameters: `build` is not asked again."""
    for _ in range(7):
        PersonFactory(unit=dept_a)
    built = []

    def build():
        built.append(query)
        qs = Person.objects.order_by("-id")
        return qs.values_list("id", "full_name", named=True), qs

    paging._statements.clear()
    request = rf.get("/", query)
    expected = _pages(paging.paginate(request, build()[0], per_page=3, seek=True))
    built.clear()
    for _ in range(3):
        assert _pages(paging.paginate_kept(request, ("people",), build, per_page=3,
                                           seek=True)) == expected
    assert built == [query]
    assert len(paging._statements) == 1


def test_a_page_by_seek_key_or_matching_nothing_is_not_kept(rf, dept_a):
    for _ in range(7):
        PersonFactory(unit=dept_a)
    qs = Person.objects.order_by("-id").values_list("id", "full_name", named=True)
    paging._statements.clear()
    after = paging.paginate(rf.get("/"), qs, per_page=3, seek=True).next_key
    for query, build in [({"after": after}, lambda: (qs, None)),
                         ({}, lambda: (qs.none(), None))]:
        request = rf.get("/", query)
        assert _pages(paging.paginate_kept(request, ("people",), build, per_page=3, seek=True)) \
            == _pages(paging.paginate(request, build()[0], per_page=3, seek=True))
    assert paging._statements == {}


def test_a_deep_page_by_its_ids_first_is_the_same_page(rf, dept_a):
    for _ in range(7):
        PersonFactory(unit=dept_a)
    people = Person.objects.order_by("-id")
    rows = people.values_list("id", "full_name", named=True)
    for number in ("1", "2", "3", "4"):
        request = rf.get("/", {"page": number})
        assert _pages(paging.paginate(request, rows, per_page=3, seek=True, ids=people)) == \
            _pages(paging.paginate(request, rows, per_page=3, seek=True))
    with pytest.raises(ValueError, match="order"):  # ids in another order: another page
        paging.paginate(rf.get("/", {"page": "2"}), rows, per_page=3, ids=people.order_by("id"))


@pytest.mark.postgres_only
def test_a_search_pages_by_seek_key_through_its_matches_in_the_copy(client, board_user, dept_a):
    """A people search's next and previous pages sort its matches in the search copy, as its
    numbered pages do (`_matched_first`), and are the same pages. Read in the people table, the
    page after a key bitmapped the people's wide rows or read them whole: a toss of the
    planner's costs (3 % apart for "nguyen van" in 20,000 people), which CI's PostgreSQL run
    lost once (tests/core/test_list_plans.py)."""
    from django.db import connection  # noqa: PLC0415 PostgreSQL-only test's own imports
    from django.test.utils import CaptureQueriesContext  # noqa: PLC0415 (idem)

    from core.text import fold_join  # noqa: PLC0415 (idem)

    born = datetime.date(1980, 1, 1)
    Person.objects.bulk_create([Person(
        cccd=f"{i:012d}", gender="male", birth_date=born, unit=dept_a,
        full_name=name, search_text=fold_join(name, f"{i:012d}"))
        for i, name in enumerate(f"Nguyễn Văn {'An' if i % 3 else 'Bình'}" if i < 120
                                 else f"Trần Thị Lan {i}" for i in range(2400))])
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE organisations_person, organisations_person_words")
    client.force_login(board_user)
    url = reverse("organisations:person_list")
    numbered = [names(client.get(url, {"q": "nguyen van", "page": n})) for n in (1, 2, 3)]
    response = client.get(url, {"q": "nguyen van"})
    seen, read = [names(response)], []
    for direction in ("next", "next", "previous", "previous"):
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url + links(response)[direction])
        seen.append(names(response))
        read.append(any("organisations_person_words" in q["sql"] for q in ctx.captured_queries))
    assert (seen, read) == ([*numbered, numbered[1], numbered[0]], [True] * 4)
    assert [len(page) for page in numbered] == [50, 50, 20]
