"""The audit log kept under its tables' epochs (core.interfaces.kept_pages): asked again it is
the same page read with one statement; a new entry, an actor's new name or a unit's show on the
next request; a reader outside the roles is refused whatever was kept; its statements read only
the tables it is kept under. PostgreSQL only, committed transactions (the epochs move at
commit)."""

import pytest
from django.urls import reverse

from audit.domain.record import record
from audit.views import LOG_TABLES
from tests.kept_pages_helpers import page_at, tables_read, unaccounted

URL = reverse("audit:log")
page = page_at(URL)


@pytest.fixture
def entries(admin_user, dept_a, school_a, dept_b):
    record(admin_user, "organisations.unit.update", dept_a, unit=dept_a,
           changes={"name": ["Sở Cũ", "Sở Giáo dục và Đào tạo"]})
    record(admin_user, "organisations.unit.update", school_a, unit=school_a)
    record(admin_user, "organisations.unit.update", dept_b, unit=dept_b)


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
class TestKeptLog:

    def test_asked_again_it_is_the_same_page_read_with_one_statement(self, client, board_user,
                                                                      entries):
        client.force_login(board_user)
        for url in (URL, URL + "?action=organisations&page=1", URL + "?q=Giáo"):
            first, again = page(client, url), page(client, url)
            assert (again[:2], again[2], first[2] > 1) == (first[:2], 1, True)
        assert "Sở Cũ → Sở Giáo dục và Đào tạo" in first[1]

    def test_every_committed_write_it_shows_is_on_the_next_request(self, client, board_user,
                                                                   admin_user, entries, dept_a):
        client.force_login(board_user)
        page(client)
        record(admin_user, "organisations.unit.rename", dept_a, unit=dept_a,
               changes={"name": ["A", "Sở Đổi Tên Một"]})
        assert "Sở Đổi Tên Một" in page(client)[1]
        admin_user.full_name = "Quản Trị Viên Mới"
        admin_user.save(update_fields=["full_name"])
        assert "Quản Trị Viên Mới" in page(client)[1]
        dept_a.name = "Sở Tên Khác"
        dept_a.save()
        assert "Sở Tên Khác" in page(client)[1]

    def test_an_officer_is_refused_whatever_the_board_has_kept(self, client, board_user,
                                                                officer_a, entries):
        client.force_login(board_user)
        assert page(client)[0] == page(client)[0] == 200
        client.force_login(officer_a)
        assert page(client)[0] == 403

    def test_the_pages_statements_read_only_the_tables_it_is_kept_under(
            self, client, board_user, admin_user, entries, settings):
        """Cold: every statement a log page sends, filters, searches and deep pages; the
        actors' names are read from the users' table, which the log is kept under."""
        settings.TDKT_KEEP_PAGES = False
        urls = [URL + query for query in (
            "", "?q=Giáo", "?actor=adm&action=organisations.unit",
            "?date_from=2020-01-01&date_to=2030-12-31", "?page=2", "?page=3&q=so",
            "?after=zz", "?q=so&before=aa")]
        read = tables_read(client, [board_user, admin_user], urls, statuses=(200, 404))
        assert unaccounted(read, LOG_TABLES) == []
        assert "audit_auditentry" in read
