"""A cluster's emulation year in Chromium, through the pages the officials use: the board records
the pact, a unit officer self-assesses with evidence, the board re-scores one criterion with a
reason, the member units vote by secret ballot, the board publishes, and the leading unit shows
on the result page."""

import datetime
import re

import pytest
from django.urls import reverse

from accounts.enums import Role
from emulation.movements.domain import criteria
from emulation.movements.models import CriteriaSet, RescoreRequest, RoundBallot, Score, ScoreChange
from organisations.models import ClusterMembership
from tests.browser.test_sign_in_and_search import SCREENSHOTS, page, sign_in  # noqa: F401
from tests.conftest import PASSWORD
from tests.factories import ClusterFactory, UnitFactory, user_with_role

pytestmark = [pytest.mark.browser,
              pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("reference_data")]

YEAR = 2025


@pytest.fixture
def cluster_round(province, dept_a, admin_user):
    from emulation.movements.domain import cluster_rounds

    cluster = ClusterFactory(managing_unit=province, name="Cụm thi đua các sở")
    finance = UnitFactory(code="SO-C", name="Sở Tài chính", parent=province)
    building = UnitFactory(code="SO-D", name="Sở Xây dựng", parent=province)
    for unit in (dept_a, finance, building):
        ClusterMembership.objects.create(cluster=cluster, year=YEAR, unit=unit)
    template = CriteriaSet.objects.get(name=criteria.TEMPLATE_NAME, is_template=True)
    year_set = criteria.copy_criteria_set(template, actor=admin_user, name="Tiêu chí 2025",
                                          year=YEAR)
    return cluster_rounds.open_round(actor=admin_user, cluster=cluster, year=YEAR,
                                     criteria_set=year_set)


def _as(page, base, user):  # noqa: F811 — `page` is the fixture imported above
    page.context.clear_cookies()
    sign_in(page, base, user.username, PASSWORD)


def _submit(page):  # noqa: F811
    page.locator("main form.card button[type=submit]").click()
    page.wait_for_load_state()


def _vote(page, base, cluster_round, voter_code, candidate_code):  # noqa: F811
    page.goto(base + reverse("emulation:round_vote", args=[cluster_round.public_id]))
    page.select_option("#id_voter_unit", voter_code)
    page.select_option("#id_candidate", candidate_code)
    _submit(page)


def _confirm(page, action: str) -> None:  # noqa: F811 — `page` is the fixture imported above
    """An irreversible round step: the round page links to a page saying what cannot be undone,
    whose button performs it (issue 18.4)."""
    page.locator("main").get_by_role("link", name=action).click()
    page.locator("main form").get_by_role("button", name=action).click()
    page.wait_for_load_state()


def test_cluster_round_from_pact_to_leading_unit(page, live_server, cluster_round,  # noqa: F811
                                                 officer_a, board_user):
    from playwright.sync_api import expect

    base = live_server.url
    detail = base + reverse("emulation:round_detail", args=[cluster_round.public_id])
    officer_c = user_with_role(Role.UNIT_OFFICER, cluster_round.cluster.memberships.get(
        unit__code="SO-C").unit, username="officer_c")
    officer_d = user_with_role(Role.UNIT_OFFICER, cluster_round.cluster.memberships.get(
        unit__code="SO-D").unit, username="officer_d")

    # 1. The board records the signed pact: scoring opens.
    _as(page, base, board_user)
    page.goto(detail)
    page.get_by_role("link", name="Ký giao ước thi đua").click()
    page.fill("#id_pact_date", "2025-02-01")
    page.fill("#id_pact_text", "Giao ước thi đua năm 2025 của Cụm các sở")
    _submit(page)
    expect(page.locator("main")).to_contain_text("01/02/2025")

    # 2. The unit officer self-assesses criterion 2.1 with its evidence.
    _as(page, base, officer_a)
    page.goto(detail)
    page.get_by_role("link", name="Nhập điểm").click()
    page.select_option("#id_scorer_unit", "SO-A")
    page.select_option("#id_unit", "SO-A")
    page.select_option("#id_criterion", "2.1")
    page.fill("#id_points", "9")
    _submit(page)  # criterion 2.1 needs evidence: refused, with the field named
    expect(page.locator("#id_evidence_text + ul.errorlist")).to_contain_text("2.1")
    page.fill("#id_evidence_text", "Giám đốc ký kế hoạch thi đua và chủ trì sơ kết")
    _submit(page)
    expect(page.locator("main")).to_contain_text("Đã lưu điểm.")

    # 3. The board re-scores the same criterion with a reason; the history shows it.
    _as(page, base, board_user)
    page.goto(detail)
    page.get_by_role("link", name="Chấm lại một tiêu chí").click()
    page.select_option("#id_unit", "SO-A")
    page.select_option("#id_criterion", "2.1")
    page.fill("#id_points", "8")
    page.fill("#id_reason", "Chưa tổ chức sơ kết 6 tháng")
    _submit(page)
    # The history row shows what the re-score replaced (the self-assessment) and why.
    row = page.locator("main table").last.locator("tbody tr").first
    expect(row.locator("td")).to_have_text([
        re.compile(r"\d\d/\d\d/\d{4}"), "Sở Giáo dục và Đào tạo", "2.1", "Cụm trưởng/Ban chấm lại",
        "9,00", "8,00", "Chưa tổ chức sơ kết 6 tháng", re.compile(".+")])
    assert ScoreChange.objects.filter(reason="Chưa tổ chức sơ kết 6 tháng").count() == 1
    _confirm(page, "Kết thúc chấm điểm và mở bỏ phiếu")

    # 4. Two member units vote for Sở Giáo dục; a second vote by the same unit is refused.
    _as(page, base, officer_a)
    _vote(page, base, cluster_round, "SO-A", "SO-A")
    expect(page.locator("main")).to_contain_text("Đã bỏ phiếu.")
    _vote(page, base, cluster_round, "SO-A", "SO-C")
    expect(page.locator("main [role=alert]")).to_contain_text("đã bỏ phiếu")
    _as(page, base, officer_c)
    _vote(page, base, cluster_round, "SO-C", "SO-A")
    # The ballot is secret until the results are published: no count, no leader yet.
    expect(page.locator("main")).not_to_contain_text("Đơn vị dẫn đầu")
    assert RoundBallot.objects.count() == 2

    # 5. Publishing needs every member's ballot (the cluster's rules): refused, naming who has
    # not voted; Sở Xây dựng votes through its officer; the board publishes and the leading
    # unit appears, with the way to propose the flag.
    _as(page, base, board_user)
    page.goto(detail)
    expect(page.locator("main dd.not-voted")).to_have_text("Sở Xây dựng")
    _confirm(page, "Công bố và khóa kết quả")
    expect(page.locator("main")).to_contain_text("chưa bỏ phiếu: Sở Xây dựng.")
    _as(page, base, officer_d)
    _vote(page, base, cluster_round, "SO-D", "SO-C")
    _as(page, base, board_user)
    page.goto(detail)
    _confirm(page, "Công bố và khóa kết quả")
    expect(page.locator("main")).to_contain_text("Đã công bố và khóa kết quả.")
    leaders = page.locator("main ul.leaders")
    expect(leaders).to_contain_text("Sở Giáo dục và Đào tạo")
    expect(leaders.get_by_role("link")).to_have_attribute(
        "href", "/proposals/new/?award=co_thi_dua_tinh&unit=SO-A")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "cluster-round.png"), full_page=True)
    assert page.errors == []


def test_cluster_head_cannot_rescore_its_own_unit(page, live_server, cluster_round,  # noqa: F811
                                                  board_user, admin_user):
    """The head asks to raise its own unit's points: the page files a request instead of
    changing the score; the head cannot approve it (the site's own refusal page); the board
    approves and the change shows in the history with the head's reason."""
    from playwright.sync_api import expect

    from emulation.movements.domain import cluster_rounds

    base = live_server.url
    cluster = cluster_round.cluster
    cluster.memberships.filter(unit__code="SO-A").update(role="head")
    head = user_with_role(Role.CLUSTER_HEAD, cluster=cluster, username="cum_truong")
    cluster_rounds.sign_pact(cluster_round, actor=admin_user, pact_date=datetime.date(YEAR, 2, 1),
                             pact_text="Giao ước thi đua năm 2025")
    detail = base + reverse("emulation:round_detail", args=[cluster_round.public_id])

    _as(page, base, head)
    page.goto(detail)
    page.get_by_role("link", name="Chấm lại một tiêu chí").click()
    page.select_option("#id_unit", "SO-A")
    page.select_option("#id_criterion", "1.1")
    page.fill("#id_points", "40")
    page.fill("#id_reason", "Bổ sung minh chứng đạt chỉ tiêu 3")
    _submit(page)
    expect(page.locator("main .messages")).to_contain_text(
        "là đơn vị của chính bạn: việc chấm lại đã được gửi thành đề nghị")
    assert Score.objects.filter(kind="board").count() == 0
    requests_table = page.locator("main table.rescore-requests")
    expect(requests_table).to_contain_text("Chờ duyệt")
    expect(requests_table.get_by_role("link", name="Quyết định")).to_have_count(0)
    request = RescoreRequest.objects.get()
    decide = base + reverse("emulation:rescore_request_decide", args=[request.public_id])
    page.goto(decide)
    expect(page.locator("main h1")).to_have_text("Bạn không được phép thực hiện việc này")
    expect(page.locator("header nav.mainnav")).to_be_visible()

    _as(page, base, board_user)
    page.goto(detail)
    page.locator("main table.rescore-requests").get_by_role("link", name="Quyết định").click()
    page.get_by_label("Duyệt và áp dụng điểm chấm lại").check()
    _submit(page)
    expect(page.locator("main table.rescore-requests")).to_contain_text("Đã duyệt và áp dụng")
    history = page.locator("main table").last
    expect(history).to_contain_text("Bổ sung minh chứng đạt chỉ tiêu 3 (đề nghị của")
    assert Score.objects.get(kind="board").points == 40
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "cluster-head-request.png"), full_page=True)
    # The only console error is the refused page's own status.
    assert page.errors == [
        "Failed to load resource: the server responded with a status of 403 (Forbidden) "
        f"({decide})"]
