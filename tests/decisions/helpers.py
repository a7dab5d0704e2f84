import datetime

from decisions.domain import drafting, issuing
from tests.proposals.helpers import appraised

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
