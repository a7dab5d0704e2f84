"""The movements list kept under its tables' epochs (core.interfaces.kept_pages): asked again
it is the same page read with one statement; a movement renamed, a unit of the officer's made a
participant, the organiser renamed show on the next request; an officer sees what his units
organise or take part in, whatever the board has kept; its statements read only the tables it
is kept under. PostgreSQL only, committed transactions (the epochs move at commit)."""

import pytest
from django.urls import reverse

from emulation.movements.views.movements import LIST_TABLES
from tests.emulation.movement_helpers import make_movement
from tests.kept_pages_helpers import page_at, tables_read, unaccounted

URL = reverse("emulation:movement_list")
page = page_at(URL)


@pytest.fixture
def movements(dept_a, school_a, dept_b):
    return {"ours": make_movement(dept_a, [school_a], name="Thi đua dạy tốt"),
            "theirs": make_movement(dept_b, [dept_b], name="Thi đua chăm sóc người bệnh",
                                    state="launched")}


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
class TestKeptMovementList:

    @pytest.mark.parametrize("query", ["", "?q=PT-", "?state=draft&kind=regular&year=2025"])
    def test_asked_again_it_is_the_same_page_read_with_one_statement(self, client, officer_a,
                                                                      movements, query):
        client.force_login(officer_a)
        first, again = page(client, URL + query), page(client, URL + query)
        assert (again[:2], again[2], first[2] > 1) == (first[:2], 1, True)
        assert "Thi đua dạy tốt" in first[1]

    def test_every_committed_write_it_shows_is_on_the_next_request(self, client, officer_a,
                                                                   movements, school_a, dept_a):
        client.force_login(officer_a)
        assert "chăm sóc người bệnh" not in page(client)[1]
        movements["theirs"].participants.add(school_a)  # the participants' table alone
        assert "chăm sóc người bệnh" in page(client)[1]
        movements["ours"].name = "Thi đua học tốt"
        movements["ours"].save()
        assert "Thi đua học tốt" in page(client)[1]
        dept_a.name = "Sở Đổi Tên"
        dept_a.save()
        assert "Sở Đổi Tên" in page(client)[1]

    def test_an_officer_sees_his_units_whatever_the_board_has_kept(self, client, board_user,
                                                                    officer_a, movements):
        client.force_login(board_user)
        page(client)
        board = page(client)
        client.force_login(officer_a)
        mine = page(client)
        assert ("chăm sóc người bệnh" in board[1], "chăm sóc người bệnh" in mine[1]) == (
            True, False)

    def test_the_pages_statements_read_only_the_tables_it_is_kept_under(
            self, client, board_user, officer_a, outsider, admin_user, movements, settings):
        """Cold: every statement the list sends, searched, filtered and paged, per persona."""
        settings.TDKT_KEEP_PAGES = False
        read = tables_read(client, [board_user, officer_a, outsider, admin_user], [
            URL + query for query in ("", "?q=thi", "?state=launched&kind=regular&year=2025",
                                      "?year=x&state=nope", "?page=2", "?q=x&page=3")],
            statuses=(200, 404))
        assert unaccounted(read, LIST_TABLES) == []
