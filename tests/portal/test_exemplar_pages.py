"""Published exemplary models on the public portal: only published ones, searchable without
diacritics, and never a person's CCCD, birth date, phone or e-mail."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from emulation.exemplars.domain.exemplars import withdraw_exemplar
from tests.emulation.helpers import make_exemplar
from tests.factories import PersonFactory


@pytest.fixture
def en(client):
    client.cookies["django_language"] = "en"
    return client


@pytest.fixture
def person(school_a):
    return PersonFactory(unit=school_a, full_name="Hà Thị Lụa", birth_date=datetime.date(
        1979, 3, 14), phone="0912345678", email="lua.ha@example.vn")


@pytest.fixture
def published(school_a, person):
    return make_exemplar(school_a, state="published", person=person,
                         title="Cô giáo cắm bản Pà Cò", story="Mười năm dạy chữ ở bản.")


@pytest.mark.parametrize("state", ["draft", "recognised", "withdrawn"])
def test_only_published_exemplars_are_public(en, dept_a, published, state):
    hidden = make_exemplar(dept_a, state=state, title="Chưa công bố")
    page = en.get(reverse("portal:exemplar_list"))
    assert [e["title"] for e in page.context["page"].object_list] == ["Cô giáo cắm bản Pà Cò"]
    assert en.get(reverse("portal:exemplar_detail", args=[hidden.public_id])).status_code == 404


def test_withdrawing_takes_it_off_the_portal(en, published):
    url = reverse("portal:exemplar_detail", args=[published.public_id])
    assert en.get(url).status_code == 200
    withdraw_exemplar(published, actor=None, reason="Sai sự thật")
    assert en.get(url).status_code == 404


@pytest.mark.parametrize(("q", "found"), [("co giao cam ban", True), ("HA THI LUA", True),
                                          ("truong thpt chuyen", True), ("bac si", False)])
def test_search_without_diacritics(en, published, q, found):
    rows = en.get(reverse("portal:exemplar_list"), {"q": q}).context["page"].object_list
    assert [r["name"] for r in rows] == (["Hà Thị Lụa"] if found else [])


def test_pages_show_public_facts_and_no_personal_data(en, published, person):
    pages = [en.get(reverse("portal:exemplar_list")).text,
             en.get(reverse("portal:exemplar_detail", args=[published.public_id])).text,
             en.get(reverse("portal:home")).text]
    detail = pages[1]
    for fact in ("Hà Thị Lụa", "Cô giáo cắm bản Pà Cò", "Mười năm dạy chữ ở bản.",
                 "Trường THPT Chuyên"):
        assert fact in detail
    secrets = [person.cccd, "14/03/1979", "1979-03-14", "14-03-1979", "0912345678",
               "lua.ha@example.vn"]
    assert [s for page in pages for s in secrets if s in page] == []


def test_list_is_one_query_however_many(en, school_a):
    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert en.get(reverse("portal:exemplar_list")).status_code == 200
        return len(ctx.captured_queries)

    make_exemplar(school_a, state="published", person=PersonFactory(unit=school_a))
    en.get(reverse("portal:exemplar_list"))
    few = count()
    for n in range(10):
        make_exemplar(school_a, state="published", title=f"Gương {n}",
                      person=PersonFactory(unit=school_a))
    assert count() == few <= 4
