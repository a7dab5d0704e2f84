"""Submission checks (issue 4 point 3): every nominee through the eligibility engine, the
dossier against the catalogue's required documents, and the warnings the directives ask for.

`check_proposal` reads; it changes nothing. `submit` (workflow.py) stores the verdicts."""

import dataclasses
import datetime
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from awards.domain import granting
from awards.domain.parameters import CatalogueParameters
from awards.domain.queries.cases import case_for, case_for_collective
from awards.eligibility.engine import UnknownAward, evaluate
from awards.eligibility.facts import Case, Subject
from awards.enums import AuthorityPower
from awards.models import AwardParameter, AwardRecord
from emulation.initiatives.enums import ACTIVE_USE_STATES
from emulation.initiatives.models import InitiativeUse
from proposals.domain.deadlines import parameter
from proposals.enums import (
    ACTIVE_NOMINEE_STATUSES,
    FINAL_STATES,
    DocumentType,
    FindingState,
    Procedure,
    Track,
)
from proposals.enums import ProposalState as S
from proposals.models import AppraisalFinding, Nominee, Proposal

AUTHORITY_CITATION = "Luật TĐKT 2022, Điều 77–80; Nghị định 129/2025/NĐ-CP, Điều 59"


@dataclass
class Finding:
    """One check result. `blocking` findings stop a submission (board staff may override)."""

    code: str
    message: str
    citation: str = ""
    blocking: bool = False
    nominee: Nominee | None = None


@dataclass
class CheckResult:
    verdicts: dict[int, dict] = field(default_factory=dict)  # nominee pk → verdict dict
    findings: list[Finding] = field(default_factory=list)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.blocking]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if not f.blocking]

    @property
    def ok(self) -> bool:
        return not self.errors


def active_nominees(proposal: Proposal):
    return (proposal.nominees.filter(status__in=ACTIVE_NOMINEE_STATUSES)
            .select_related("person", "collective", "household", "award_type", "unit"))


def parameter_in_force(award_type, key: str, on: datetime.date):
    row = (AwardParameter.objects.filter(award_type=award_type, key=key, valid_from__lte=on)
           .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=on))
           .order_by("-valid_from").first())
    return row


def case_of(nominee: Nominee) -> Case:
    """The eligibility case of `nominee`: its subject's records for the requested form and the
    proposal's year, less its own initiative claims, plus the tracks the appraisal found met."""
    code, year = nominee.award_type.code, nominee.proposal.year
    if nominee.person_id:
        case = case_for(nominee.person, code, year)
    elif nominee.collective_id:
        case = case_for_collective(nominee.collective, code, year)
    else:
        case = Case(id=str(nominee.household.public_id), award=code, year=year,
                    subject=Subject(kind="household"))
    return _with_findings(_without_own_claims(case, nominee), nominee)


def verdict_for(nominee: Nominee, params=None) -> dict:
    """The engine's verdict on one nominee, as the JSON of eligibility-interface.md. Awards
    without a rule in the engine get a verdict that says so (appraised by hand)."""
    params = params or CatalogueParameters()
    case = case_of(nominee)
    try:
        return evaluate(case, params).as_dict()
    except UnknownAward:
        return {"id": case.id, "award": case.award, "eligible": None, "law": "",
                "initiatives_used": [],
                "reasons": [{"rule": "manual", "ok": True, "citation": "", "message": _(
                    "TĐKT has no automatic rule for this form: the board appraises it by "
                    "hand.")}]}


def recorded_tracks(nominee: Nominee) -> frozenset[str]:
    """The "<award>.<track>" codes the appraisal found met for `nominee` (recorded findings of
    its requested form; withdrawn ones are history only)."""
    return frozenset(AppraisalFinding.objects.filter(
        nominee=nominee, state=FindingState.RECORDED,
        code__startswith=nominee.award_type.code + ".").values_list("code", flat=True))


def _with_findings(case: Case, nominee: Nominee) -> Case:
    """The tracks the appraisal found met become the case's `achievements` (a fact of the
    Screener's key: screening.NOT_FACTS does not exclude it); the history is unchanged."""
    found = recorded_tracks(nominee)
    if found == case.achievements:
        return case
    return dataclasses.replace(case, achievements=found)


def _without_own_claims(case: Case, nominee: Nominee) -> Case:
    """The initiatives this nominee's own claim reserved are not "used" for judging this very
    claim (a resubmission after a return re-judges it); any other use still disqualifies."""
    own = set(InitiativeUse.objects.filter(claim_ref=f"nominee:{nominee.public_id}",
                                           state__in=ACTIVE_USE_STATES)
              .values_list("initiative__code", flat=True))
    if not own or not case.initiatives:
        return case
    initiatives = tuple(dataclasses.replace(i, used_for=None) if i.code in own else i
                        for i in case.initiatives)
    return dataclasses.replace(case, initiatives=initiatives, history=None)


def check_proposal(proposal: Proposal, today: datetime.date | None = None) -> CheckResult:
    today = today or timezone.localdate()
    result = CheckResult()
    nominees = list(active_nominees(proposal))
    if not nominees:
        result.findings.append(Finding("empty", _("Add at least one nominee."), blocking=True))
    params = CatalogueParameters()
    for nominee in nominees:
        verdict = result.verdicts[nominee.pk] = verdict_for(nominee, params)
        if verdict["eligible"] is False:
            for reason in verdict["reasons"]:
                if not reason["ok"]:
                    result.findings.append(Finding(
                        f"ineligible:{reason['rule']}", reason["message"], reason["citation"],
                        blocking=True, nominee=nominee))
    result.findings += _document_findings(proposal, nominees, today)
    result.findings += _duplicate_findings(proposal, nominees)
    result.findings += _fairness_findings(nominees)
    result.findings += _authority_findings(proposal, nominees, today)
    result.findings += _quota_findings(proposal, nominees)
    return result


def _quota_findings(proposal, nominees) -> list[Finding]:
    """Quotas a province sets per award and proposing unit and year (ProcedureParameter
    `quota.<award code>`, e.g. a ceiling on Bằng khen tỉnh per department): a warning when
    this proposal, with the unit's other open or decided ones, goes over."""
    findings = []
    for code in {n.award_for_decision.code for n in nominees}:
        limit = parameter(f"quota.{code}")
        if limit is None:
            continue
        used = (Nominee.objects.filter(proposal__unit=proposal.unit, proposal__year=proposal.year,
                                       status__in=ACTIVE_NOMINEE_STATUSES)
                .filter(Q(final_award_type__code=code)
                        | Q(final_award_type__isnull=True, award_type__code=code))
                .exclude(proposal__state__in=[S.WITHDRAWN, S.REJECTED, S.CONSOLIDATED])
                .count())
        if used > int(limit):
            findings.append(Finding("quota", _(
                "%(award)s: %(used)s proposed by %(unit)s for %(year)s, above the quota of "
                "%(limit)s.") % {"award": code, "used": used, "unit": proposal.unit.name,
                                 "year": proposal.year, "limit": limit},
                "Quy chế thi đua, khen thưởng của tỉnh"))
    return findings


def _present_documents(proposal: Proposal) -> tuple[set, dict]:
    """Document types on the whole dossier, and per nominee."""
    common, per_nominee = set(), {}
    for doc_type, nominee_id in proposal.documents.filter(withdrawn=False).values_list(
            "doc_type", "nominee_id"):
        if nominee_id is None:
            common.add(doc_type)
        else:
            per_nominee.setdefault(nominee_id, set()).add(doc_type)
    return common, per_nominee


def required_documents(proposal: Proposal, today: datetime.date) -> list[str]:
    """The document types the forms requested in `proposal` require (the same catalogue
    parameter `_document_findings` reads), in the catalogue's order, without repeats."""
    key = "documents_simplified" if proposal.procedure == Procedure.SIMPLIFIED else "documents"
    wanted: dict[str, None] = {}
    for award_type in {n.award_type for n in active_nominees(proposal)}:
        row = parameter_in_force(award_type, key, today)
        wanted.update(dict.fromkeys(row.value if row else []))
    if proposal.track == Track.POLITICAL_TASK:
        wanted[DocumentType.APPROVED_PLAN] = None
    return list(wanted)


def _document_findings(proposal, nominees, today) -> list[Finding]:
    """Required documents per form (catalogue parameter `documents`, or
    `documents_simplified` under the simplified procedure: Law Art. 84–85)."""
    findings = []
    key = "documents_simplified" if proposal.procedure == Procedure.SIMPLIFIED else "documents"
    common, per_nominee = _present_documents(proposal)
    labels = dict(DocumentType.choices)
    for nominee in nominees:
        row = parameter_in_force(nominee.award_type, key, today)
        if row is None:
            continue
        have = common | per_nominee.get(nominee.pk, set())
        for doc in row.value:
            if doc not in have:
                findings.append(Finding(
                    f"document:{doc}", _("Missing document: %(doc)s.") % {
                        "doc": labels.get(doc, doc)}, row.citation, blocking=True,
                    nominee=nominee))
    if proposal.track == Track.POLITICAL_TASK and DocumentType.APPROVED_PLAN not in common:
        findings.append(Finding("document:plan", _(
            "Attach the approved plan or project of the special political task."),
            "Chỉ thị 34-CT/TW; seed 000 §7", blocking=True))
    return findings


def _duplicate_findings(proposal, nominees) -> list[Finding]:
    """Warn when a nominee already holds this award for this year, or is proposed for it in
    another open proposal (an achievement is rewarded once: Law 06/2022/QH15 Art. 5)."""
    findings = []
    for nominee in nominees:
        subject = {"person": nominee.person_id, "collective": nominee.collective_id,
                   "household": nominee.household_id}
        held = AwardRecord.objects.filter(award_type=nominee.award_type,
                                          year=proposal.year, revoked=False, **subject).first()
        if held is not None:
            findings.append(Finding("already_awarded", _(
                "%(name)s already holds %(award)s for %(year)s (decision %(number)s).") % {
                "name": nominee.subject_name, "award": nominee.award_type.name,
                "year": held.year, "number": held.decision_number},
                "Luật TĐKT 2022, Điều 5", nominee=nominee))
        other = (Nominee.objects.filter(award_type=nominee.award_type,
                                        proposal__year=proposal.year,
                                        status__in=ACTIVE_NOMINEE_STATUSES, **subject)
                 .exclude(proposal=proposal).exclude(proposal__state__in=FINAL_STATES)
                 .select_related("proposal").first())
        if other is not None:
            findings.append(Finding("proposed_twice", _(
                "%(name)s is also proposed for %(award)s in proposal %(code)s.") % {
                "name": nominee.subject_name, "award": nominee.award_type.name,
                "code": other.proposal.code}, "Luật TĐKT 2022, Điều 5", nominee=nominee))
    return findings


def _fairness_findings(nominees) -> list[Finding]:
    """Seed 000 §6: awards should go more to people who work directly, less to leaders."""
    people = [n for n in nominees if n.person_id]
    if not people:
        return []
    leaders = sum(1 for n in people if n.is_leader)
    direct = sum(1 for n in people if n.is_direct_worker)
    threshold = float(parameter("fairness.min_non_leader_share", 0.5))
    non_leader_share = (len(people) - leaders) / len(people)
    message = _("Individuals: %(total)s; leaders %(leaders)s (%(lshare)s%%), non-leaders "
                "%(others)s, direct workers %(direct)s (%(dshare)s%%).") % {
        "total": len(people), "leaders": leaders, "lshare": round(100 * leaders / len(people)),
        "others": len(people) - leaders, "direct": direct,
        "dshare": round(100 * direct / len(people))}
    findings = [Finding("fairness", message, "Luật TĐKT 2022, Điều 5 khoản 2 điểm d")]
    if non_leader_share < threshold:
        findings.append(Finding("fairness_low", _(
            "Non-leaders are only %(share)s%% of the individuals proposed (expected at least "
            "%(min)s%%).") % {"share": round(100 * non_leader_share),
                              "min": round(100 * threshold)},
            "Luật TĐKT 2022, Điều 5 khoản 2 điểm d"))
    return findings


def _authority_findings(proposal, nominees, today) -> list[Finding]:
    """The addressed authority must grant each form or propose it upward on the day (the
    granting-authority table: Law 06/2022/QH15 Art. 77–80, Decree 129/2025/NĐ-CP Art. 59 from
    1/7/2025). A refused form blocks (`submit` refuses it even with an override); a form the
    authority only forwards is said early."""
    recipient = proposal.recipient_unit
    allowed = granting.powers(recipient, [n.award_type for n in nominees], today)
    findings = []
    for nominee in nominees:
        power = allowed.get(nominee.award_type_id)
        if power == AuthorityPower.GRANTS:
            continue
        if power is None:
            message = granting.addressing_errors(recipient, [nominee.award_type], today)[0]
        else:
            message = _("%(unit)s does not grant “%(award)s”: it will be proposed upward "
                        "after appraisal.") % {"unit": recipient.name,
                                               "award": nominee.award_type.name}
        findings.append(Finding("authority", message, AUTHORITY_CITATION,
                                blocking=power is None, nominee=nominee))
    return findings
