"""The initiatives list kept under its tables' epochs (core.interfaces.kept_pages): asked again
it is the same page read with one statement; an initiative retitled, its unit renamed show on
the next request; a unit filter outside the reader's scope is refused whatever was kept; its
statements read only the tables it is kept under. PostgreSQL only, committed transactions (the
epochs move at commit)."""

import pytest
from django.urls import reverse

from emulation.initiatives.views.initiatives import LIST_TABLES
from tests.factories import make_initiative
from tests.kept_pages_helpers import page_at, tables_read, unaccounted

URL = reverse("emulation:initiative_list")
page = page_at(URL)
FILTERED = URL + "?unit=SO-A&scope=co_so&state=recognised&kind=sang_kien&year=2024"


@pytest.fixture
def initiatives(dept_a, school_a, dept_b):
    return {"ours": make_initiative(dept_a, title="Sổ điểm điện tử"),
            "school": make_initiative(school_a, title="Thư viện số", state="draft"),
            "theirs": make_initiative(dept_b, title="Bệnh án điện tử")}


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
class TestKeptInitiativeList:

    @pytest.mark.parametrize("url", [URL, URL + "?q=so+diem", FILTERED])
    def test_asked_again_it_is_the_same_page_read_with_one_statement(self, client, officer_a,
                                                                      initiatives, url):
        client.force_login(officer_a)
        first, again = page(client, url), page(client, url)
        assert (again[:2], again[2], first[2] > 1) == (first[:2], 1, True)
        assert "Sổ điểm điện tử" in first[1]
        partial = page(client, url, HX_Request="true")
        assert page(client, url, HX_Request="true")[:3] == partial[:2] + (1,)

    def test_every_committed_write_it_shows_is_on_the_next_request(self, client, officer_a,
                                                                   initiatives, school_a):
        client.force_login(officer_a)
        assert "Thư viện số" in page(client)[1]
        initiatives["school"].title = "Thư viện điện tử"
        initiatives["school"].save()
        assert "Thư viện điện tử" in page(client)[1]
        school_a.name = "Trường Đổi Tên"
        school_a.save()
        assert "Trường Đổi Tên" in page(client)[1]

    def test_outside_the_scope_it_is_refused_whatever_was_kept(self, client, officer_a,
                                                                outsider, initiatives):
        client.force_login(officer_a)
        assert [page(client, FILTERED)[0], page(client, FILTERED)[0]] == [200, 200]
        client.force_login(outsider)
        theirs = page(client)
        assert (page(client, FILTERED)[0], "Sổ điểm điện tử" in theirs[1],
                "Bệnh án điện tử" in theirs[1]) == (404, False, True)

    def test_the_pages_statements_read_only_the_tables_it_is_kept_under(
            self, client, board_user, officer_a, outsider, admin_user, initiatives, settings):
        """Cold: every statement the list sends, searched, filtered and paged, per persona."""
        settings.TDKT_KEEP_PAGES = False
        read = tables_read(client, [board_user, officer_a, outsider, admin_user], [
            URL + query for query in ("", "?q=dien+tu", FILTERED[len(URL):], "?unit=TRUONG-A",
                                      "?year=x&state=nope", "?page=2", "?q=x&page=3")],
            statuses=(200, 404))
        assert unaccounted(read, LIST_TABLES) == []
