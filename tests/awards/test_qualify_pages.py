""""Who qualifies" page by page (issue 14): a page screens only as many people as it needs and
the next page resumes after the previous page's last person."""

import pytest
from django.urls import reverse

from awards import views
from awards.domain import ledger
from awards.domain.parameters import CatalogueParameters
from awards.domain.qualify import qualifying
from awards.domain.queries.cases import subjects_for_people
from awards.views import PAGE
from organisations.models import Person
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def _rated_people(unit, n):
    for i in range(n):
        person = PersonFactory(unit=unit, full_name=f"Người {i:02d}")
        ledger.set_rating(None, person=person, year=2025, rating="tot")


def _pages(client, params):
    """Follow the "next" links from page 1: [(page number, [(name, award), …]), …]."""
    pages, after = [], None
    while True:
        response = client.get(reverse("awards:qualify"),
                              {**params, **({"after": after, "page": len(pages) + 1}
                                            if after else {})})
        assert response.status_code == 200
        pages.append((response.context["page_number"],
                      [(p.full_name, v.award) for p, v, _s in response.context["rows"]]))
        after = response.context["next_after"]
        if after is None:
            return pages


def test_pages_together_list_everyone_the_export_lists(client, board_user, dept_a):
    _rated_people(dept_a, PAGE + 2)
    client.force_login(board_user)
    pages = _pages(client, {"award": "ldtt", "year": 2025})
    assert [(number, len(rows)) for number, rows in pages] == [(1, PAGE), (2, 2)]
    listed = [name for _n, rows in pages for name, _a in rows]
    whole = [p.full_name for p, _v in qualifying(
        Person.objects.filter(unit=dept_a), "ldtt", 2025, CatalogueParameters())]
    assert listed == whole
    assert len(whole) == PAGE + 2


def test_the_next_link_carries_the_last_person_and_the_filters(client, board_user, dept_a):
    _rated_people(dept_a, PAGE + 1)
    client.force_login(board_user)
    response = client.get(reverse("awards:qualify"), {"award": "ldtt", "year": 2025})
    last = Person.objects.get(full_name=f"Người {PAGE - 1:02d}")
    assert response.context["next_after"] == last.pk
    assert f"award=ldtt&amp;year=2025&amp;page=2&amp;after={last.pk}" in response.content.decode()


def test_one_persons_titles_stay_on_one_page(client, board_user, dept_a):
    """award=all lists a person's titles on consecutive rows (LĐTT and Giấy khen here): a page
    ends between two people, never between two titles of one person."""
    _rated_people(dept_a, PAGE // 2 + 1)
    client.force_login(board_user)
    pages = _pages(client, {"award": "all", "year": 2025})
    names = [{name for name, _a in rows} for _n, rows in pages]
    assert [len(rows) for _n, rows in pages] == [PAGE, 2]
    assert names[0] & names[1] == set()


def test_an_outsider_following_a_key_sees_nobody_of_another_unit(client, outsider, dept_a):
    _rated_people(dept_a, 3)
    client.force_login(outsider)
    response = client.get(reverse("awards:qualify"), {"award": "ldtt", "year": 2025,
                                                      "after": "0", "page": "2"})
    assert response.context["rows"] == []
    assert response.context["next_after"] is None


def test_a_tampered_key_is_page_one(client, board_user, dept_a):
    _rated_people(dept_a, 2)
    client.force_login(board_user)
    response = client.get(reverse("awards:qualify"), {"award": "ldtt", "year": 2025,
                                                      "after": "x'; --", "page": "7"})
    assert response.context["page_number"] == 1
    assert len(response.context["rows"]) == 2


def test_a_small_first_chunk_screens_only_the_people_it_needs(dept_a):
    """The first result comes after `first_chunk` people are read, not 5,000; the chunks then
    double, and the results are those of the default chunking."""
    _rated_people(dept_a, 7)
    people = list(Person.objects.filter(unit=dept_a).order_by("id"))
    read = []

    def counted():
        for person in people:
            read.append(person)
            yield person

    results = subjects_for_people(counted(), "ldtt", 2025, first_chunk=2)
    next(results)
    assert len(read) == 2
    small = [p.pk for p, _c, _r in results]
    assert len(read) == 7
    assert [people[0].pk, *small] == [p.pk for p, _c, _r in subjects_for_people(
        people, "ldtt", 2025)]


def test_a_page_screens_at_most_so_many_people(client, board_user, dept_a, monkeypatch):
    """Where few qualify, a page stops after SCREEN_AT_MOST people and "next" goes on from the
    last person screened, not from the last person found."""
    monkeypatch.setattr(views, "SCREEN_AT_MOST", 3)
    weak = [PersonFactory(unit=dept_a, full_name=f"Chưa đủ {i}") for i in range(3)]
    for person in weak:
        ledger.set_rating(None, person=person, year=2025, rating="khong_hoan_thanh")
    _rated_people(dept_a, 2)
    client.force_login(board_user)
    client.cookies["django_language"] = "en"
    response = client.get(reverse("awards:qualify"), {"award": "ldtt", "year": 2025})
    assert response.context["rows"] == []
    assert response.context["next_after"] == weak[-1].pk
    assert "A page screens at most 3 people" in response.content.decode()
    assert _pages(client, {"award": "ldtt", "year": 2025}) == [
        (1, []), (2, [("Người 00", "ldtt"), ("Người 01", "ldtt")])]


def _interleaved(unit, other_unit, n):
    """`n` rated people of `unit`, each followed by one of `other_unit` (one unit's ids are
    sparse, as in a province)."""
    for i in range(n):
        person = PersonFactory(unit=unit, full_name=f"Người {i:02d}")
        ledger.set_rating(None, person=person, year=2025, rating="tot")
        PersonFactory(unit=other_unit, full_name=f"Khác {i:02d}")


@pytest.mark.parametrize(("first_chunk", "queries"), [(PAGE, 12), (2, 20)])
def test_the_filtered_page_reads_each_chunk_in_eight_queries(
        client, board_user, dept_a, dept_b, django_assert_num_queries, monkeypatch,
        first_chunk, queries, pages_not_kept):
    """`?award=…&unit=…` (issue 14.2), 3 people of a unit among others': 12 queries in one
    chunk — among them the law tables' stamp, read once for the engine's parameters, the award
    names and codes (all kept per process: they were three queries of their own, then the
    names and a second stamp read two more), the unit, the window's end, the people with their
    units' names (every unit's name was a query of its own until session 16), seven of
    history, the standings — and 8 more for a second chunk (the next people and seven of
    history; the award codes are read once)."""
    _interleaved(dept_a, dept_b, 3)
    # LĐTT's people are its candidates (qualify.candidates): their first chunk is theirs.
    monkeypatch.setattr(views, "CANDIDATES_CHUNK", first_chunk)
    client.force_login(board_user)
    params = {"award": "ldtt", "year": 2025, "unit": dept_a.code}
    client.get(reverse("awards:qualify"), params)  # warm-up: the layout caches the roles

    with django_assert_num_queries(queries):
        response = client.get(reverse("awards:qualify"), params)

    assert [p.full_name for p, _v, _s in response.context["rows"]] == [
        "Người 00", "Người 01", "Người 02"]


def test_a_narrower_titles_pages_start_with_more_people_and_list_the_same(
        client, board_user, dept_a, dept_b, monkeypatch):
    """CSTĐ cơ sở's pages screen CANDIDATES_CHUNK candidates before the first row (LĐTT's
    and Giấy khen's: FIRST_CHUNK people); followed page by page they list exactly whom the whole
    screening finds."""
    monkeypatch.setattr(views, "PAGE", 2)
    monkeypatch.setattr(views, "FIRST_CHUNK", 1)
    for i in range(7):
        person = PersonFactory(unit=dept_a, full_name=f"Người {i:02d}")
        ledger.set_rating(None, person=person, year=2025, rating="xuat_sac" if i % 2 else "tot")
        PersonFactory(unit=dept_b)
    client.force_login(board_user)

    pages = _pages(client, {"award": "cstd_co_so", "year": 2025, "unit": dept_a.code})

    whole = [p.full_name for p, _v in qualifying(
        Person.objects.filter(unit=dept_a), "cstd_co_so", 2025, CatalogueParameters())]
    assert [name for _n, rows in pages for name, _a in rows] == whole
    assert [len(rows) for _n, rows in pages] == [2, 1]
    assert [views._first_chunk(award) for award in ("cstd_co_so", "ldtt", "giay_khen", "all")
            ] == [views.NARROW_CHUNK, 1, 1, 1]
    assert views._first_chunk("cstd_co_so", narrowed=True) == views.CANDIDATES_CHUNK


def test_the_filtered_cstd_co_so_page_reads_its_candidates_in_one_statement(
        client, board_user, dept_a, dept_b, django_assert_num_queries, pages_not_kept):
    """CSTĐ cơ sở for one unit (issue 14.2; `qualify.candidates`): the window's candidates in
    one statement, the window a subquery in it — 13 queries, the LĐTT page's 12 and that one
    (the window's ids read into Python and sent back, once per condition, made it 19)."""
    for i in range(3):
        person = PersonFactory(unit=dept_a, full_name=f"Người {i:02d}")
        ledger.set_rating(None, person=person, year=2025, rating="xuat_sac" if i else "tot")
        PersonFactory(unit=dept_b)
    client.force_login(board_user)
    params = {"award": "cstd_co_so", "year": 2025, "unit": dept_a.code}
    client.get(reverse("awards:qualify"), params)  # warm-up: the layout caches the roles

    with django_assert_num_queries(13):
        response = client.get(reverse("awards:qualify"), params)

    assert [p.full_name for p, _v, _s in response.context["rows"]] == ["Người 01", "Người 02"]
