
import pytest
from django.urls import reverse

from decisions.enums import DecisionState
from decisions.models import Decision
from tests.decisions.helpers import DECIDED_ON, draft_for, issued
from tests.proposals.helpers import appraised


@pytest.fixture
def en(client):
    client.cookies["django_language"] = "en"
    return client


def test_board_drafts_and_approver_issues_in_the_browser_flow(en, officer_a, board_user,
                                                              approver_user, dept_a):
    proposal = appraised(officer_a, board_user, dept_a, dept_a)
    en.force_login(board_user)
    response = en.post(reverse("decisions:draft"), {
        "proposals": [proposal.pk], "issuer": dept_a.pk,
        "authority_title": "Giám đốc Sở Giáo dục và Đào tạo", "symbol": "QĐ-SGDĐT",
        "place": "Tuyên Quang", "summary": "Về việc tặng Giấy khen",
        "legal_bases": "Căn cứ Luật Thi đua, khen thưởng số 06/2022/QH15;",
        "recipients": "- Như Điều 3;", "signer_title": "Giám đốc", "signer_name": "Lê Văn Ký"})
    decision = Decision.objects.get()
    assert response.status_code == 302
    assert en.get(reverse("decisions:issue", args=[decision.public_id])).status_code == 403
    en.force_login(approver_user)
    response = en.post(reverse("decisions:issue", args=[decision.public_id]),
                       {"date": "2026-01-05"})
    decision.refresh_from_db()
    assert (response.status_code, decision.state, decision.number) == (302,
                                                                      DecisionState.ISSUED, 1)


def test_documents_render_as_docx_and_pdf(en, officer_a, board_user, approver_user, dept_a):
    decision = issued(officer_a, board_user, approver_user, dept_a, people=2)
    en.force_login(board_user)
    docx = en.get(reverse("decisions:file", args=[decision.public_id, "docx"]))
    pdf = en.get(reverse("decisions:file", args=[decision.public_id, "pdf"]))
    certs = en.get(reverse("decisions:certificates", args=[decision.public_id]))
    assert docx.content[:2] == b"PK" and pdf.content[:5] == b"%PDF-"
    assert certs.content[:5] == b"%PDF-"


def test_outsider_cannot_reach_a_decision(en, officer_a, board_user, approver_user, outsider,
                                          dept_a):
    decision = issued(officer_a, board_user, approver_user, dept_a)
    en.force_login(outsider)
    for name in ("decisions:detail", "decisions:issue", "decisions:cancel"):
        assert en.get(reverse(name, args=[decision.public_id])).status_code == 404
    assert en.get(reverse("decisions:file", args=[decision.public_id, "pdf"])).status_code == 404


def test_revoke_from_the_page(en, officer_a, board_user, approver_user, dept_a):
    decision = issued(officer_a, board_user, approver_user, dept_a)
    item = decision.items.get()
    en.force_login(approver_user)
    response = en.post(reverse("decisions:item_revoke", args=[item.public_id]), {
        "reason": "Gian lận hồ sơ", "decision_number": "10/QĐ-SGDĐT",
        "decision_date": "2026-02-01", "decision_issuer": "Giám đốc Sở GDĐT"})
    item.award_record.refresh_from_db()
    assert (response.status_code, item.award_record.revoked) == (302, True)


def test_cancel_a_draft(en, officer_a, board_user, dept_a):
    proposal = appraised(officer_a, board_user, dept_a, dept_a)
    decision = draft_for(board_user, [proposal], dept_a)
    en.force_login(board_user)
    en.post(reverse("decisions:cancel", args=[decision.public_id]), {"reason": "Sai mẫu"})
    decision.refresh_from_db()
    assert decision.state == DecisionState.CANCELLED


def test_list_query_count(en, officer_a, board_user, approver_user, dept_a,
                          django_assert_max_num_queries):
    for _ in range(3):
        issued(officer_a, board_user, approver_user, dept_a, on=DECIDED_ON)
    en.force_login(board_user)
    with django_assert_max_num_queries(12):
        response = en.get(reverse("decisions:list"))
    assert response.content.decode().count("/QĐ-SGDĐT") >= 3


def test_list_orders_decisions_of_one_instant_by_id(en, officer_a, board_user, approver_user,
                                                    dept_a):
    """Newest first; of decisions created at the same instant the later first, on every page
    and for every reader (ordered by the time alone, the plan chose: the board and an officer
    saw two such decisions in opposite orders on the kept province)."""
    made = [issued(officer_a, board_user, approver_user, dept_a, on=DECIDED_ON)
            for _ in range(3)]
    Decision.objects.filter(pk__in=[d.pk for d in made]).update(
        created_at=made[0].created_at)
    for user in (board_user, officer_a):
        en.force_login(user)
        listed = en.get(reverse("decisions:list")).context["page"].object_list
        assert [d["public_id"] for d in listed] == [d.public_id for d in reversed(made)]
    Decision.objects.filter(pk=made[0].pk).update(summary="Sửa trích yếu")
    listed = en.get(reverse("decisions:list")).context["page"].object_list
    assert [d["summary"] for d in listed][-1] == "Sửa trích yếu"
