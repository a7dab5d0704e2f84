"""Every write operation of the API leaves an audit row.

The operations are read from the OpenAPI document itself: an operation that is not GET must
have a request builder in WRITES (or be listed in READ_ONLY_POSTS with the reason it stores
nothing), so adding a write endpoint without extending this table fails the first test.
"""

import json
from dataclasses import dataclass

import pytest

from audit.models import AuditEntry
from decisions.models import Decision
from proposals.domain import workflow
from tests.api.test_api import API, bearer
from tests.decisions.helpers import draft_for
from tests.proposals.helpers import appraised, complete_dossier, draft, submitted


@dataclass
class Call:
    actor: object
    path: str
    payload: dict


def _submit(p):
    proposal = draft(p.officer_a, p.dept_a, p.dept_a)
    complete_dossier(p.officer_a, proposal)
    return Call(p.officer_a, f"/proposals/{proposal.public_id}/submit", {})


def _withdraw(p):
    proposal = draft(p.officer_a, p.dept_a, p.dept_a)
    return Call(p.officer_a, f"/proposals/{proposal.public_id}/withdraw", {"reason": "Rút"})


def _return(p):
    proposal = submitted(p.officer_a, p.dept_a, p.dept_a)
    return Call(p.board_user, f"/proposals/{proposal.public_id}/return", {"reason": "Thiếu"})


def _appraising(p):
    proposal = submitted(p.officer_a, p.dept_a, p.dept_a)
    workflow.assign_appraisers(p.board_user, proposal, [p.board_user])
    return proposal


def _finish(p):
    proposal = _appraising(p)
    for nominee in proposal.nominees.all():
        workflow.record_opinion(p.board_user, nominee, opinion="agree")
    return Call(p.board_user, f"/proposals/{proposal.public_id}/finish-appraisal", {})


def _forward(p):
    proposal = appraised(p.officer_a, p.board_user, p.dept_a, p.dept_a)
    return Call(p.board_user, f"/proposals/{proposal.public_id}/forward",
                {"to": "Thủ tướng Chính phủ"})


def _reject(p):
    proposal = submitted(p.officer_a, p.dept_a, p.dept_a)
    return Call(p.board_user, f"/proposals/{proposal.public_id}/reject", {"reason": "Không đủ"})


def _opinion(p):
    nominee = _appraising(p).nominees.get()
    return Call(p.board_user, f"/nominees/{nominee.public_id}/opinion", {"opinion": "agree"})


def _under_appraisal(p):
    from tests.proposals.test_findings import under_appraisal

    return under_appraisal(p.officer_a, p.board_user, p.dept_a, p.dept_a.parent).nominees.get()


def _record_finding(p):
    nominee = _under_appraisal(p)
    return Call(p.board_user, f"/nominees/{nominee.public_id}/findings",
                {"code": "bang_khen_tinh.b", "evidence_number": "125/QĐ-BGDĐT",
                 "evidence_date": "2025-10-02"})


def _withdraw_finding(p):
    from proposals.domain.findings import record_finding

    finding = record_finding(p.board_user, _under_appraisal(p), code="bang_khen_tinh.b",
                             evidence_text="Bằng khen của Bộ Giáo dục và Đào tạo")
    return Call(p.board_user, f"/findings/{finding.public_id}/withdraw",
                {"reason": "Nhầm văn bản"})


def _issue(p):
    proposal = appraised(p.officer_a, p.board_user, p.dept_a, p.dept_a)
    decision: Decision = draft_for(p.board_user, [proposal], p.dept_a)
    return Call(p.approver_user, f"/decisions/{decision.public_id}/issue",
                {"date": "2026-01-05"})


def _revoke(p):
    """A ledger record the department granted: its board staff revoke it by decision."""
    import datetime

    from awards.domain.ledger import record_award
    from awards.models import AwardType
    from tests.factories import PersonFactory

    entry = record_award(None, award_type=AwardType.objects.get(code="ldtt"), year=2024,
                         decision_number="9/QĐ-SGD", decision_date=datetime.date(2025, 1, 5),
                         issuer="Giám đốc Sở", issuer_unit=p.dept_a,
                         person=PersonFactory(unit=p.dept_a))
    return Call(p.board_user, f"/ledger/{entry.public_id}/revoke", {
        "decision_number": "3/QĐ-SGD", "decision_date": "2026-01-10",
        "decision_issuer": "Giám đốc Sở", "reason": "Kết luận thanh tra"})


WRITES = {
    ("post", "/api/v1/proposals/{public_id}/submit"): _submit,
    ("post", "/api/v1/proposals/{public_id}/withdraw"): _withdraw,
    ("post", "/api/v1/proposals/{public_id}/return"): _return,
    ("post", "/api/v1/proposals/{public_id}/finish-appraisal"): _finish,
    ("post", "/api/v1/proposals/{public_id}/forward"): _forward,
    ("post", "/api/v1/proposals/{public_id}/reject"): _reject,
    ("post", "/api/v1/nominees/{public_id}/opinion"): _opinion,
    ("post", "/api/v1/nominees/{public_id}/findings"): _record_finding,
    ("post", "/api/v1/findings/{public_id}/withdraw"): _withdraw_finding,
    ("post", "/api/v1/decisions/{public_id}/issue"): _issue,
    ("post", "/api/v1/ledger/{public_id}/revoke"): _revoke,
}
# POST operations that change nothing, each with why.
READ_ONLY_POSTS = {
    ("post", "/api/v1/eligibility/check"): "evaluates a case sent in the body; stores nothing",
}


def non_get_operations(client) -> set[tuple[str, str]]:
    paths = client.get(f"{API}/openapi.json").json()["paths"]
    return {(method, path) for path, item in paths.items() for method in item
            if method not in {"get", "head", "options", "parameters"}}


def test_every_write_operation_has_a_request_builder(client, db):
    assert non_get_operations(client) == set(WRITES) | set(READ_ONLY_POSTS)


class Personas:
    def __init__(self, request):
        for name in ("officer_a", "board_user", "approver_user", "dept_a"):
            setattr(self, name, request.getfixturevalue(name))


@pytest.mark.parametrize("operation", sorted(WRITES), ids=lambda op: f"{op[0]} {op[1]}")
def test_write_operation_is_audited(request, client, db, operation):
    call = WRITES[operation](Personas(request))
    headers = bearer(call.actor)
    last = AuditEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    response = client.generic(operation[0].upper(), f"{API}{call.path}",
                              json.dumps(call.payload), content_type="application/json",
                              HTTP_ACCEPT_LANGUAGE="en", **headers)
    assert response.status_code == 200, response.content
    written = AuditEntry.objects.filter(pk__gt=last, actor=call.actor).exclude(
        action__startswith="accounts.token")
    assert written.exists(), f"{operation} wrote no audit row"
