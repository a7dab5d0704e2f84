import datetime

from decisions.domain import drafting, issuing
from proposals.domain import workflow
from tests.proposals.helpers import appraised, complete_dossier, draft

DECIDED_ON = datetime.date(2026, 1, 5)


def draft_for(board, proposals, issuer, **fields):
    defaults = {"authority_title": "Giám đốc Sở Giáo dục và Đào tạo", "place": "Tuyên Quang",
                "summary": "Về việc tặng Giấy khen",
                "legal_bases": "Căn cứ Luật Thi đua, khen thưởng số 06/2022/QH15;",
                "signer_title": "Giám đốc", "signer_name": "Nguyễn Văn Ký",
                "symbol": "QĐ-SGDĐT"}
    defaults.update(fields)
    return drafting.draft_decision(board, proposals=proposals, issuer=issuer, **defaults)


def issued(officer, board, approver, unit, *, people=1, on=DECIDED_ON):
    proposal = appraised(officer, board, unit, unit, people=people)
    decision = draft_for(board, [proposal], unit)
    return issuing.issue_decision(approver, decision, date=on)


def issued_with_pdf(officer, board, registrar, unit, *, people=1, on=DECIDED_ON, number=None):
    """Issued as the page and the API issue: the generated PDF kept for signing."""
    from decisions.interfaces.official import issue_with_pdf

    proposal = appraised(officer, board, unit, unit, people=people)
    decision = draft_for(board, [proposal], unit)
    return issue_with_pdf(registrar, decision, date=on, number=number)


def to_the_province(officer, board, unit, province, people=1):
    """A Bằng khen of the province (the provincial chairman grants it, Law 06/2022 Art. 79;
    a Giấy khen is not his), appraised by the board; the board overrides the eligibility
    checks (the people have no award history here)."""
    proposal = draft(officer, unit, province, award="bang_khen_tinh", level="province",
                     people=people)
    complete_dossier(officer, proposal)
    workflow.submit(board, proposal, override_reason="Hồ sơ giấy đã kiểm tra đủ.")
    workflow.assign_appraisers(board, proposal, [board])
    for nominee in proposal.nominees.all():
        workflow.record_opinion(board, nominee, opinion="agree")
    workflow.finish_appraisal(board, proposal)
    return proposal
