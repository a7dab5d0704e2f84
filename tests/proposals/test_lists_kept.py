"""The proposals app's list pages kept under their tables' epochs (core.interfaces.kept_pages):
the proposal list (its search, state filter and pages), the appraisal inbox and the council's
sessions. Asked again each is the same html read with one statement; a committed write it
shows is on the next request; a cold page's statements read only the tables it is kept under.
PostgreSQL only, committed transactions (`transaction=True`): the epochs move at commit."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from organisations.models import Unit
from proposals.domain import council, workflow
from proposals.views.appraisal import INBOX_TABLES
from proposals.views.council import SESSION_LIST_TABLES
from proposals.views.proposals import PROPOSAL_LIST_TABLES
from tests.core.test_kept_pages import page
from tests.kept_pages_helpers import tables_read, unaccounted
from tests.proposals.helpers import complete_dossier, draft, submitted

LIST, INBOX = reverse("proposals:list"), reverse("proposals:inbox")
SESSIONS = reverse("proposals:session_list")
# Each page, the tables it is kept under, and the query strings a user sends it (search, state
# filter, pages: each reads its own statements).
PAGES = [
    (LIST, PROPOSAL_LIST_TABLES, ("", "?q=giay", "?q=giay+khen&page=2", "?state=submitted",
                                  "?state=draft&page=2", "?page=2", "?q=zz&state=returned")),
    (INBOX, INBOX_TABLES, ("", "?page=2")),
    (SESSIONS, SESSION_LIST_TABLES, ("",)),
]


@pytest.fixture
def listed(reference_data, officer_a, board_user, dept_a, province):
    """A submitted proposal (in the board's inbox), a draft and a council session."""
    council.create_session(board_user, unit=province, title="Phiên họp Hội đồng TĐKT",
                           place="Tuyên Quang", total_members=5,
                           held_at=timezone.make_aware(datetime.datetime(2026, 12, 1, 8, 0)))
    return submitted(officer_a, dept_a, dept_a), draft(officer_a, dept_a, dept_a)


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
class TestKept:

    @pytest.mark.parametrize(("url", "who"), [(LIST, "officer_a"), (LIST + "?q=giay", "board_user"),
                                              (LIST + "?state=draft", "officer_a"),
                                              (INBOX, "board_user"), (SESSIONS, "board_user")])
    def test_asked_again_it_is_the_same_page_read_with_one_statement(self, client, listed, url,
                                                                      who, request):
        client.force_login(request.getfixturevalue(who))
        first, again = page(client, url), page(client, url)
        assert (first[0], again[:2], again[2]) == (200, first[:2], 1)
        assert first[2] > 1
        partial = page(client, url, HX_Request="true")
        assert page(client, url, HX_Request="true")[:3] == partial[:2] + (1,)

    def test_a_new_proposal_is_on_the_next_list(self, client, officer_a, dept_a, listed):
        client.force_login(officer_a)
        page(client, LIST)
        page(client, LIST + "?state=draft")
        new = draft(officer_a, dept_a, dept_a)
        shown = [new.code in page(client, url)[1] for url in (LIST, LIST + "?state=draft")]
        assert shown == [True, True]

    def test_a_submitted_proposal_is_in_the_next_inbox_and_a_renamed_unit_too(
            self, client, officer_a, board_user, dept_a, listed):
        client.force_login(board_user)
        before = page(client, INBOX)
        proposal = listed[1]
        assert proposal.code not in before[1]
        complete_dossier(officer_a, proposal)
        workflow.submit(officer_a, proposal)
        assert proposal.code in page(client, INBOX)[1]
        Unit.objects.filter(pk=dept_a.pk).update(name="Sở Giáo dục Đổi Tên")
        assert "Sở Giáo dục Đổi Tên" in page(client, INBOX)[1]

    def test_a_new_session_is_on_the_next_session_list(self, client, board_user, province,
                                                       listed):
        client.force_login(board_user)
        page(client, SESSIONS)
        council.create_session(board_user, unit=province, title="Phiên họp bất thường",
                               place="Tuyên Quang", total_members=5,
                               held_at=timezone.make_aware(datetime.datetime(2026, 12, 9, 8)))
        assert "Phiên họp bất thường" in page(client, SESSIONS)[1]

    def test_the_pages_statements_read_only_the_tables_they_are_kept_under(
            self, client, officer_a, board_user, outsider, admin_user, listed, settings):
        """Cold (no role, user or page cached): every statement each page sends, to each
        persona, with and without htmx; none of them writes (a page that wrote on GET could
        not be kept)."""
        settings.TDKT_KEEP_PAGES = False
        for url, tables, queries in PAGES:
            read = tables_read(client, (officer_a, board_user, outsider, admin_user),
                               [url + query for query in queries], statuses=(200, 403, 404))
            assert (url, unaccounted(read, tables)) == (url, [])
