"""Each granting authority runs its own path in the browser (issue 13 point 4): a department
issues its own Giấy khen — its office appraises, its council votes, its director signs in its
own register — and a commune issues Lao động tiên tiến, which its chairman grants only from
1/7/2025 (Decree 129/2025/NĐ-CP Art. 59). Another department gets a 404 on the proposal."""

import re

import pytest
from django.urls import reverse

from accounts.enums import Role
from awards.domain.ledger import set_rating
from awards.models import AwardType
from organisations.enums import UnitKind, UnitLevel
from proposals.models import Nominee, Proposal
from tests.browser.test_proposal_walk import _as, _pdf, _submit
from tests.browser.test_sign_in_and_search import page  # noqa: F401 (fixture)
from tests.factories import PersonFactory, UnitFactory, user_with_role

pytestmark = [pytest.mark.browser,
              pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("reference_data")]


def _propose(page, base, officer, unit, recipient, level, award, person, docs):  # noqa: F811
    """The unit officer creates the proposal, adds the nominee and the dossier, submits."""
    from playwright.sync_api import expect

    _as(page, base, officer)
    page.goto(base + reverse("proposals:create"))
    page.select_option("#id_unit", str(unit.pk))
    page.fill("#id_title", f"Đề nghị tặng {award.name} năm 2025")
    page.select_option("#id_recipient_unit", str(recipient.pk))
    page.select_option("#id_authority_level", level)
    page.fill("#id_year", "2025")
    _submit(page)
    proposal = Proposal.objects.get()
    expect(page).to_have_url(re.compile(str(proposal.public_id)))
    page.goto(base + reverse("proposals:nominee_add", args=[proposal.public_id]))
    page.fill("#id_subject", person.cccd)
    page.select_option("#id_award_type", str(award.pk))
    page.fill("#id_summary", "Hoàn thành tốt nhiệm vụ năm 2025.")
    _submit(page)
    for doc_type in docs:
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
    return proposal


def _appraise(page, base, office, proposal):  # noqa: F811
    from playwright.sync_api import expect

    _as(page, base, office)
    page.goto(base + reverse("proposals:inbox"))
    expect(page.locator("main")).to_contain_text(proposal.code)
    page.goto(base + reverse("proposals:assign", args=[proposal.public_id]))
    page.locator(f"input[name=appraisers][value='{office.pk}']").check()
    _submit(page)
    page.goto(base + reverse("proposals:opinion", args=[Nominee.objects.get().public_id]))
    page.locator("input[name=opinion][value=agree]").check()
    _submit(page)
    page.goto(base + reverse("proposals:finish", args=[proposal.public_id]))
    _submit(page)


def _council(page, base, office, unit, member, home, proposal):  # noqa: F811
    """The authority's own one-member council: seat, agenda, open; the member votes; the
    office closes."""
    page.goto(base + reverse("proposals:session_create"))
    assert page.locator("#id_unit option[value]:not([value=''])").count() >= 1
    page.select_option("#id_unit", str(unit.pk))
    page.fill("#id_held_at", "2026-12-01T08:00")
    page.fill("#id_place", "Tuyên Quang")
    page.fill("#id_total_members", "1")
    _submit(page)
    session_url = page.url
    page.goto(session_url + "seat/")
    page.select_option("#id_user", str(member.pk))
    page.select_option("#id_unit", str(home.pk))
    _submit(page)
    page.goto(session_url + "agenda/")
    page.select_option("#id_proposal", str(proposal.pk))
    _submit(page)
    page.goto(session_url + "open/")
    _submit(page)
    _as(page, base, member)
    page.goto(session_url + "ballot/")
    nominee = Nominee.objects.get()
    page.locator(f"input[name='vote-{nominee.public_id}'][value=agree]").check()
    page.locator("main form.card button[type=submit]").click()
    page.wait_for_load_state()
    _as(page, base, office)
    page.goto(session_url + "close/")
    _submit(page)


def _draft(page, base, proposal, issuer, authority, symbol, signer):  # noqa: F811
    page.goto(base + reverse("decisions:draft") + f"?proposal={proposal.public_id}")
    page.select_option("#id_issuer", str(issuer.pk))
    page.fill("#id_authority_title", authority)
    page.fill("#id_symbol", symbol)
    page.fill("#id_place", "Tuyên Quang")
    page.fill("#id_summary", f"Về việc tặng {proposal.nominees.get().award_type.name}")
    page.fill("#id_signer_title", "Giám đốc" if symbol != "QĐ-UBND" else "Chủ tịch")
    page.fill("#id_signer_name", signer)
    _submit(page)
    return page.url


def test_a_department_issues_its_own_giay_khen(page, live_server, province, dept_a,  # noqa: F811
                                               school_a, dept_b, officer_a):
    from playwright.sync_api import expect

    base = live_server.url
    office = user_with_role(Role.BOARD_STAFF, dept_a, username="vanphong_so_a")
    member = user_with_role(Role.COUNCIL_MEMBER, dept_a, username="hoidong_so_a")
    director = user_with_role(Role.APPROVER, dept_a, username="giamdoc_so_a")
    outsider = user_with_role(Role.BOARD_STAFF, dept_b, username="vanphong_so_b")
    person = PersonFactory(full_name="Đỗ Thị Hoa", unit=dept_a)
    set_rating(None, year=2025, rating="tot", person=person)

    proposal = _propose(page, base, officer_a, dept_a, dept_a, "unit",
                        AwardType.objects.get(code="giay_khen"), person,
                        ("to_trinh", "bao_cao_thanh_tich", "bien_ban_xet"))
    _appraise(page, base, office, proposal)
    _council(page, base, office, dept_a, member, school_a, proposal)
    decision_url = _draft(page, base, proposal, dept_a, "Giám đốc Sở Giáo dục và Đào tạo",
                          "QĐ-SGDĐT", "Ngô Đức Thành")
    _as(page, base, director)
    page.goto(decision_url + "issue/")
    page.fill("#id_date", "2026-01-05")
    _submit(page)
    expect(page.locator("main h1")).to_contain_text("01/QĐ-SGDĐT")
    assert page.errors == []

    _as(page, base, outsider)
    response = page.goto(base + reverse("proposals:detail", args=[proposal.public_id]))
    assert response.status == 404


@pytest.fixture
def commune(province):
    return UnitFactory(code="XA-YS", name="Ủy ban nhân dân xã Yên Sơn", parent=province,
                       level=UnitLevel.COMMUNE, kind=UnitKind.PEOPLES_COMMITTEE)


def test_a_commune_issues_lao_dong_tien_tien_from_1_7_2025(page, live_server,  # noqa: F811
                                                           commune):
    from playwright.sync_api import expect

    base = live_server.url
    school = UnitFactory(code="XA-YS-TH", name="Trường Tiểu học Yên Sơn", parent=commune,
                         level=UnitLevel.GRASSROOTS, kind=UnitKind.SCHOOL)
    officer = user_with_role(Role.UNIT_OFFICER, commune, username="canbo_xa")
    office = user_with_role(Role.BOARD_STAFF, commune, username="vanhoa_xa")
    chairman = user_with_role(Role.APPROVER, commune, username="chutich_xa")
    person = PersonFactory(full_name="Hoàng Văn Nam", unit=school)
    set_rating(None, year=2025, rating="tot", person=person)

    proposal = _propose(page, base, officer, school, commune, "commune",
                        AwardType.objects.get(code="ldtt"), person,
                        ("to_trinh", "bao_cao_thanh_tich", "bien_ban_binh_xet"))
    _appraise(page, base, office, proposal)
    _council(page, base, office, commune, chairman, commune, proposal)
    decision_url = _draft(page, base, proposal, commune, "Chủ tịch Ủy ban nhân dân xã Yên Sơn",
                          "QĐ-UBND", "Ma Văn Hùng")
    _as(page, base, chairman)
    # The district chairman still granted it on 30/6/2025: the commune's decision is refused.
    page.goto(decision_url + "issue/")
    page.fill("#id_date", "2025-06-30")
    _submit(page)
    expect(page.locator("main")).to_contain_text("không có thẩm quyền tặng “Lao động tiên tiến”")
    page.fill("#id_date", "2025-07-01")
    _submit(page)
    expect(page.locator("main h1")).to_contain_text("01/QĐ-UBND")
    expect(page.locator("main")).to_contain_text("Hoàng Văn Nam")
    assert page.errors == []
