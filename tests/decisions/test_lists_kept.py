"""The decisions app's list pages kept under their tables' epochs (core.interfaces.kept_pages):
the decisions (their state filter and pages), the document registers and the exchange
webhooks (subscriptions and the delivery log). Asked again each is the same html read with one
statement; a committed write it shows is on the next request; a cold page's statements read
only the tables it is kept under. PostgreSQL only, committed transactions (`transaction=True`):
the epochs move at commit."""


import pytest
from django.urls import reverse

from decisions.domain import issuing, webhooks
from decisions.views.decisions import DECISION_LIST_TABLES
from decisions.views.register import REGISTER_LIST_TABLES
from decisions.views.webhooks import WEBHOOK_LIST_TABLES
from tests.core.test_kept_pages import page
from tests.decisions.helpers import DECIDED_ON, draft_for, issued
from tests.kept_pages_helpers import tables_read, unaccounted
from tests.proposals.helpers import appraised

DECISIONS, REGISTERS = reverse("decisions:list"), reverse("decisions:register")
WEBHOOKS = reverse("decisions:webhook_list")
# Each page, the tables it is kept under, and the query strings a user sends it.
PAGES = [
    (DECISIONS, DECISION_LIST_TABLES, ("", "?state=draft", "?state=issued&page=2", "?page=2",
                                       "?state=nonsense")),
    (REGISTERS, REGISTER_LIST_TABLES, ("",)),
    (WEBHOOKS, WEBHOOK_LIST_TABLES, ("", "?state=pending", "?state=failed&page=2", "?page=2")),
]


@pytest.fixture
def listed(reference_data, officer_a, board_user, approver_user, admin_user, dept_a):
    """A subscribed system and an issued decision (its register entry, its event's delivery)."""
    webhooks.subscribe(admin_user, name="Quản lý văn bản", url="http://127.0.0.1:9/x", kinds=[])
    return issued(officer_a, board_user, approver_user, dept_a)


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
class TestKept:

    @pytest.mark.parametrize(("url", "who"), [
        (DECISIONS, "officer_a"), (DECISIONS, "board_user"), (DECISIONS + "?state=issued",
                                                              "desk_user"),
        (REGISTERS, "desk_user"), (WEBHOOKS, "admin_user"), (WEBHOOKS + "?state=failed",
                                                             "admin_user")])
    def test_asked_again_it_is_the_same_page_read_with_one_statement(self, client, listed, url,
                                                                      who, request):
        client.force_login(request.getfixturevalue(who))
        first, again = page(client, url), page(client, url)
        assert (first[0], again[:2], again[2]) == (200, first[:2], 1)
        assert first[2] > 1

    def test_a_drafted_then_issued_decision_is_on_the_next_lists(
            self, client, officer_a, board_user, approver_user, desk_user, dept_a, listed):
        client.force_login(desk_user)
        before = page(client, DECISIONS), page(client, REGISTERS)
        proposal = appraised(officer_a, board_user, dept_a, dept_a)
        decision = draft_for(board_user, [proposal], dept_a, symbol="QĐ-KTĐX",
                             summary="Về việc khen thưởng đột xuất")
        assert ["Về việc khen thưởng đột xuất" in html for _s, html, *_ in before] == [False,
                                                                                        False]
        assert "Về việc khen thưởng đột xuất" in page(client, DECISIONS)[1]
        assert "QĐ-KTĐX" not in page(client, REGISTERS)[1]
        issuing.issue_decision(approver_user, decision, date=DECIDED_ON)
        assert "QĐ-KTĐX" in page(client, REGISTERS)[1]

    def test_a_new_subscription_is_on_the_next_webhook_page(self, client, admin_user, listed):
        client.force_login(admin_user)
        page(client, WEBHOOKS)
        webhooks.subscribe(admin_user, name="CSDL cán bộ", url="http://127.0.0.1:9/y", kinds=[])
        assert "CSDL cán bộ" in page(client, WEBHOOKS)[1]

    def test_the_pages_statements_read_only_the_tables_they_are_kept_under(
            self, client, officer_a, board_user, outsider, desk_user, admin_user, listed,
            settings):
        """Cold (no role, user or page cached): every statement each page sends, to each
        persona, with and without htmx; none of them writes (a page that wrote on GET could
        not be kept)."""
        settings.TDKT_KEEP_PAGES = False
        for url, tables, queries in PAGES:
            read = tables_read(client, (officer_a, board_user, outsider, desk_user, admin_user),
                               [url + query for query in queries], statuses=(200, 403, 404))
            assert (url, unaccounted(read, tables)) == (url, [])
