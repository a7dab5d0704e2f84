"""The floor of a list (bench/floor_urls.py, `bench_pages.py --floor`) reads the rows the people
list shows on its first page: otherwise its share of /healthz would measure a different read."""

import pytest
from django.urls import reverse

from bench import floor_urls
from tests.factories import PersonFactory

pytestmark = [pytest.mark.django_db, pytest.mark.urls("bench.floor_urls")]


@pytest.fixture
def people(dept_a):
    return PersonFactory.create_batch(53, unit=dept_a, full_name=factory_names())


def factory_names():
    import factory  # noqa: PLC0415 only this fixture names people out of order

    return factory.Iterator([f"Người {n:02d} <thử>" for n in (52, *range(52))])


def _list_names(client):
    page = client.get(reverse("organisations:person_list")).context["page"]
    return [person.full_name for person in page.object_list]


def test_the_raw_list_is_the_people_lists_first_page(client_for, board_user, people):
    floor_urls._PAGE_SQL.clear()
    client = client_for(board_user)
    raw = client.get("/bench/raw-list")
    names = [line.split("\t")[1] for line in raw.content.decode().splitlines()]
    assert (raw.status_code, raw["Content-Type"], names) == (
        200, "text/plain; charset=utf-8", _list_names(client))
    assert len(names) == 50


def test_the_raw_list_in_the_layout_escapes_and_links_the_same_rows(client_for, board_user,
                                                                     people):
    floor_urls._PAGE_SQL.clear()
    client = client_for(board_user)
    html = client.get("/bench/raw-list-layout").content.decode()
    listed = client.get(reverse("organisations:person_list")).context["page"].object_list
    assert (html.count("&lt;thử&gt;</a>"), html.count("<thử>"), [
        html.count(reverse("organisations:person_detail", args=[p.public_id])) for p in listed
    ]) == (50, 0, [1] * 50)


def test_the_floor_pages_ask_for_a_session(client):
    assert [client.get(path).status_code for path in (
        "/bench/signed-in", "/bench/layout", "/bench/raw-list", "/bench/raw-list-layout")] == [
        302, 302, 302, 302]
