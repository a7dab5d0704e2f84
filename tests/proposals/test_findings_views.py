"""The appraisal page of a nominee's tracks (issue 16), as each persona."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from audit.models import AuditEntry
from proposals.domain import findings
from proposals.models import AppraisalFinding
from tests.proposals.test_findings import CITATION, EVIDENCE, TRACK, under_appraisal


@pytest.fixture
def en(client):
    client.cookies["django_language"] = "en"
    return client


@pytest.fixture
def nominee(officer_a, board_user, dept_a, province):
    return under_appraisal(officer_a, board_user, dept_a, province).nominees.get()


def _page(client, user, nominee):
    client.force_login(user)
    return client.get(reverse("proposals:nominee_appraisal", args=[nominee.public_id]))


def test_the_board_sees_each_track_with_its_point_and_a_button_to_record_it(en, board_user,
                                                                            nominee):
    response = _page(en, board_user, nominee)
    page = response.content.decode()
    record = reverse("proposals:finding_record", args=[nominee.public_id])
    assert ([t.code for t, finding in response.context["tracks"]],
            CITATION in page, f"{record}?track={TRACK}" in page,
            response.context["verdict"]["eligible"]) == (
        ["bang_khen_tinh.a", TRACK, "bang_khen_tinh.c", "bang_khen_tinh.dd",
         "bang_khen_tinh.entrepreneur"], True, True, False)


def test_the_board_records_a_track_and_the_verdict_shows_it_met(en, board_user, nominee):
    en.force_login(board_user)
    url = reverse("proposals:finding_record", args=[nominee.public_id])
    response = en.post(url, {"code": TRACK, "evidence_number": "125/QĐ-BGDĐT",
                             "evidence_date": "2025-10-02", "note": "Đột xuất"})
    page = _page(en, board_user, nominee)
    nominee.refresh_from_db()
    assert (response.status_code, response["Location"], nominee.eligible,
            page.context["verdict"]["eligible"], "met by appraisal" in page.content.decode()) == (
        302, reverse("proposals:nominee_appraisal", args=[nominee.public_id]), True, True, True)


def test_the_form_names_the_missing_evidence(en, board_user, nominee):
    en.force_login(board_user)
    response = en.post(reverse("proposals:finding_record", args=[nominee.public_id]),
                       {"code": TRACK, "evidence_number": "125/QĐ-BGDĐT"})
    assert (response.status_code, response.context["form"].errors) == (
        200, {"evidence_date": ["Give the date of document 125/QĐ-BGDĐT."]})


def test_the_board_withdraws_a_finding_with_a_reason_and_it_stays_as_history(en, board_user,
                                                                            nominee):
    finding = findings.record_finding(board_user, nominee, code=TRACK, **EVIDENCE)
    en.force_login(board_user)
    response = en.post(reverse("proposals:finding_withdraw", args=[finding.public_id]),
                       {"reason": "Nhầm văn bản"})
    page = _page(en, board_user, nominee)
    assert (response.status_code, [f.public_id for f in page.context["withdrawn"]],
            "Nhầm văn bản" in page.content.decode()) == (302, [finding.public_id], True)


def test_the_proposing_officer_reads_the_findings_but_cannot_record(en, officer_a, nominee):
    page = _page(en, officer_a, nominee)
    en.force_login(officer_a)
    posted = en.post(reverse("proposals:finding_record", args=[nominee.public_id]),
                     {"code": TRACK, "evidence_text": "Tự ghi"})
    assert (page.status_code, page.context["may_record"], posted.status_code,
            AppraisalFinding.objects.count()) == (200, False, 403, 0)


def test_the_outsider_gets_404_and_changes_nothing(en, outsider, board_user, nominee):
    finding = findings.record_finding(board_user, nominee, code=TRACK, **EVIDENCE)
    en.force_login(outsider)
    got = (en.get(reverse("proposals:nominee_appraisal", args=[nominee.public_id])).status_code,
           en.post(reverse("proposals:finding_record", args=[nominee.public_id]),
                   {"code": TRACK, "evidence_text": "x"}).status_code,
           en.post(reverse("proposals:finding_withdraw", args=[finding.public_id]),
                   {"reason": "x"}).status_code)
    assert (got, AuditEntry.objects.filter(action__startswith="proposals.finding").count()) == (
        (404, 404, 404), 1)


def test_the_council_member_reads_but_cannot_withdraw(en, council_user, board_user, nominee):
    finding = findings.record_finding(board_user, nominee, code=TRACK, **EVIDENCE)
    en.force_login(council_user)
    got = (en.get(reverse("proposals:nominee_appraisal", args=[nominee.public_id])).status_code,
           en.post(reverse("proposals:finding_withdraw", args=[finding.public_id]),
                   {"reason": "x"}).status_code)
    finding.refresh_from_db()
    assert (got, finding.state) == ((200, 403), "recorded")


def _queries(client, proposal) -> int:
    url = reverse("proposals:detail", args=[proposal.public_id])
    client.get(url)  # warm-up: the layout caches the roles
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return len(queries)


def test_the_detail_page_lists_findings_in_a_fixed_number_of_queries(
        en, officer_a, board_user, dept_a, province):
    """The nominees' recorded findings come in one prefetch, whatever their number."""
    en.force_login(board_user)
    few = under_appraisal(officer_a, board_user, dept_a, province)
    many = under_appraisal(officer_a, board_user, dept_a, province, people=3)
    for nominee in many.nominees.all():
        findings.record_finding(board_user, nominee, code=TRACK, **EVIDENCE)
        findings.record_finding(board_user, nominee, code="bang_khen_tinh.c",
                                evidence_text="Giải nhất")
    page = en.get(reverse("proposals:detail", args=[many.public_id])).content.decode()
    assert (_queries(en, many), page.count(f"met by appraisal: {CITATION}")) == (
        _queries(en, few), 3)
