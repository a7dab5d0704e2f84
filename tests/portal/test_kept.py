"""Portal pages kept per process under the public epoch (portal.interfaces.kept,
portal.domain.public_epoch): a page asked again is read from its kept content with one
statement, the same bytes; every committed write a portal page shows is on the very next
request, a rolled-back one never moves the epoch; the epoch watches every table the pages read;
hostile query strings never grow what is kept beyond its bound. PostgreSQL only (SQLite has no
epoch: its pages are never kept, tests/portal's other tests); committed transactions
(`transaction=True`): the epoch moves at commit."""

import re

import pytest
from django.contrib.messages import constants
from django.contrib.messages.storage.base import Message
from django.contrib.messages.storage.cookie import CookieStorage
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from decisions.domain import corrections, issuing
from emulation.exemplars.domain.exemplars import withdraw_exemplar
from emulation.exemplars.models.replications import Replication
from portal.domain.public_epoch import EPOCH_SQL, WATCHED
from portal.interfaces import kept
from tests.decisions.helpers import DECIDED_ON, issued
from tests.emulation.helpers import make_exemplar
from tests.portal.test_portal import _working_day_before

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True),
              pytest.mark.usefixtures("reference_data")]

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')


@pytest.fixture(autouse=True)
def nothing_kept():
    """Each test starts with no page kept (an earlier test's, under an epoch its flush moved)."""
    kept._pages.clear()


@pytest.fixture
def decision(officer_a, board_user, approver_user, dept_a):
    return issued(officer_a, board_user, approver_user, dept_a, people=3)


def epoch() -> int:
    with connection.cursor() as cursor:
        cursor.execute(EPOCH_SQL)
        return cursor.fetchone()[0]


def page(client, url: str, **params) -> tuple[int, str, int]:
    """Status, HTML (CSRF token blanked) and the number of statements of one request."""
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, params)
    return (response.status_code, CSRF.sub("csrf", response.content.decode()),
            len(ctx.captured_queries))


def test_a_page_asked_again_is_its_kept_content_read_with_one_statement(client, decision):
    client.cookies["django_language"] = "en"
    url = reverse("portal:decision_detail", args=[decision.public_id])
    first, again = page(client, url, q='<"&'), page(client, url, q='<"&')
    assert (again[:2], again[2]) == (first[:2], 1)
    assert first[2] > 1
    client.cookies["django_language"] = "vi"  # the language is in the key
    vi = page(client, url, q='<"&')
    assert (vi[1] != first[1], vi[2] > 1) == (True, True)


def _headers(response) -> dict:
    return dict(response.items())


def test_a_plain_visitor_gets_the_whole_page_kept_the_same_bytes_with_a_token_of_his_own(
        client, decision):
    """A visitor not signed in: the first request renders, the next ones join the kept whole
    page with their own CSRF token — the same html and headers, one statement, a token the
    language form accepts (a POST with it passes Django's CSRF check)."""
    client = type(client)(enforce_csrf_checks=True)
    url = reverse("portal:decision_detail", args=[decision.public_id])
    responses, statements = [], []
    for _ in range(3):
        with CaptureQueriesContext(connection) as ctx:
            responses.append(client.get(url, {"q": '<"&'}))
        statements.append(len(ctx.captured_queries))
    pages = [CSRF.sub("csrf", r.content.decode()) for r in responses]
    assert (pages[1:], statements[1:]) == ([pages[0], pages[0]], [1, 1])
    assert [_headers(r) for r in responses[1:]] == [_headers(responses[0])] * 2
    assert "\x00" not in pages[0]
    assert [page.whole is not None for page in kept._pages.values()] == [True]
    tokens = [CSRF.search(r.content.decode()).group() for r in responses]
    assert len(set(tokens)) == 3  # masked afresh each time, as `{% csrf_token %}` does
    token = tokens[2].rsplit('value="', 1)[1].rstrip('"')
    changed = client.post(reverse("set_language"), {"language": "en", "next": url,
                                                    "csrfmiddlewaretoken": token})
    assert (changed.status_code, changed.cookies["django_language"].value) == (302, "en")


def test_a_signed_in_visitor_or_one_with_a_message_gets_the_layout_rendered(
        client, decision, board_user):
    """The kept whole page is a plain visitor's only: a signed-in visitor sees his menu and
    name, a message waiting is shown (and then gone), on a page another visitor had kept."""
    url = reverse("portal:decision_list")
    plain = [page(client, url)[1], page(client, url)[1]]
    client.force_login(board_user)
    signed_in = page(client, url)[1]
    assert ('class="who"' in signed_in, 'class="who"' in plain[1]) == (True, False)
    assert plain[0] == plain[1]
    client.logout()
    storage = CookieStorage(None)
    client.cookies[storage.cookie_name] = storage._encode(  # noqa: SLF001 queued as a view would
        [Message(constants.INFO, "Đã đổi ngôn ngữ")])
    shown, after = page(client, url)[1], page(client, url)[1]
    assert ("Đã đổi ngôn ngữ" in shown, after) == (True, plain[0])


def test_a_404_stays_a_404(client, db):
    url = reverse("portal:decision_detail", args=["00000000-0000-0000-0000-000000000000"])
    assert [page(client, url)[0], page(client, url)[0]] == [404, 404]
    unknown = reverse("portal:verify_code", args=["ABCDE-FGHJK"])
    assert [page(client, unknown)[0], page(client, unknown)[0]] == [404, 404]


def test_query_strings_never_grow_what_is_kept_beyond_its_bound(client, db):
    url = reverse("portal:decision_list")
    for n in range(kept.KEPT_PAGES + 20):
        client.get(url, {"q": f"x{n}"})
    client.get(url, {"q": "x" * kept.MAX_QUERY_STRING})
    assert len(kept._pages) == kept.KEPT_PAGES
    assert ("q=" + "x" * kept.MAX_QUERY_STRING) not in {key[-1] for key in kept._pages}


def test_a_decision_issued_revoked_or_corrected_shows_on_the_next_request(
        client, decision, officer_a, board_user, approver_user, dept_a):
    home, listed = reverse("portal:home"), reverse("portal:decision_list")
    detail = reverse("portal:decision_detail", args=[decision.public_id])
    first, second, third = decision.items.order_by("ordinal")
    code = first.certificates.get().code
    verify = reverse("portal:verify_code", args=[code])
    seen = [page(client, url)[1] for url in (home, listed, detail, verify)]
    assert [page(client, url)[1] for url in (home, listed, detail, verify)] == seen
    other = issued(officer_a, board_user, approver_user, dept_a, people=1)
    assert other.public_id and str(other.public_id) in page(client, home)[1]
    assert str(other.public_id) in page(client, listed)[1]
    corrections.revoke_item(board_user, first, reason="Gian lận", decision_number="7/QĐ",
                            decision_date=DECIDED_ON, decision_issuer="Giám đốc Sở")
    assert "Gian lận" in page(client, verify)[1]
    assert "badge danger" in page(client, detail)[1]
    amending = corrections.request_correction(board_user, second, reason="Sai tên",
                                              recipient_name="Đặng Văn Đúng",
                                              recipient_detail="Phòng Tổ chức")
    issuing.issue_decision(approver_user, amending, date=DECIDED_ON)
    assert str(amending.public_id) in page(client, detail)[1]
    third.recipient_name = "Tên Đã Sửa"  # an awardee's name corrected in place
    third.save()
    assert "Tên Đã Sửa" in page(client, detail)[1]


def test_an_exemplar_withdrawn_or_spread_shows_on_the_next_request(client, school_a, dept_a):
    exemplar = make_exemplar(school_a, state="published", title="Cô giáo cắm bản")
    listed, detail = (reverse("portal:exemplar_list"),
                      reverse("portal:exemplar_detail", args=[exemplar.public_id]))
    assert "Cô giáo cắm bản" in page(client, listed)[1]
    assert dept_a.name not in page(client, detail)[1]
    Replication.objects.create(exemplar=exemplar, unit=dept_a, state="in_progress")
    assert dept_a.name in page(client, detail)[1]
    withdraw_exemplar(exemplar, actor=None, reason="Sai sự thật")
    assert "Cô giáo cắm bản" not in page(client, listed)[1]
    assert page(client, detail)[0] == 404


def test_a_rolled_back_write_never_moves_the_epoch_and_a_transaction_bumps_once(decision):
    before = epoch()
    with transaction.atomic():
        sid = transaction.savepoint()
        decision.items.update(recipient_name="Không Lưu")
        transaction.savepoint_rollback(sid)
    assert epoch() == before
    with transaction.atomic():
        for item in decision.items.all():
            item.recipient_name = item.recipient_name + " A"
            item.save()
        decision.issuer.save()
    assert epoch() == before + 1


@pytest.mark.parametrize("table", WATCHED)
def test_every_watched_table_moves_the_epoch_at_commit(db, table):
    """Each table's trigger, alone: a statement on it (even one writing no row) and TRUNCATE."""
    before = epoch()
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET id = id WHERE false")
    assert epoch() == before + 1
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {table} CASCADE")
        assert epoch() == before + 1  # at commit, not before
    assert epoch() == before + 2


def test_the_epoch_watches_every_table_a_kept_portal_page_reads(
        client, decision, board_user, approver_user, officer_a, dept_a, school_a):
    """The tables named in the statements of every kept page, with what they may show: a
    revoked, a corrected and a valid certificate, an amending decision, an open consultation,
    an exemplar spread to a unit."""
    from proposals.domain import consultation, workflow  # noqa: PLC0415 only this test opens one
    from tests.proposals.helpers import submitted  # noqa: PLC0415 only this test needs it

    first, second, _third = decision.items.order_by("ordinal")
    codes = [item.certificates.get().code for item in decision.items.all()]
    corrections.revoke_item(board_user, first, reason="Gian lận", decision_number="7/QĐ",
                            decision_date=DECIDED_ON, decision_issuer="Giám đốc Sở")
    amending = corrections.request_correction(board_user, second, reason="Sai tên",
                                              recipient_name="Đặng Văn Đúng",
                                              recipient_detail="Phòng Tổ chức")
    issuing.issue_decision(approver_user, amending, date=DECIDED_ON)
    proposal = submitted(officer_a, dept_a, dept_a, people=1)
    workflow.assign_appraisers(board_user, proposal, [board_user])
    consultation.open_consultation(board_user, proposal, starts_on=_working_day_before(),
                                   working_days=10)
    exemplar = make_exemplar(school_a, state="published", title="Gương sáng")
    Replication.objects.create(exemplar=exemplar, unit=dept_a, state="completed")
    urls = [reverse("portal:home"), reverse("portal:decision_list"),
            reverse("portal:decision_list") + "?q=nguyen&form=giay_khen&year=2026",
            reverse("portal:decision_detail", args=[decision.public_id]),
            reverse("portal:decision_detail", args=[amending.public_id]),
            reverse("portal:exemplar_list"),
            reverse("portal:exemplar_detail", args=[exemplar.public_id]),
            *(reverse("portal:verify_code", args=[code]) for code in codes)]
    with CaptureQueriesContext(connection) as ctx:
        assert [client.get(url).status_code for url in urls] == [200] * len(urls)
    read = {table for query in ctx.captured_queries
            for table in re.findall(r'(?:FROM|JOIN)\s+"(\w+)"', query["sql"])}
    assert sorted(read - set(WATCHED)) == []
    assert len(read) >= 12
