"""List pages: diacritics-insensitive search and a query count that does not grow with rows."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from organisations.models import Collective
from tests.factories import CollectiveFactory, HouseholdFactory, PersonFactory, UnitFactory


def queries_for(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("query", ["nguyen van an", "NGUYỄN VĂN AN", "an nguyen", "van an"])
def test_person_search_ignores_diacritics_and_order(client, officer_a, dept_a, query):
    PersonFactory(unit=dept_a, full_name="Nguyễn Văn An")
    PersonFactory(unit=dept_a, full_name="Trần Thị Bình")
    client.force_login(officer_a)
    page = client.get(reverse("organisations:person_list"), {"q": query}).context["page"]
    assert [p.full_name for p in page.object_list] == ["Nguyễn Văn An"]


def test_person_search_by_cccd(client, officer_a, dept_a):
    person = PersonFactory(unit=dept_a)
    PersonFactory(unit=dept_a)
    client.force_login(officer_a)
    page = client.get(reverse("organisations:person_list"), {"q": person.cccd}).context["page"]
    assert [p.id for p in page.object_list] == [person.pk]


def test_unit_search_ignores_diacritics(client, board_user, dept_a, dept_b):
    client.force_login(board_user)
    page = client.get(reverse("organisations:unit_list"), {"q": "so y te"}).context["page"]
    assert [u.code for u in page.object_list] == ["SO-B"]


def test_person_list_htmx_returns_rows_only(client, officer_a, dept_a):
    PersonFactory(unit=dept_a, full_name="Nguyễn Văn An")
    client.force_login(officer_a)
    response = client.get(reverse("organisations:person_list"), {"q": "an"}, HTTP_HX_REQUEST="1")
    assert "<html" not in response.text
    assert "Nguyễn Văn An" in response.text


def test_person_list_filters(client, board_user, dept_a):
    PersonFactory(unit=dept_a, full_name="Lãnh Đạo", is_leader=True)
    PersonFactory(unit=dept_a, full_name="Công Nhân", is_direct_worker=True, gender="female",
                  birth_date=datetime.date(1990, 1, 1))
    client.force_login(board_user)
    url = reverse("organisations:person_list")
    assert [p.full_name for p in client.get(url, {"is_leader": "1"}).context["page"]
            .object_list] == ["Lãnh Đạo"]
    assert [p.full_name for p in client.get(url, {"is_direct_worker": "1", "gender": "female"})
            .context["page"].object_list] == ["Công Nhân"]


def test_person_list_keeps_the_chosen_filters_selected(client, board_user):
    client.force_login(board_user)
    url = reverse("organisations:person_list")
    chosen = client.get(url, {"gender": "female", "is_leader": "0", "is_direct_worker": "1"}).text
    plain = client.get(url).text
    assert [(page.count('<option value="female" selected>'), page.count('<option value="0" '
             'selected>'), page.count('<option value="1" selected>'), page.count(" selected>"))
            for page in (chosen, plain)] == [(1, 1, 1, 4), (0, 0, 0, 1)]


@pytest.mark.parametrize("name", ["organisations:person_list", "organisations:unit_list",
                                  "organisations:collective_list",
                                  "organisations:household_list", "organisations:staff_list",
                                  "audit:log", "organisations:event_list"])
def test_list_query_count_does_not_grow_with_rows(client, board_user, dept_a, name):
    client.force_login(board_user)
    url = reverse(name)
    PersonFactory(unit=dept_a)
    queries_for(client, url)  # roles and unread count: cached from the second request on
    few = queries_for(client, url)
    for i in range(15):
        unit = UnitFactory(parent=dept_a, code=f"X{i}")
        person = PersonFactory(unit=unit)
        CollectiveFactory(unit=unit)
        HouseholdFactory(head=person, unit=unit)
    queries_for(client, url)  # new units: a new tree version, whose scope is read once
    many = queries_for(client, url)
    assert many == few


def test_person_list_pages_without_counting_everything(client, board_user, dept_a):
    for _ in range(55):
        PersonFactory(unit=dept_a)
    client.force_login(board_user)
    first = client.get(reverse("organisations:person_list")).context["page"]
    second = client.get(reverse("organisations:person_list"), {"page": 2}).context["page"]
    assert (len(first.object_list), first.has_next) == (50, True)
    assert (len(second.object_list), second.has_next) == (5, False)


def test_cluster_list_query_count_does_not_grow_with_clusters(client, board_user, dept_a):
    from tests.factories import ClusterFactory

    client.force_login(board_user)
    url = reverse("organisations:cluster_list")
    client.get(url)  # the menu is computed once per role set and process
    ClusterFactory(managing_unit=dept_a)
    few = queries_for(client, url)
    for _ in range(12):
        ClusterFactory(managing_unit=dept_a)
    assert client.get(url).content.decode().count("Cụm thi đua số") >= 13
    assert queries_for(client, url) == few


def test_collective_list_reads_its_kept_statement_and_follows_writes(client, officer_a,
                                                                      dept_a, dept_b):
    """The list's SQL is compiled once per scope shape and words; the rows are read on every
    request: a renamed collective shows at once, another scope's never."""
    mine = CollectiveFactory(unit=dept_a, name="Tổ Văn")
    CollectiveFactory(unit=dept_b, name="Tổ Văn bên kia")
    client.force_login(officer_a)
    url = reverse("organisations:collective_list")
    queries_for(client, url)
    assert queries_for(client, url) == queries_for(client, url + "?q=van")
    Collective.objects.filter(pk=mine.pk).update(name="Tổ Văn Mới", search_text="to van moi")
    names = [row["name"] for row in client.get(url, {"q": "van"}).context["page"].object_list]
    assert names == ["Tổ Văn Mới"]
    html = client.get(url).content.decode()
    assert ("Tổ Văn Mới" in html, "bên kia" in html) == (True, False)
