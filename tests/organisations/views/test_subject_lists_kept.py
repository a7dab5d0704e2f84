"""The collectives' and households' lists kept under their tables' epochs
(core.interfaces.kept_pages): asked again each is the same page read with one statement; a
collective renamed, a household's head renamed, a unit renamed show on the next request; an
officer sees his units' subjects only, whatever the board has kept; their statements read only
the tables they are kept under. PostgreSQL only, committed transactions (the epochs move at
commit)."""

import pytest
from django.urls import reverse

from organisations.domain import people
from organisations.views.subjects import LIST_TABLES
from tests.factories import CollectiveFactory, HouseholdFactory, PersonFactory
from tests.kept_pages_helpers import page_at, tables_read, unaccounted

COLLECTIVES = reverse("organisations:collective_list")
HOUSEHOLDS = reverse("organisations:household_list")
page = page_at(COLLECTIVES)


@pytest.fixture
def subjects(school_a, dept_b):
    return {"ours": CollectiveFactory(unit=school_a, name="Tổ Toán"),
            "theirs": CollectiveFactory(unit=dept_b, name="Khoa Nội"),
            "household": HouseholdFactory(head=PersonFactory(unit=school_a,
                                                             full_name="Hoàng Văn Chủ Hộ"))}


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
class TestKeptSubjectLists:

    @pytest.mark.parametrize("url", [COLLECTIVES, COLLECTIVES + "?q=to+toan", HOUSEHOLDS,
                                     HOUSEHOLDS + "?q=hoang&page=1"])
    def test_asked_again_it_is_the_same_page_read_with_one_statement(self, client, officer_a,
                                                                      subjects, url):
        client.force_login(officer_a)
        first, again = page(client, url), page(client, url)
        assert (again[:2], again[2], first[2] > 1) == (first[:2], 1, True)
        partial = page(client, url, HX_Request="true")
        assert page(client, url, HX_Request="true")[:3] == partial[:2] + (1,)

    def test_every_committed_write_it_shows_is_on_the_next_request(self, client, officer_a,
                                                                   subjects, school_a):
        client.force_login(officer_a)
        assert ("Tổ Toán" in page(client)[1], "Hoàng Văn Chủ Hộ" in page(client, HOUSEHOLDS)[1])\
            == (True, True)
        subjects["ours"].name = "Tổ Ngữ văn"
        subjects["ours"].save()
        assert "Tổ Ngữ văn" in page(client)[1]
        people.update_person(None, subjects["household"].head, full_name="Hoàng Thị Chủ Hộ")
        assert "Hoàng Thị Chủ Hộ" in page(client, HOUSEHOLDS)[1]
        school_a.name = "Trường Đổi Tên"
        school_a.save()
        assert ("Trường Đổi Tên" in page(client)[1],
                "Trường Đổi Tên" in page(client, HOUSEHOLDS)[1]) == (True, True)

    def test_an_officer_sees_his_units_whatever_the_board_has_kept(self, client, board_user,
                                                                    officer_a, subjects):
        client.force_login(board_user)
        page(client)
        board = page(client)
        client.force_login(officer_a)
        mine = page(client)
        assert (("Khoa Nội" in board[1]), ("Khoa Nội" in mine[1]), "Tổ Toán" in mine[1]) == (
            True, False, True)

    def test_the_pages_statements_read_only_the_tables_they_are_kept_under(
            self, client, board_user, officer_a, outsider, admin_user, subjects, settings):
        """Cold: every statement the lists send, searched and paged, for each persona."""
        settings.TDKT_KEEP_PAGES = False
        users = [board_user, officer_a, outsider, admin_user]
        for kind, url in (("collective", COLLECTIVES), ("household", HOUSEHOLDS)):
            read = tables_read(client, users, [url + query for query in (
                "", "?q=to", "?q=hoang+van", "?page=2", "?q=x&page=3")], statuses=(200, 404))
            assert (kind, unaccounted(read, LIST_TABLES[kind])) == (kind, [])
