"""The public portal: verification, consultations, and no personal data anywhere."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from core.domain.calendar import work_calendar
from decisions.domain import corrections
from proposals.domain import consultation, workflow
from tests.decisions.helpers import DECIDED_ON, issued
from tests.portal.shapes import cccd_shapes
from tests.proposals.helpers import submitted


@pytest.fixture
def en(client):
    client.cookies["django_language"] = "en"
    return client


def test_verification_shows_valid_then_revoked(en, officer_a, board_user, approver_user,
                                               dept_a):
    decision = issued(officer_a, board_user, approver_user, dept_a)
    item = decision.items.get()
    code = item.certificates.get().code
    page = en.get(reverse("portal:verify_code", args=[code])).content.decode()
    assert "VALID" in page and item.recipient_name in page
    corrections.revoke_item(board_user, item, reason="Gian lận", decision_number="7/QĐ-SGDĐT",
                            decision_date=DECIDED_ON, decision_issuer="Giám đốc Sở GDĐT")
    page = en.get(reverse("portal:verify_code", args=[code])).content.decode()
    assert "REVOKED" in page and "Gian lận" in page
    assert "Revoked by decision</dt><dd>7/QĐ-SGDĐT dated 05/01/2026 by Giám đốc Sở GDĐT" in page
    body = en.get(f"/api/v1/certificates/{code}").json()
    assert (body["status"], body["revoking_decision"]) == (
        "revoked", "7/QĐ-SGDĐT dated 05/01/2026 by Giám đốc Sở GDĐT")


def test_unknown_code_is_404(en, db):
    response = en.get(reverse("portal:verify_code", args=["ABCDE-FGHJK"]))
    assert response.status_code == 404


def test_verify_form_redirects_to_the_code(en, db):
    response = en.get(reverse("portal:verify"), {"code": " abcde-fghjk "})
    assert response.url == reverse("portal:verify_code", args=["ABCDE-FGHJK"])


@pytest.fixture
def open_window(officer_a, board_user, dept_a):
    proposal = submitted(officer_a, dept_a, dept_a, people=2)
    workflow.assign_appraisers(board_user, proposal, [board_user])
    return consultation.open_consultation(board_user, proposal, starts_on=_working_day_before(),
                                          working_days=10)


def _working_day_before() -> datetime.date:
    """The latest working day on or before today: the window is open whenever the suite runs."""
    calendar, day = work_calendar(), timezone.localdate()
    while not calendar.is_working_day(day):
        day -= datetime.timedelta(days=1)
    return day


def test_public_comment_is_taken_and_throttled(en, open_window):
    url = reverse("portal:consultation", args=[open_window.public_id])
    data = {"author_name": "Trần Dân", "contact": "0912345678", "body": "Ý kiến đóng góp"}
    for _ in range(5):
        assert en.post(url, data).status_code == 302
    response = en.post(url, data)
    assert "Too many comments from your connection" in response.content.decode()
    assert open_window.comments.count() == 5


def test_no_personal_data_on_any_public_page(en, open_window, officer_a, board_user,
                                             approver_user, dept_a):
    """Scan every public URL: no CCCD, birth date, phone or e-mail of a nominee."""
    decision = issued(officer_a, board_user, approver_user, dept_a)
    people = [n.person for n in open_window.proposal.nominees.all()]
    people += [i.person for i in decision.items.all()]
    for person in people:
        person.phone, person.email = "0987654321", f"p{person.pk}@example.vn"
        person.save()
    consultation.leave_comment(open_window, author_name="A", contact="0911222333",
                               body="…", address="1.2.3.4")
    urls = [reverse("portal:home"), reverse("portal:verify"),
            reverse("portal:consultation", args=[open_window.public_id])]
    urls += [reverse("portal:verify_code", args=[c.code]) for i in decision.items.all()
             for c in i.certificates.all()]
    for url in urls:
        page = en.get(url).content.decode()
        for person in people:
            assert person.cccd not in page, url
            assert person.phone not in page and person.email not in page, url
            assert person.birth_date.strftime("%d/%m/%Y") not in page, url
        assert "0911222333" not in page, url
        assert cccd_shapes(page) == [], url


def test_verification_reads_the_certificate_in_a_query_of_seven_tables(
        en, officer_a, board_user, approver_user, dept_a):
    """The optional relations (ledger record, corrected item, replacement) load on access: joined
    into the lookup they made an eleven-table query whose planning cost PostgreSQL ~15 ms of
    CPU a request at province scale (issue 14.2)."""
    from django.db import connection  # noqa: PLC0415 only this test captures queries
    from django.test.utils import CaptureQueriesContext  # noqa: PLC0415 as above

    decision = issued(officer_a, board_user, approver_user, dept_a)
    code = decision.items.get().certificates.get().code
    en.get(reverse("portal:verify_code", args=[code]))  # warm-up
    with CaptureQueriesContext(connection) as queries:
        page = en.get(reverse("portal:verify_code", args=[code])).content.decode()
    lookup = next(q["sql"] for q in queries.captured_queries if "decisions_certificate" in q["sql"])
    # On PostgreSQL the page reads the public epoch first (portal.interfaces.kept): the test's
    # transaction has written, so nothing is kept and the page's own statements follow.
    read = [q for q in queries.captured_queries if "portal_public_epoch" not in q["sql"]]
    assert (lookup.count(" JOIN "), len(read), "VALID" in page) == (6, 2, True)
