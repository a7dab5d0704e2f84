"""The unit that proposed an award reads the issued decision (issue 13): read-only, with its
DOCX/PDF and the certificates of its own awardees — not the other units' certificates."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from accounts.enums import Role
from decisions.domain import issuing
from decisions.domain.queries import decisions_for_user, items_with_certificates_for_user
from tests.decisions.helpers import DECIDED_ON, draft_for, to_the_province
from tests.factories import user_with_role


@pytest.fixture
def decision(officer_a, outsider, board_user, approver_user, province, dept_a, dept_b):
    """Issued by the province: one awardee of DEPT_A (proposed by officer_a), two of DEPT_B."""
    ours = to_the_province(officer_a, board_user, dept_a, province)
    theirs = to_the_province(outsider, board_user, dept_b, province, people=2)
    draft = draft_for(board_user, [ours, theirs], province, symbol="QĐ-UBND")
    return issuing.issue_decision(approver_user, draft, date=DECIDED_ON)


@pytest.fixture
def school_officer(school_a):
    """Officer of a unit under DEPT_A with no awardee in the decision: the outsider here."""
    return user_with_role(Role.UNIT_OFFICER, school_a, username="officer_school")


def _pages(response) -> int:
    return len(PdfReader(io.BytesIO(response.content)).pages)


def test_unit_officer_lists_the_decision_awarding_its_people(decision, officer_a, client_for):
    response = client_for(officer_a).get(reverse("decisions:list"))
    assert [d["public_id"] for d in response.context["page"].object_list] == [decision.public_id]


def test_unit_officer_reads_the_decision_and_its_documents(decision, officer_a, client_for):
    client = client_for(officer_a)
    detail = client.get(reverse("decisions:detail", args=[decision.public_id]))
    docx = client.get(reverse("decisions:file", args=[decision.public_id, "docx"]))
    pdf = client.get(reverse("decisions:file", args=[decision.public_id, "pdf"]))
    assert (detail.status_code, docx.content[:2], pdf.content[:5]) == (200, b"PK", b"%PDF-")
    assert (detail.context["can_issue"], detail.context["can_correct"],
            detail.context["can_revoke"], detail.context["can_export"]) == (False,) * 4


def test_unit_officer_downloads_only_its_awardees_certificates(decision, officer_a, dept_a,
                                                               client_for):
    ours = decision.items.get(unit=dept_a)
    response = client_for(officer_a).get(
        reverse("decisions:certificates", args=[decision.public_id]))
    assert list(items_with_certificates_for_user(officer_a, decision)) == [ours]
    assert (response.status_code, _pages(response)) == (200, 1)


def test_issuer_downloads_every_certificate(decision, board_user, client_for):
    response = client_for(board_user).get(
        reverse("decisions:certificates", args=[decision.public_id]))
    assert (response.status_code, _pages(response)) == (200, 3)


def test_unit_officer_downloads_its_awardees_certificate(decision, officer_a, dept_a, dept_b,
                                                         client_for):
    client = client_for(officer_a)
    ours = client.get(reverse("decisions:item_certificate",
                              args=[decision.items.get(unit=dept_a).public_id]))
    theirs = client.get(reverse("decisions:item_certificate",
                                args=[decision.items.filter(unit=dept_b).first().public_id]))
    assert (ours.status_code, ours.content[:5], _pages(ours)) == (200, b"%PDF-", 1)
    assert theirs.status_code == 404


def test_detail_shows_certificate_codes_of_own_awardees_only(decision, officer_a, dept_a,
                                                             dept_b, client_for):
    text = client_for(officer_a).get(reverse("decisions:detail",
                                             args=[decision.public_id])).text
    own = decision.items.get(unit=dept_a).certificates.get().code
    others = [c.code for i in decision.items.filter(unit=dept_b) for c in i.certificates.all()]
    assert (own in text, [code in text for code in others]) == (True, [False, False])


def test_unit_officer_cannot_act_on_the_decision(decision, officer_a, client_for):
    client = client_for(officer_a)
    item = decision.items.first()
    statuses = [client.get(reverse("decisions:bundle", args=[decision.public_id])).status_code,
                client.get(reverse("decisions:item_correct", args=[item.public_id])).status_code,
                client.get(reverse("decisions:item_revoke", args=[item.public_id])).status_code]
    assert statuses == [403, 403, 403]


def test_outsider_unit_without_awardees_gets_404(decision, school_officer, client_for):
    client = client_for(school_officer)
    item = decision.items.first()
    statuses = [
        client.get(reverse("decisions:detail", args=[decision.public_id])).status_code,
        client.get(reverse("decisions:file", args=[decision.public_id, "pdf"])).status_code,
        client.get(reverse("decisions:certificates", args=[decision.public_id])).status_code,
        client.get(reverse("decisions:item_certificate", args=[item.public_id])).status_code]
    assert statuses == [404, 404, 404, 404]
    assert list(decisions_for_user(school_officer)) == []


def test_draft_awarding_the_unit_stays_hidden(officer_a, board_user, province, dept_a,
                                              client_for):
    draft = draft_for(board_user, [to_the_province(officer_a, board_user, dept_a, province)],
                      province, symbol="QĐ-UBND")
    response = client_for(officer_a).get(reverse("decisions:detail", args=[draft.public_id]))
    assert (response.status_code, list(decisions_for_user(officer_a))) == (404, [])


def test_api_lists_the_decision_for_the_unit_officer(decision, officer_a, client_for):
    response = client_for(officer_a).get("/api/v1/decisions")
    assert [d["public_id"] for d in response.json()["items"]] == [str(decision.public_id)]
