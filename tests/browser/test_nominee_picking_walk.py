"""Issue 18 quality bar: a unit officer creates a proposal with two nominees and its dossier in
at most 12 page actions (every navigation, fill, choice, upload and click counts; signing in
does not). The nominees come from a list pasted from Excel; the dossier goes up in one form."""

import pytest
from django.urls import reverse
from django.utils import timezone

from awards.domain.ledger import set_rating
from awards.models import AwardType
from proposals.domain.checks import check_proposal
from proposals.interfaces.forms import suggested_year
from proposals.models import Proposal
from tests.browser.test_proposal_walk import _pdf
from tests.browser.test_sign_in_and_search import page, sign_in  # noqa: F401
from tests.conftest import PASSWORD
from tests.factories import PersonFactory

pytestmark = [pytest.mark.browser,
              pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("reference_data")]
MAX_ACTIONS = 12
YEAR = suggested_year(timezone.localdate())  # what the form fills in


class Counted:
    """The page, with every user action counted."""

    def __init__(self, page):  # noqa: F811 — `page` is the fixture imported above
        self.page, self.actions = page, 0

    def __getattr__(self, name):
        if name not in ("goto", "fill", "select_option", "click", "set_input_files", "check"):
            return getattr(self.page, name)
        self.actions += 1
        return getattr(self.page, name)


def test_two_nominee_proposal_with_its_dossier_in_twelve_actions(page, live_server,  # noqa: F811
                                                                  dept_a, officer_a):
    from playwright.sync_api import expect

    base = live_server.url
    people = [PersonFactory(full_name=name, unit=dept_a) for name in ("Đỗ Thị Hoa",
                                                                     "Lương Văn Sơn")]
    for person in people:
        set_rating(None, year=YEAR, rating="tot", person=person)
    sign_in(page, base, officer_a.username, PASSWORD)
    user = Counted(page)

    user.goto(base + reverse("proposals:create"))
    user.fill("#id_title", "Đề nghị tặng Giấy khen năm 2025")
    user.click("main form[method=post] button[type=submit]")
    expect(page.locator("main h1")).to_contain_text("Thêm đối tượng đề nghị")
    user.fill("#id_pasted", "\n".join(f"{p.full_name}\t{p.cccd}" for p in people))
    user.select_option("#id_award_type", str(AwardType.objects.get(code="giay_khen").pk))
    user.fill("#id_summary", "Hoàn thành xuất sắc nhiệm vụ năm học 2024–2025.")
    user.click("main form[method=post] button[type=submit]")
    expect(page.locator("main")).to_contain_text("Lương Văn Sơn")
    user.click("text=Tải lên hồ sơ")
    for doc_type in ("to_trinh", "bao_cao_thanh_tich", "bien_ban_xet"):
        user.set_input_files(f"#id_{doc_type}", files=[{
            "name": f"{doc_type}.pdf", "mimeType": "application/pdf", "buffer": _pdf()}])
    user.click("main form[method=post] button[type=submit]")
    expect(page.locator("main")).to_contain_text("Đã đính kèm 3 tài liệu.")

    proposal = Proposal.objects.get()
    assert (proposal.unit, proposal.recipient_unit, proposal.year) == (dept_a, dept_a, YEAR)
    assert sorted(proposal.nominees.values_list("person__full_name", flat=True)) == [
        "Lương Văn Sơn", "Đỗ Thị Hoa"]
    assert check_proposal(proposal).errors == []  # ready to submit
    assert user.actions == MAX_ACTIONS
    assert page.errors == []


def test_officer_types_a_name_and_ticks_the_person_found(page, live_server,  # noqa: F811
                                                         dept_a, officer_a):
    """The picker lists nobody until the officer types (session 11, h4); the results come as
    they type (htmx), and the ticked person is added."""
    from playwright.sync_api import expect

    from tests.proposals.helpers import draft

    wanted = PersonFactory(full_name="Đỗ Thị Hoa", unit=dept_a)
    PersonFactory(full_name="Lương Văn Sơn", unit=dept_a)
    proposal = draft(officer_a, dept_a, dept_a, people=0)
    sign_in(page, live_server.url, officer_a.username, PASSWORD)
    page.goto(live_server.url + reverse("proposals:nominee_add", args=[proposal.public_id]))
    results = page.locator("#nominee-candidates")
    expect(results).not_to_contain_text("Đỗ Thị Hoa")
    page.fill("#id_q", "do thi hoa")
    expect(results).to_contain_text("Đỗ Thị Hoa")
    expect(results).not_to_contain_text("Lương Văn Sơn")
    page.check(f"#pick-{wanted.public_id}")
    page.select_option("#id_award_type", str(AwardType.objects.get(code="giay_khen").pk))
    page.fill("#id_summary", "Hoàn thành xuất sắc nhiệm vụ năm học 2024–2025.")
    page.click("main form[method=post] button[type=submit]")
    expect(page.locator("main")).to_contain_text("Đỗ Thị Hoa")
    assert list(proposal.nominees.values_list("person__full_name", flat=True)) == [
        "Đỗ Thị Hoa"]
    assert page.errors == []
