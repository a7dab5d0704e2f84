"""One proposal from draft to certificate verification, in Chromium, through the pages the
officials use: the unit officer proposes and submits, the board appraises, the council votes,
the board drafts the decision, the approver issues it, and anyone verifies the certificate."""

import io
import re

import pytest
from django.urls import reverse

from awards.domain.ledger import set_rating
from awards.models import AwardType
from decisions.models import Certificate
from proposals.models import Proposal
from tests.browser.test_sign_in_and_search import SCREENSHOTS, page, sign_in  # noqa: F401
from tests.conftest import PASSWORD
from tests.factories import PersonFactory

pytestmark = [pytest.mark.browser,
              pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("reference_data")]


def _pdf() -> bytes:
    from pypdf import PdfWriter

    writer, out = PdfWriter(), io.BytesIO()
    writer.add_blank_page(width=595, height=842)
    writer.write(out)
    return out.getvalue()


def _as(page, base, user):  # noqa: F811 — `page` is the fixture imported above
    page.context.clear_cookies()
    sign_in(page, base, user.username, PASSWORD)


def _submit(page):  # noqa: F811
    page.locator("main form.card button[type=submit]").click()
    page.wait_for_load_state()


def test_proposal_from_draft_to_certificate_verification(page, live_server, dept_a,  # noqa: F811
                                                         officer_a, board_user, council_user,
                                                         approver_user, province):
    from playwright.sync_api import expect

    base = live_server.url
    person = PersonFactory(full_name="Đỗ Thị Hoa", unit=dept_a)
    set_rating(None, year=2025, rating="tot", person=person)

    # 1. The unit officer creates the proposal, adds the nominee, attaches the dossier, submits.
    _as(page, base, officer_a)
    page.goto(base + reverse("proposals:create"))
    page.select_option("#id_unit", str(dept_a.pk))
    page.fill("#id_title", "Đề nghị tặng Giấy khen năm 2025")
    page.select_option("#id_recipient_unit", str(dept_a.pk))
    page.select_option("#id_authority_level", "unit")
    page.fill("#id_year", "2025")
    _submit(page)
    proposal = Proposal.objects.get()
    expect(page).to_have_url(re.compile(str(proposal.public_id)))
    page.goto(base + reverse("proposals:nominee_add", args=[proposal.public_id]))
    page.fill("#id_subject", person.cccd)
    page.select_option("#id_award_type", str(AwardType.objects.get(code="giay_khen").pk))
    page.fill("#id_summary", "Hoàn thành xuất sắc nhiệm vụ năm học 2024–2025.")
    _submit(page)
    expect(page.locator("main")).to_contain_text("Đỗ Thị Hoa")
    for doc_type in ("to_trinh", "bao_cao_thanh_tich", "bien_ban_xet"):
        page.goto(base + reverse("proposals:document_add", args=[proposal.public_id]))
        page.select_option("#id_doc_type", doc_type)
        page.set_input_files("#id_file", files=[{"name": f"{doc_type}.pdf",
                                                  "mimeType": "application/pdf",
                                                  "buffer": _pdf()}])
        _submit(page)
    page.goto(base + reverse("proposals:submit", args=[proposal.public_id]))
    _submit(page)
    proposal.refresh_from_db()
    assert proposal.state == "submitted"

    # 2. The board assigns itself, agrees, finishes the appraisal.
    _as(page, base, board_user)
    page.goto(base + reverse("proposals:inbox"))
    expect(page.locator("main")).to_contain_text(proposal.code)
    page.goto(base + reverse("proposals:assign", args=[proposal.public_id]))
    page.locator(f"input[name=appraisers][value='{board_user.pk}']").check()
    _submit(page)
    nominee = proposal.nominees.get()
    page.goto(base + reverse("proposals:opinion", args=[nominee.public_id]))
    page.locator("input[name=opinion][value=agree]").check()
    _submit(page)
    page.goto(base + reverse("proposals:finish", args=[proposal.public_id]))
    _submit(page)

    # 3. A one-member council session: seat, agenda, open; the member votes; the board closes.
    page.goto(base + reverse("proposals:session_create"))
    page.select_option("#id_unit", str(province.pk))
    page.fill("#id_held_at", "2026-12-01T08:00")
    page.fill("#id_place", "Tuyên Quang")
    page.fill("#id_total_members", "1")
    _submit(page)
    session_url = page.url
    page.goto(session_url + "seat/")
    page.select_option("#id_user", str(council_user.pk))
    page.select_option("#id_unit", str(province.pk))
    _submit(page)
    page.goto(session_url + "agenda/")
    page.select_option("#id_proposal", str(proposal.pk))
    _submit(page)
    page.goto(session_url + "open/")
    _submit(page)
    _as(page, base, council_user)
    page.goto(session_url + "ballot/")
    page.locator(f"input[name='vote-{nominee.public_id}'][value=agree]").check()
    page.locator("main form.card button[type=submit]").click()
    page.wait_for_load_state()
    _as(page, base, board_user)
    page.goto(session_url + "close/")
    _submit(page)
    expect(page.locator("main")).to_contain_text("Đỗ Thị Hoa")

    # 4. The board drafts the decision; the approver signs and issues it.
    page.goto(base + reverse("decisions:draft") + f"?proposal={proposal.public_id}")
    page.select_option("#id_issuer", str(dept_a.pk))
    page.fill("#id_authority_title", "Giám đốc Sở Giáo dục và Đào tạo")
    page.fill("#id_symbol", "QĐ-SGDĐT")
    page.fill("#id_place", "Tuyên Quang")
    page.fill("#id_summary", "Về việc tặng Giấy khen")
    page.fill("#id_signer_title", "Giám đốc")
    page.fill("#id_signer_name", "Lê Văn Ký")
    _submit(page)
    decision_url = page.url
    _as(page, base, approver_user)
    page.goto(decision_url + "issue/")
    page.fill("#id_date", "2026-01-05")
    _submit(page)
    expect(page.locator("main h1")).to_contain_text("01/QĐ-SGDĐT")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "decision.png"), full_page=True)

    # 5. Anyone verifies the certificate by its code, signed out.
    code = Certificate.objects.get().code
    page.context.clear_cookies()
    page.goto(base + reverse("portal:verify"))
    page.fill("#id_code", code.lower())
    page.locator("main form button[type=submit]").click()
    expect(page.locator("main")).to_contain_text("HỢP LỆ")
    expect(page.locator("main")).to_contain_text("Đỗ Thị Hoa")
    page.screenshot(path=str(SCREENSHOTS / "verification.png"), full_page=True)
    assert page.errors == []
