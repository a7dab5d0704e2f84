"""Proposals and decisions: read endpoints and one action endpoint per transition, each
calling the same domain function as the back office (STYLE rule 4). Every API write is
audited by the domain function it calls."""

import datetime
import uuid

from django.core.exceptions import PermissionDenied
from django.http import Http404
from ninja import Field, Router, Schema
from ninja.pagination import paginate

from api.pagination import LimitOffsetPagination
from api.schemas import IsoDate, ObjectIn
from awards.models import AwardType
from core.interfaces.guards import get_in, require
from decisions.domain.queries import certificate_by_code, decisions_for_user, revoked_record
from decisions.interfaces.official import issue_with_pdf
from proposals.domain import findings, workflow
from proposals.domain.checks import verdict_for
from proposals.domain.queries import inbox_for_user, proposals_for_user
from proposals.enums import Opinion
from proposals.models import AppraisalFinding, Nominee, Proposal

router = Router(tags=["proposals"])
public = Router(tags=["public"])


class NomineeOut(Schema):
    public_id: uuid.UUID
    name: str
    unit: str
    award: str
    final_award: str | None
    status: str
    eligible: bool | None
    verdict: dict | None

    @staticmethod
    def resolve_name(obj):
        return obj.subject_name

    @staticmethod
    def resolve_unit(obj):
        return obj.unit.code

    @staticmethod
    def resolve_award(obj):
        return obj.award_type.code

    @staticmethod
    def resolve_final_award(obj):
        return obj.final_award_type.code if obj.final_award_type_id else None


class ProposalOut(Schema):
    public_id: uuid.UUID
    code: str
    title: str
    unit: str
    recipient_unit: str
    authority_level: str
    track: str
    procedure: str
    year: int
    state: str
    due_on: datetime.date | None

    @staticmethod
    def resolve_unit(obj):
        return obj.unit.code

    @staticmethod
    def resolve_recipient_unit(obj):
        return obj.recipient_unit.code


class ProposalDetailOut(ProposalOut):
    nominees: list[NomineeOut]

    @staticmethod
    def resolve_nominees(obj):
        return list(obj.nominees.select_related("unit", "award_type", "final_award_type",
                                                "person", "collective", "household"))


class ReasonIn(Schema):
    reason: str


class SubmitIn(ObjectIn):
    override_reason: str = ""


class OpinionIn(Schema):
    opinion: Opinion
    note: str = ""
    final_award: str | None = None


class ForwardIn(Schema):
    to: str
    reason: str = ""


class IssueIn(Schema):
    date: datetime.date
    # The number the office's document-management system gave; empty: the register's next.
    number: int | None = Field(default=None, ge=1)


class DecisionOut(Schema):
    public_id: uuid.UUID
    kind: str
    number: str
    date: datetime.date | None
    summary: str
    issuer: str
    state: str

    @staticmethod
    def resolve_number(obj):
        return obj.number_label

    @staticmethod
    def resolve_issuer(obj):
        return obj.issuer.code


class CertificateOut(Schema):
    code: str
    status: str
    recipient: str
    unit: str
    award: str
    year: int
    decision: str
    decision_date: datetime.date | None
    replaced_by: str | None
    revoking_decision: str | None = None


def _proposal(request, public_id, perm=None):
    proposal = get_in(proposals_for_user(request.user), public_id=public_id)
    require(request, perm or "proposals.view_proposal", proposal)
    return proposal


@router.get("/proposals", response=list[ProposalOut])
@paginate(LimitOffsetPagination)
def proposal_list(request, state: str = "", inbox: bool = False):
    require(request, "proposals.view_proposal")
    qs = inbox_for_user(request.user) if inbox else proposals_for_user(request.user)
    if state:
        qs = qs.filter(state=state)
    return qs.order_by("id")


@router.get("/proposals/{public_id}", response=ProposalDetailOut)
def proposal_detail(request, public_id: uuid.UUID):
    return _proposal(request, public_id)


def _step(request, public_id, perm: str, step) -> Proposal:
    """Run one workflow step (the same domain function as the page) and return the proposal."""
    proposal = _proposal(request, public_id, perm)
    step(proposal)
    proposal.refresh_from_db()
    return proposal


@router.post("/proposals/{public_id}/submit", response=ProposalOut)
def submit(request, public_id: uuid.UUID, payload: SubmitIn):
    return _step(request, public_id, "proposals.submit_proposal", lambda p: workflow.submit(
        request.user, p, override_reason=payload.override_reason))


@router.post("/proposals/{public_id}/withdraw", response=ProposalOut)
def withdraw(request, public_id: uuid.UUID, payload: ReasonIn):
    return _step(request, public_id, "proposals.withdraw_proposal", lambda p: workflow.withdraw(
        request.user, p, reason=payload.reason))


@router.post("/proposals/{public_id}/return", response=ProposalOut)
def return_proposal(request, public_id: uuid.UUID, payload: ReasonIn):
    return _step(request, public_id, "proposals.return_proposal",
                 lambda p: workflow.return_for_supplement(request.user, p, reason=payload.reason))


@router.post("/proposals/{public_id}/finish-appraisal", response=ProposalOut)
def finish(request, public_id: uuid.UUID):
    return _step(request, public_id, "proposals.appraise",
                 lambda p: workflow.finish_appraisal(request.user, p))


@router.post("/proposals/{public_id}/forward", response=ProposalOut)
def forward(request, public_id: uuid.UUID, payload: ForwardIn):
    return _step(request, public_id, "proposals.forward_proposal", lambda p: workflow.forward(
        request.user, p, to=payload.to, reason=payload.reason))


@router.post("/proposals/{public_id}/reject", response=ProposalOut)
def reject(request, public_id: uuid.UUID, payload: ReasonIn):
    return _step(request, public_id, "proposals.reject_proposal", lambda p: workflow.reject(
        request.user, p, reason=payload.reason))


@router.post("/nominees/{public_id}/opinion", response=NomineeOut)
def opinion(request, public_id: uuid.UUID, payload: OpinionIn):
    nominee = get_in(Nominee.objects.select_related("proposal"), public_id=public_id)
    _proposal(request, nominee.proposal.public_id, "proposals.appraise")
    final = (get_in(AwardType.objects.all(), code=payload.final_award)
             if payload.final_award else None)
    return workflow.record_opinion(request.user, nominee, opinion=payload.opinion,
                                   note=payload.note, final_award_type=final)


@router.get("/decisions", response=list[DecisionOut])
@paginate(LimitOffsetPagination)
def decision_list(request):
    require(request, "decisions.view_decision")
    return decisions_for_user(request.user).order_by("id")


@router.post("/decisions/{public_id}/issue", response=DecisionOut)
def issue(request, public_id: uuid.UUID, payload: IssueIn):
    decision = get_in(decisions_for_user(request.user), public_id=public_id)
    if not request.user.has_perm("decisions.issue_decision", decision):
        raise PermissionDenied
    return issue_with_pdf(request.user, decision, date=payload.date, number=payload.number)


@public.get("/certificates/{code}", response=CertificateOut, auth=None)
def verify(request, code: str):
    """Public verification of a certificate (no personal data)."""
    certificate = certificate_by_code(code)
    if certificate is None:
        raise Http404
    item = certificate.item
    revoked = revoked_record(item)
    return {"code": certificate.code, "status": certificate.status,
            "recipient": item.recipient_name, "unit": item.unit.name,
            "award": item.award_type.name, "year": item.year,
            "decision": item.decision.number_label, "decision_date": item.decision.date,
            "replaced_by": certificate.replaced_by.code if certificate.replaced_by_id else None,
            "revoking_decision": revoked.revoking_decision or None if revoked else None}


# ------------------------------------------------------------------ appraisal findings
class FindingIn(Schema):
    code: str  # "<award>.<track>", one of the nominee's tracks to appraise
    evidence_number: str = ""
    evidence_date: IsoDate | None = None
    evidence_text: str = ""
    note: str = ""


class FindingOut(Schema):
    public_id: uuid.UUID
    code: str
    citation: str
    state: str
    evidence_number: str
    evidence_date: datetime.date | None
    evidence_text: str
    note: str
    recorded_at: datetime.datetime
    withdrawn_at: datetime.datetime | None
    withdrawn_reason: str


class TrackOut(Schema):
    code: str
    citation: str
    verified: bool


class AppraisalOut(Schema):
    tracks: list[TrackOut]
    findings: list[FindingOut]
    verdict: dict


def _nominee(request, public_id) -> Nominee:
    """The nominee, 404 unless its proposal is one the user may read."""
    nominee = get_in(Nominee.objects.select_related("proposal", "award_type"),
                     public_id=public_id)
    _proposal(request, nominee.proposal.public_id)
    return nominee


@router.get("/nominees/{public_id}/appraisal", response=AppraisalOut)
def nominee_appraisal(request, public_id: uuid.UUID):
    """The tracks only the appraisal can find met, every finding (withdrawn ones too) and the
    verdict they lead to (the page `proposals:nominee_appraisal`)."""
    nominee = _nominee(request, public_id)
    return {"tracks": findings.tracks_to_appraise(nominee),
            "findings": list(findings.findings_of(nominee)), "verdict": verdict_for(nominee)}


@router.post("/nominees/{public_id}/findings", response=FindingOut)
def record_finding(request, public_id: uuid.UUID, payload: FindingIn):
    nominee = _nominee(request, public_id)
    require(request, "proposals.record_finding", nominee)
    return findings.record_finding(request.user, nominee, **payload.dict())


@router.post("/findings/{public_id}/withdraw", response=FindingOut)
def withdraw_finding(request, public_id: uuid.UUID, payload: ReasonIn):
    finding = get_in(AppraisalFinding.objects.select_related("nominee"), public_id=public_id)
    _nominee(request, finding.nominee.public_id)
    require(request, "proposals.withdraw_finding", finding)
    return findings.withdraw_finding(request.user, finding, reason=payload.reason)
