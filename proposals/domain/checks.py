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
from awards.domain.parameters import catalogue_parameters, law_tables, one_reading
from awards.domain.queries.cases import case_for_collective, cases_for_nominations
from awards.eligibility.engine import UnknownAward, evaluate
from awards.eligibility.facts import Case, Subject
from awards.enums import AuthorityPower
from awards.models import AwardRecord
from emulation.initiatives.enums import ACTIVE_USE_STATES
from emulation.initiatives.models import InitiativeUse
from proposals.domain.deadlines import province_parameters
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

FAIRNESS = "fairness.min_non_leader_share"
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
    return parameters_in_force([award_type], key, on).get(award_type.pk)


def parameters_in_force(award_types, key: str, on: datetime.date) -> dict:
    """`parameter_in_force` of several award types: award type id → row (the law tables kept
    per process, `law_tables`; shared rows: read, never changed)."""
    tables, found = law_tables(), {}
    for pk in sorted({a.pk for a in award_types}):
        row = tables.award_parameter(pk, key, on)
        if row is not None:
            found[pk] = row
    return found


def case_of(nominee: Nominee) -> Case:
    """The eligibility case of `nominee`: its subject's records for the requested form and the
    proposal's year, less its own initiative claims, plus the tracks the appraisal found met."""
    return cases_of([nominee])[0]


def cases_of(nominees: list[Nominee]) -> list[Case]:
    """`case_of` each nominee of one proposal, in order, read together: the people's histories
    in one set of queries (cases_for_nominations), their own initiative claims and recorded
    findings in one query each, instead of a dozen queries per nominee."""
    if not nominees:
        return []
    year = nominees[0].proposal.year
    personal = iter(cases_for_nominations(
        [(n.person, n.award_type.code) for n in nominees if n.person_id], year))
    own, found = _own_claims(nominees), _recorded_tracks(nominees)
    cases = []
    for nominee in nominees:
        code = nominee.award_type.code
        if nominee.person_id:
            case = next(personal)
        elif nominee.collective_id:
            case = case_for_collective(nominee.collective, code, year)
        else:
            case = Case(id=str(nominee.household.public_id), award=code, year=year,
                        subject=Subject(kind="household"))
        case = _without_own_claims(case, own.get(nominee.pk, set()))
        cases.append(_with_findings(case, found.get(nominee.pk, frozenset())))
    return cases


def verdict_for(nominee: Nominee, params=None) -> dict:
    """The engine's verdict on one nominee, as the JSON of eligibility-interface.md."""
    return verdicts_for([nominee], params)[nominee.pk]


def verdicts_for(nominees: list[Nominee], params=None) -> dict[int, dict]:
    """nominee pk → the engine's verdict, for the nominees of one proposal (`cases_of`).
    Awards without a rule in the engine get a verdict that says so (appraised by hand)."""
    params = params or catalogue_parameters()
    return {nominee.pk: _verdict(case, params)
            for nominee, case in zip(nominees, cases_of(nominees), strict=True)}


def _verdict(case: Case, params) -> dict:
    try:
        return evaluate(case, params).as_dict()
    except UnknownAward:
        return {"id": case.id, "award": case.award, "eligible": None, "law": "",
                "initiatives_used": [],
                "reasons": [{"rule": "manual", "ok": True, "citation": "", "message": _(
                    "TĐKT has no automatic rule for this form: the board appraises it by "
                    "hand.")}]}


def _recorded_tracks(nominees) -> dict[int, frozenset[str]]:
    """nominee pk → the "<award>.<track>" codes the appraisal found met for it (recorded
    findings of its requested form; withdrawn ones are history only)."""
    prefix = {n.pk: n.award_type.code + "." for n in nominees}
    found: dict[int, set] = {}
    # Unordered: the codes go into sets, and the model's ordering (by nominee, then by the
    # nominee's own ordering) joined the nominees and their proposals for nothing.
    for nominee_id, code in AppraisalFinding.objects.filter(
            nominee__in=list(prefix), state=FindingState.RECORDED).order_by().values_list(
            "nominee_id", "code"):
        if code.startswith(prefix[nominee_id]):
            found.setdefault(nominee_id, set()).add(code)
    return {pk: frozenset(codes) for pk, codes in found.items()}


def _with_findings(case: Case, found: frozenset[str]) -> Case:
    """The tracks the appraisal found met become the case's `achievements` (a fact of the
    Screener's key: screening.NOT_FACTS does not exclude it); the history is unchanged."""
    if found == case.achievements:
        return case
    return dataclasses.replace(case, achievements=found)


def _own_claims(nominees) -> dict[int, set[str]]:
    """nominee pk → the codes of the initiatives its own claim holds (reserved or confirmed)."""
    refs = {f"nominee:{n.public_id}": n.pk for n in nominees}
    own: dict[int, set] = {}
    for ref, code in InitiativeUse.objects.filter(
            claim_ref__in=list(refs), state__in=ACTIVE_USE_STATES).order_by().values_list(
            "claim_ref", "initiative__code"):  # into sets: no ordering needed
        own.setdefault(refs[ref], set()).add(code)
    return own


def _without_own_claims(case: Case, own: set[str]) -> Case:
    """The initiatives this nominee's own claim reserved are not "used" for judging this very
    claim (a resubmission after a return re-judges it); any other use still disqualifies."""
    if not own or not case.initiatives:
        return case
    initiatives = tuple(dataclasses.replace(i, used_for=None) if i.code in own else i
                        for i in case.initiatives)
    return dataclasses.replace(case, initiatives=initiatives, history=None)


@one_reading()  # the law tables' stamp checked once for all the checks
def check_proposal(proposal: Proposal, today: datetime.date | None = None, *,
                   nominees: list[Nominee] | None = None,
                   allowed: dict[int, str] | None = None) -> CheckResult:
    """Every check of `proposal`. `submit` passes the active nominees and the recipient's
    powers it has already read (`granting.powers`), so that nothing is read twice."""
    today = today or timezone.localdate()
    result = CheckResult()
    nominees = list(active_nominees(proposal)) if nominees is None else nominees
    if not nominees:
        result.findings.append(Finding("empty", _("Add at least one nominee."), blocking=True))
    result.verdicts = verdicts_for(nominees, catalogue_parameters()) if nominees else {}
    for nominee in nominees:
        verdict = result.verdicts[nominee.pk]
        if verdict["eligible"] is False:
            for reason in verdict["reasons"]:
                if not reason["ok"]:
                    result.findings.append(Finding(
                        f"ineligible:{reason['rule']}", reason["message"], reason["citation"],
                        blocking=True, nominee=nominee))
    codes = {n.award_for_decision.code for n in nominees}
    settings = province_parameters(
        [FAIRNESS] * any(n.person_id for n in nominees) + [f"quota.{c}" for c in codes])
    result.findings += _document_findings(proposal, nominees, today)
    result.findings += _duplicate_findings(proposal, nominees)
    result.findings += _fairness_findings(nominees, settings)
    result.findings += _authority_findings(proposal, nominees, today, allowed)
    result.findings += _quota_findings(proposal, nominees, codes, settings)
    return result


def _quota_findings(proposal, nominees, codes, settings) -> list[Finding]:
    """Quotas a province sets per award and proposing unit and year (ProcedureParameter
    `quota.<award code>`, e.g. a ceiling on Bằng khen tỉnh per department): a warning when
    this proposal, with the unit's other open or decided ones, goes over."""
    findings = []
    for code in codes:
        limit = settings.get(f"quota.{code}")
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
    for doc_type, nominee_id in proposal.documents.filter(withdrawn=False).order_by() \
            .values_list("doc_type", "nominee_id"):  # into sets: no ordering needed
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
    award_types = {n.award_type for n in active_nominees(proposal)}
    rows = parameters_in_force(award_types, key, today)
    for award_type in award_types:
        row = rows.get(award_type.pk)
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
    rows = parameters_in_force({n.award_type for n in nominees}, key, today)
    for nominee in nominees:
        row = rows.get(nominee.award_type_id)
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


SUBJECT_FIELDS = ("award_type_id", "person_id", "collective_id", "household_id")


def _subject_key(row) -> tuple:
    return (row.award_type_id, row.person_id, row.collective_id, row.household_id)


def _first_by_subject(rows) -> dict[tuple, object]:
    """(award type, subject) → the first of `rows` (in their order) for it."""
    first: dict[tuple, object] = {}
    for row in rows:
        first.setdefault(_subject_key(row), row)
    return first


def _same_subjects(nominees) -> Q:
    # Only the kinds of subject present: an empty `IN ()` drops out of the OR when compiled
    # (the same SQL), but building and compiling it first costs CPU on every submission.
    found = Q()
    for column in ("person_id", "collective_id", "household_id"):
        ids = [getattr(n, column) for n in nominees if getattr(n, column)]
        if ids:
            found |= Q(**{f"{column}__in": ids})
    return found


def _duplicate_findings(proposal, nominees) -> list[Finding]:
    """Warn when a nominee already holds this award for this year, or is proposed for it in
    another open proposal (an achievement is rewarded once: Law 06/2022/QH15 Art. 5). Two
    queries for all the nominees; the first row in each model's order, as before."""
    if not nominees:
        return []
    award_types = {n.award_type_id for n in nominees}
    # Only the columns the messages use, as tuples: the full rows (a nominee with its
    # proposal is some 60 columns) were most of this check's CPU.
    held_by = _first_by_subject(AwardRecord.objects.filter(
        _same_subjects(nominees), award_type__in=award_types, year=proposal.year,
        revoked=False).values_list(*SUBJECT_FIELDS, "year", "decision_number", named=True))
    other_by = _first_by_subject(
        Nominee.objects.filter(_same_subjects(nominees), award_type__in=award_types,
                               proposal__year=proposal.year,
                               status__in=ACTIVE_NOMINEE_STATUSES)
        .exclude(proposal=proposal).exclude(proposal__state__in=FINAL_STATES)
        .values_list(*SUBJECT_FIELDS, "proposal__code", named=True))
    findings = []
    for nominee in nominees:
        held = held_by.get(_subject_key(nominee))
        if held is not None:
            findings.append(Finding("already_awarded", _(
                "%(name)s already holds %(award)s for %(year)s (decision %(number)s).") % {
                "name": nominee.subject_name, "award": nominee.award_type.name,
                "year": held.year, "number": held.decision_number},
                "Luật TĐKT 2022, Điều 5", nominee=nominee))
        other = other_by.get(_subject_key(nominee))
        if other is not None:
            findings.append(Finding("proposed_twice", _(
                "%(name)s is also proposed for %(award)s in proposal %(code)s.") % {
                "name": nominee.subject_name, "award": nominee.award_type.name,
                "code": other.proposal__code}, "Luật TĐKT 2022, Điều 5", nominee=nominee))
    return findings


def _fairness_findings(nominees, settings) -> list[Finding]:
    """Seed 000 §6: awards should go more to people who work directly, less to leaders."""
    people = [n for n in nominees if n.person_id]
    if not people:
        return []
    leaders = sum(1 for n in people if n.is_leader)
    direct = sum(1 for n in people if n.is_direct_worker)
    threshold = float(settings.get(FAIRNESS, 0.5))
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


def _authority_findings(proposal, nominees, today, allowed=None) -> list[Finding]:
    """The addressed authority must grant each form or propose it upward on the day (the
    granting-authority table: Law 06/2022/QH15 Art. 77–80, Decree 129/2025/NĐ-CP Art. 59 from
    1/7/2025). A refused form blocks (`submit` refuses it even with an override); a form the
    authority only forwards is said early."""
    recipient = proposal.recipient_unit
    if allowed is None:
        allowed = granting.powers(recipient, [n.award_type for n in nominees], today)
    findings = []
    for nominee in nominees:
        power = allowed.get(nominee.award_type_id)
        if power == AuthorityPower.GRANTS:
            continue
        if power is None:
            message = granting.addressing_errors(recipient, [nominee.award_type], today,
                                                 allowed=allowed)[0]
        else:
            message = _("%(unit)s does not grant “%(award)s”: it will be proposed upward "
                        "after appraisal.") % {"unit": recipient.name,
                                               "award": nominee.award_type.name}
        findings.append(Finding("authority", message, AUTHORITY_CITATION,
                                blocking=power is None, nominee=nominee))
    return findings
