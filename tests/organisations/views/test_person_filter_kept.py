"""The people list filtered by unit, flags or gender (organisations.views.people._filtered_page):
its page's statement kept per process by scope shape, words, unit and filters, its unit read
by a kept statement — the rows each time the ORM's own, the unit's name as it is now, a unit
outside the scope a 404 however often asked."""

import pytest
from django.db import connection
from django.urls import reverse

from accounts.domain.scope import scope_shape
from core.interfaces import compiled, paging
from organisations.models import Person, Unit
from organisations.views.people import PERSON_PAGE_FIELDS
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

URL = reverse("organisations:person_list")


@pytest.fixture(autouse=True)
def _nothing_kept():
    paging._statements.clear()
    compiled._parameterised.clear()


@pytest.fixture
def people(dept_a, school_a, dept_b):
    for unit in (dept_a, school_a, dept_b):
        for i in range(60):
            PersonFactory(unit=unit, gender=("female", "male")[i % 2], is_leader=i % 5 == 0,
                          full_name=f"{('Nguyễn', 'Trần')[i % 2]} Văn {unit.code} {i}")


def orm(user, unit: Unit, params: dict, number: int) -> list:
    qs = Person.objects.filter(pk__in=_in_scope(user), unit=unit)
    if "gender" in params:
        qs = qs.filter(gender=params["gender"])
    if "is_leader" in params:
        qs = qs.filter(is_leader=params["is_leader"] == "1")
    for word in params.get("q", "").split():
        qs = qs.filter(search_text__contains=word)
    rows = qs.order_by("search_text", "id").values_list(*PERSON_PAGE_FIELDS, named=True)
    return list(rows[(number - 1) * 50:number * 50])


def _in_scope(user):
    from organisations.domain.queries import people_for_user  # noqa: PLC0415 the list's scope
    return people_for_user(user).values("pk")


PARAMS = [{"gender": "female"}, {"gender": "female", "page": "2"}, {"is_leader": "1"},
          {"gender": "male", "q": "tran"}, {}]


def test_the_filtered_page_is_the_orms_each_time(client, people, dept_a, school_a, board_user,
                                                 officer_a):
    for _round in range(2):
        for user, unit in ((board_user, dept_a), (board_user, school_a), (officer_a, school_a)):
            client.force_login(user)
            for params in PARAMS:
                page = client.get(URL, {"unit": unit.code, **params}).context["page"]
                assert list(page.object_list) == orm(user, unit, params,
                                                     int(params.get("page", 1)))
    shape = scope_shape(officer_a, Person)
    if connection.vendor == "postgresql":  # SQLite's dates are converted: read by the ORM
        assert ("organisations:person_list filtered", shape, (), school_a.pk,
                (("gender", "female"),), 50, True, False, 2) in paging._statements
    assert ("people unit", scope_shape(officer_a, Unit, "id")) in compiled._parameterised


def test_the_unit_is_read_as_it_is_now_and_only_in_scope(client, people, dept_a, dept_b,
                                                        officer_a):
    client.force_login(officer_a)
    assert client.get(URL, {"unit": dept_a.code, "gender": "female"}).status_code == 200
    Unit.objects.filter(pk=dept_a.pk).update(name="Sở <Mới> & Khác")
    response = client.get(URL, {"unit": dept_a.code, "gender": "female"})
    assert "— Sở &lt;Mới&gt; &amp; Khác</h1>" in response.text
    assert f'<input type="hidden" name="unit" value="{dept_a.code}">' in response.text
    for _round in range(2):
        assert client.get(URL, {"unit": dept_b.code, "gender": "female"}).status_code == 404
        assert client.get(URL, {"unit": "NO-SUCH", "is_leader": "1"}).status_code == 404
