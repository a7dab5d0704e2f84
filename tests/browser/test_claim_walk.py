"""One wartime backlog claim in Chromium, through the pages the commune officer uses: register,
add evidence (a scanned PDF), start verifying, record every check, mark verified, propose; the
proposal then goes through the award path (driven by the domain functions here: the proposal
walk covers those pages) and the decision closes the claim; signed out, the family's lookup
on the portal shows "Đã có quyết định" and no personal data."""

import re

import pytest
from django.urls import reverse

from claims.data.checklists import CHECKLISTS
from claims.models import Claim
from decisions.domain import issuing
from proposals.domain import workflow
from proposals.enums import Opinion
from tests.browser.test_proposal_walk import _as, _pdf, _submit
from tests.browser.test_sign_in_and_search import page  # noqa: F401
from tests.decisions.helpers import DECIDED_ON, draft_for
from tests.factories import PersonFactory
from tests.proposals.helpers import complete_dossier

pytestmark = [pytest.mark.browser,
              pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("reference_data")]


def _register(page, base, dept_a):  # noqa: F811
    page.goto(base + reverse("claims:create"))
    page.select_option("#id_kind", "resistance")
    page.select_option("#id_unit", str(dept_a.pk))
    page.fill("#id_registered_on", "2026-03-02")
    page.fill("#id_claimant_name", "Hà Văn Kháng")
    page.fill("#id_claimant_birth_year", "1940")
    page.fill("#id_claimant_address", "Thôn Đồng Tâm")
    page.select_option("#id_applicant_relation", "self")
    page.select_option("#id_period", "america")
    page.select_option("#id_service_role", "militia")
    page.fill("#id_service_from", "1965")
    page.fill("#id_service_to", "1972")
    page.fill("#id_originals_kept_at", "Gia đình giữ")
    _submit(page)
    return Claim.objects.get()


def _evidence(page, base, claim):  # noqa: F811
    for kind in ("identity", "witness", "witness", "service_record", "party_record",
                 "commune_confirmation"):
        page.goto(base + reverse("claims:evidence_add", args=[claim.public_id]))
        page.select_option("#id_kind", kind)
        page.fill("#id_title", f"Giấy tờ {kind}")
        page.fill("#id_dated", "2026-02-01")
        page.set_input_files("#id_uploaded", files=[{
            "name": f"{kind}.pdf", "mimeType": "application/pdf", "buffer": _pdf()}])
        _submit(page)


def _verify(page, base, claim):  # noqa: F811
    page.goto(base + reverse("claims:step", args=[claim.public_id, "verify"]))
    _submit(page)
    for item in CHECKLISTS[claim.kind]:
        page.goto(base + reverse("claims:check_add", args=[claim.public_id]))
        page.select_option("#id_item", item)
        page.select_option("#id_result", "confirmed")
        page.fill("#id_source", "Ban Chỉ huy quân sự xã")
        _submit(page)
    page.goto(base + reverse("claims:step", args=[claim.public_id, "mark_verified"]))
    _submit(page)


def _decide(officer, board, approver, proposal, unit):
    complete_dossier(officer, proposal)
    workflow.submit(board, proposal, override_reason="Hồ sơ kháng chiến tồn đọng")
    workflow.assign_appraisers(board, proposal, [board])
    for nominee in proposal.nominees.all():
        workflow.record_opinion(board, nominee, opinion=Opinion.AGREE)
    workflow.finish_appraisal(board, proposal)
    issuing.issue_decision(approver, draft_for(board, [proposal], unit), date=DECIDED_ON)


def test_claim_from_registration_to_portal_lookup(page, live_server, dept_a,  # noqa: F811
                                                  officer_a, board_user, approver_user,
                                                  settings, tmp_path):
    from playwright.sync_api import expect

    settings.PRIVATE_MEDIA_ROOT = tmp_path
    base = live_server.url
    person = PersonFactory(full_name="Hà Văn Kháng", unit=dept_a)
    _as(page, base, officer_a)
    claim = _register(page, base, dept_a)
    expect(page).to_have_url(re.compile(str(claim.public_id)))
    _evidence(page, base, claim)
    _verify(page, base, claim)
    expect(page.locator("main")).to_contain_text("Đã xác minh")

    page.goto(base + reverse("claims:propose", args=[claim.public_id]))
    page.select_option("#id_award_type", label="Giấy khen")
    page.select_option("#id_person", str(person.pk))
    page.select_option("#id_recipient_unit", str(dept_a.pk))
    _submit(page)
    claim.refresh_from_db()
    proposal = claim.nominee.proposal
    expect(page).to_have_url(re.compile(str(proposal.public_id)))

    _decide(officer_a, board_user, approver_user, proposal, dept_a)
    page.context.clear_cookies()
    page.goto(base + reverse("portal:claim_lookup"))
    page.fill("#id_code", claim.code)
    page.locator("main form.card button[type=submit]").click()
    page.wait_for_load_state()
    stage = page.locator("#claim-stage")
    expect(stage).to_contain_text("Đã có quyết định")
    expect(page.locator("main")).not_to_contain_text("Hà Văn Kháng")
