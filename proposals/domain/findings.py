"""The appraisal's findings on a nominee's tracks (issue 16): what feeds the case's
`achievements`.

A form granted for "one of the following" (legal_parameters.TRACKS) has tracks the records
cannot judge — an outstanding achievement in a movement, an ad-hoc achievement, a contribution
over a career, an achievement a ministry recognised. The appraisal officer of the receiving
authority (Ban Thi đua – Khen thưởng) reads the achievement report and records that such a
track is met, with its evidence; `checks.case_of` then puts it in the case, and the verdict
shows the track met "by appraisal" with its citation. Only while the proposal is under
appraisal (the proposal machine's `appraising` state), only by the receiving authority's board
staff, never by one from the nominee's own unit (STYLE rule 6). A finding is withdrawn with a
reason, never deleted (machine `FINDING`). The page and the API call these functions."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from audit.domain.record import record
from awards.domain.parameters import catalogue_parameters
from awards.eligibility.engine import AppraisedTrack, appraised_tracks
from core import state
from proposals.domain.checks import case_of, verdict_for
from proposals.domain.states import NOMINEE
from proposals.domain.workflow import own_unit_conflict
from proposals.enums import FindingState as F
from proposals.enums import ProposalState
from proposals.models import AppraisalFinding, Nominee

NOMINEE_JOINS = ("proposal", "award_type", "person", "collective", "household")


def _label(finding: AppraisalFinding) -> str:
    nominee = finding.nominee
    return f"{nominee.proposal.code}: {nominee.subject_name} — {finding.code}"


FINDING = state.Machine(
    name="proposals.finding", model=AppraisalFinding, states=F,
    audit=record, related=("nominee__proposal__unit",),
    audit_context=lambda f: {"unit": f.nominee.proposal.unit, "label": _label(f)},
    refusal=gettext_lazy("This finding was already withdrawn."),
    stale=gettext_lazy("Someone else has already withdrawn this finding."),
    transitions=(
        state.step("withdraw", F.RECORDED, F.WITHDRAWN, gettext_lazy("Withdraw the finding"),
                   permission="proposals.withdraw_finding", needs_reason=True,
                   irreversible=True),
    ))


def tracks_to_appraise(nominee: Nominee, params=None) -> list[AppraisedTrack]:
    """The tracks of the nominee's requested form, for its kind of subject, that only the
    appraisal can find met, with their article and point (TRACKS, the law of the year)."""
    case = case_of(nominee)
    return appraised_tracks(case.award, case.subject, case.year,
                            params or catalogue_parameters())


def ensure_appraiser(actor, nominee: Nominee) -> None:
    """Refuse unless the proposal is under appraisal and `actor` is board staff of the receiving
    authority in scope (`proposals.record_finding`) and not of the nominee's unit."""
    proposal = nominee.proposal
    if proposal.state != ProposalState.APPRAISING:
        raise ValidationError(_("Findings are recorded while the proposal is under appraisal "
                                "(proposal %(code)s is “%(state)s”).") % {
            "code": proposal.code, "state": proposal.get_state_display()})
    if not actor.has_perm("proposals.record_finding", nominee):
        raise PermissionDenied(_("Only the board staff of the authority appraising proposal "
                                 "%(code)s may record or withdraw its findings.") % {
            "code": proposal.code})
    if own_unit_conflict(actor, {nominee.unit_id, proposal.unit_id}):
        raise PermissionDenied(_("You work in the unit of %(name)s and cannot appraise this "
                                 "nominee.") % {"name": nominee.subject_name})


def _refresh_verdict(nominee: Nominee) -> dict:
    """The nominee's stored verdict follows its findings (the same engine call as submit)."""
    verdict = verdict_for(nominee)
    Nominee.objects.filter(pk=nominee.pk).update(
        verdict=verdict, eligible=verdict["eligible"], checked_at=timezone.now())
    nominee.verdict, nominee.eligible = verdict, verdict["eligible"]
    return verdict


def _evidence_errors(number: str, date, text: str) -> dict:
    if text.strip() or (number.strip() and date):
        return {}
    if number.strip():
        return {"evidence_date": _("Give the date of document %(number)s.") % {
            "number": number.strip()}}
    if date:
        return {"evidence_number": _("Give the number of the document dated %(date)s.") % {
            "date": date.strftime("%d/%m/%Y")}}
    return {"evidence_text": _("Give the evidence: the number and date of the document that "
                               "recognises the achievement, or a description of it.")}


@transaction.atomic
def record_finding(actor, nominee: Nominee, *, code: str, evidence_number: str = "",
                   evidence_date=None, evidence_text: str = "", note: str = ""
                   ) -> AppraisalFinding:
    """Record that track `code` ("<award>.<track>") of the nominee's requested form is met.

    Side effects: the finding (state `recorded`); audit `proposals.finding.record` with the
    track, its citation and the evidence; the nominee's stored verdict re-computed. Refuses a
    proposal not under appraisal, an actor who is not the appraising board staff in scope or
    who works in the nominee's unit, a track that is not one the appraisal decides for this
    form and subject, missing evidence, and a track already recorded."""
    # The nominee row is the lock that serialises findings on it (a second officer recording
    # the same track waits, then meets the recorded one).
    nominee = state.lock(NOMINEE, nominee, *NOMINEE_JOINS)
    ensure_appraiser(actor, nominee)
    track = next((t for t in tracks_to_appraise(nominee) if t.code == code), None)
    if track is None:
        raise ValidationError({"code": _("“%(code)s” is not a track of %(award)s that the "
                                         "appraisal decides for %(name)s.") % {
            "code": code, "award": nominee.award_type.name, "name": nominee.subject_name}})
    errors = _evidence_errors(evidence_number, evidence_date, evidence_text)
    if errors:
        raise ValidationError(errors)
    if nominee.findings.filter(code=code, state=F.RECORDED).exists():
        raise ValidationError({"code": _("Someone else has already recorded %(citation)s as "
                                         "met for %(name)s.") % {
            "citation": track.citation, "name": nominee.subject_name}})
    try:
        with transaction.atomic():
            finding = AppraisalFinding.objects.create(
                nominee=nominee, code=code, citation=track.citation,
                evidence_number=evidence_number.strip(), evidence_date=evidence_date,
                evidence_text=evidence_text.strip(), note=note.strip(), recorded_by=actor)
    except IntegrityError as error:  # finding_one_recorded_per_track, raced past the check
        raise ValidationError({"code": _("Someone else has already recorded %(citation)s as "
                                         "met for %(name)s.") % {
            "citation": track.citation, "name": nominee.subject_name}}) from error
    record(actor, "proposals.finding.record", finding, unit=nominee.proposal.unit,
           label=_label(finding), reason=note.strip(),
           changes={"code": [None, code], "citation": [None, track.citation],
                    "evidence": [None, _evidence_label(finding)]})
    _refresh_verdict(nominee)
    return finding


def _evidence_label(finding: AppraisalFinding) -> str:
    parts = [finding.evidence_number,
             finding.evidence_date.strftime("%d/%m/%Y") if finding.evidence_date else "",
             finding.evidence_text]
    return "; ".join(p for p in parts if p)


@transaction.atomic
def withdraw_finding(actor, finding: AppraisalFinding, *, reason: str) -> AppraisalFinding:
    """Withdraw a recorded finding (it stays in the history, no longer met).

    Side effects: state → withdrawn with who, when and why (audit
    `proposals.finding.withdraw`); the nominee's stored verdict re-computed. Refuses as
    `record_finding` does, a missing reason, and a finding already withdrawn."""
    nominee = state.lock(NOMINEE, finding.nominee, *NOMINEE_JOINS)
    ensure_appraiser(actor, nominee)
    row = state.lock(FINDING, finding)
    row = state.transition(row, FINDING, "withdraw", actor, reason=reason.strip(), locked=True,
                           fields={"withdrawn_by": actor, "withdrawn_at": timezone.now(),
                                   "withdrawn_reason": reason.strip()})
    _refresh_verdict(nominee)
    return row


def findings_of(nominee: Nominee):
    """Every finding on the nominee, recorded first, then the withdrawn history."""
    return (nominee.findings.select_related("recorded_by", "withdrawn_by")
            .order_by("state", "code", "-recorded_at"))


def recorded_findings() -> Prefetch:
    """For a list of nominees: each one's recorded findings as `recorded_findings` (one query
    for the whole list)."""
    return Prefetch("findings", to_attr="recorded_findings",
                    queryset=AppraisalFinding.objects.filter(state=F.RECORDED).order_by("code"))
