"""The named steps of a proposal. Each checks its preconditions, does its work and calls
`set_proposal_state` (the one place that changes the state) in the same transaction. The UI
and the API call these functions."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.domain import scope
from accounts.enums import Role
from audit.domain.record import record
from awards.domain.granting import addressing_errors, powers
from awards.domain.ledger import record_award
from awards.domain.parameters import one_reading
from core import state
from notifications.domain.notify import notify
from proposals.domain.checks import CheckResult, active_nominees, check_proposal
from proposals.domain.consultation import consultation_required
from proposals.domain.initiatives import claim_for_nominees, confirm_claims, release_claims
from proposals.domain.proposals import create_proposal
from proposals.domain.states import NOMINEE, set_proposal_state
from proposals.enums import TRACK_AWARD_KIND, NomineeStatus, Opinion
from proposals.enums import ProposalState as S
from proposals.models import AppraisalAssignment, Nominee, Proposal


class SubmissionBlocked(ValidationError):
    """The checks found errors; `result` holds them for the page."""

    def __init__(self, result: CheckResult):
        super().__init__([f.message for f in result.errors])
        self.result = result


@transaction.atomic
@one_reading()  # the powers, the checks and the deadline read the law tables once
def submit(actor, proposal: Proposal, *, override_reason: str = "") -> CheckResult:
    """Submit (or resubmit after a return). Runs every nominee through the engine and the
    dossier checks; stores each verdict on its nominee; claims the nominees' initiatives under
    the one-use rule. A form the addressed authority neither grants nor proposes upward
    refuses the submission (awards.domain.granting); other errors block unless board staff
    give `override_reason` (recorded).

    Side effects: nominee verdicts; initiative claims (emulation one-use ledger); state →
    submitted (audit, deadline, notification to the recipient's board staff)."""
    # The units are joined (not locked): the checks, the audit and the notices read them.
    locked = (Proposal.objects.select_for_update(of=("self",))
              .select_related("unit", "recipient_unit").get(pk=proposal.pk))
    nominees, today = list(active_nominees(locked)), timezone.localdate()
    award_types = [n.award_type for n in nominees]
    allowed = powers(locked.recipient_unit, award_types, today)
    # The law decides who grants what; no override reaches past it.
    refused = addressing_errors(locked.recipient_unit, award_types, today, allowed=allowed)
    if refused:
        raise ValidationError(refused)
    result = check_proposal(locked, today, nominees=nominees, allowed=allowed)
    now = timezone.now()
    for nominee in nominees:
        verdict = result.verdicts[nominee.pk]
        nominee.verdict, nominee.eligible, nominee.checked_at = verdict, verdict["eligible"], now
    Nominee.objects.bulk_update(nominees, ["verdict", "eligible", "checked_at"])
    result.findings += claim_for_nominees(actor, nominees)
    if result.errors:
        if not override_reason.strip():
            raise SubmissionBlocked(result)
        if not scope.unit_in_scope(actor, locked.recipient_unit_id,
                                   (Role.BOARD_STAFF, Role.SYSTEM_ADMIN)):
            raise ValidationError(_("Only the board staff of the receiving authority may "
                                    "override failed checks."))
    # The row locked above moves (not locked and read again); the caller's copy follows it.
    set_proposal_state(proposal, S.SUBMITTED, actor=actor, reason=override_reason,
                       override_reason=override_reason, row=locked)
    return result


@transaction.atomic
def assign_appraisers(actor, proposal: Proposal, appraisers) -> Proposal:
    """Assign board staff to appraise; starts the appraisal when the proposal was just
    submitted. Nobody appraises a proposal with nominees from their own unit (STYLE rule 6).
    Side effects: assignments; audit `proposals.proposal.assign`; the appraisers notified on
    commit; state → appraising."""
    nominee_units = set(active_nominees(proposal).values_list("unit_id", flat=True))
    nominee_units.add(proposal.unit_id)
    for user in appraisers:
        if own_unit_conflict(user, nominee_units):
            raise ValidationError({"appraisers": _(
                "%(name)s works in a unit whose nominees are in this proposal and cannot "
                "appraise it.") % {"name": user.get_full_name() or user.get_username()}})
        AppraisalAssignment.objects.get_or_create(proposal=proposal, appraiser=user, active=True,
                                                  defaults={"assigned_by": actor})
    record(actor, "proposals.proposal.assign", proposal, unit=proposal.unit,
           changes={"appraisers": [None, [u.get_username() for u in appraisers]]})
    others = [u for u in appraisers if u.pk != actor.pk]
    transaction.on_commit(lambda: notify(
        others, verb="proposal.assigned", title=proposal.code, actor=actor,
        body=_("You are assigned to appraise proposal %(code)s.") % {"code": proposal.code},
        url=reverse("proposals:detail", args=[proposal.public_id])))
    if proposal.state == S.SUBMITTED:
        set_proposal_state(proposal, S.APPRAISING, actor=actor, expected=S.SUBMITTED)
    return proposal


def own_unit_conflict(user, unit_ids: set[int]) -> bool:
    """True when the user's home unit (a person record with their e-mail, or a unit officer
    role on the unit itself) is one of `unit_ids`."""
    home = {a.unit_id for a in scope.active_assignments(user)
            if a.role in (Role.UNIT_OFFICER, Role.COUNCIL_MEMBER)}
    person_unit = getattr(getattr(user, "person", None), "unit_id", None)
    return bool((home | {person_unit}) & unit_ids)


@transaction.atomic
def record_opinion(actor, nominee: Nominee, *, opinion: str, note: str = "",
                   final_award_type=None) -> Nominee:
    """The appraiser's opinion on one nominee: agree, disagree (reason required), or agree
    with another form. Side effect: audit `proposals.nominee.opinion`."""
    nominee = (Nominee.objects.select_for_update(of=("self",)).select_related("proposal")
               .get(pk=nominee.pk))
    if nominee.proposal.state != S.APPRAISING:
        raise ValidationError(_("Opinions are given while the proposal is under appraisal."))
    if opinion != Opinion.AGREE and not note.strip():
        raise ValidationError({"note": _("Give the reason for this opinion.")})
    if opinion == Opinion.CHANGE_FORM:
        if final_award_type is None or final_award_type == nominee.award_type:
            raise ValidationError({"final_award_type": _("Choose the other title or form.")})
        if nominee.subject_kind not in final_award_type.subject_kinds:
            raise ValidationError({"final_award_type": _(
                "%(award)s is not awarded to a %(kind)s.") % {
                "award": final_award_type.name, "kind": nominee.subject_kind}})
    else:
        final_award_type = None
    before = [nominee.opinion, nominee.status]
    state.transition(nominee, NOMINEE, "disagree" if opinion == Opinion.DISAGREE else "agree",
                     actor, locked=True, fields={"opinion": opinion, "opinion_note": note,
                                                 "final_award_type": final_award_type})
    record(actor, "proposals.nominee.opinion", nominee, unit=nominee.proposal.unit,
           changes={"opinion": [before[0], opinion], "status": [before[1], nominee.status]},
           reason=note, label=f"{nominee.proposal.code}: {nominee}")
    return nominee


@transaction.atomic
def return_for_supplement(actor, proposal: Proposal, *, reason: str) -> Proposal:
    """Send the dossier back to the unit to complete (history kept). Side effects: appraisal
    opinions cleared for a fresh round; state → returned (audit, notification to the unit)."""
    set_proposal_state(proposal, S.RETURNED, actor=actor, reason=reason)
    state.transition(proposal.nominees.all(), NOMINEE, "reopen", actor,
                     fields={"opinion": "", "final_award_type": None})
    return proposal


@transaction.atomic
def finish_appraisal(actor, proposal: Proposal) -> Proposal:
    """Every active nominee has an opinion; at least one was agreed. Side effects: refused
    nominees release their initiative claims; state → appraised."""
    pending = proposal.nominees.filter(status=NomineeStatus.PROPOSED)
    if pending.exists():
        raise ValidationError(_("Give an opinion on every nominee first (%(n)s left).") % {
            "n": pending.count()})
    if proposal.consultations.filter(closed_at__isnull=True).exists():
        raise ValidationError(_("Close the public consultation first."))
    if proposal.consultations.filter(comments__state="new").exists():
        raise ValidationError(_("Resolve every public comment first."))
    if (consultation_required(proposal, timezone.localdate())
            and not proposal.consultations.filter(closed_at__isnull=False).exists()):
        raise ValidationError(_("A form in this proposal requires public consultation before "
                                "the council (catalogue: public consultation). Open one first."))
    for nominee in proposal.nominees.filter(status=NomineeStatus.REFUSED):
        release_claims(actor, nominee, reason=_("Not agreed by appraisal"))
    if not proposal.nominees.filter(status=NomineeStatus.AGREED).exists():
        raise ValidationError(_("No nominee was agreed: reject the proposal instead."))
    return set_proposal_state(proposal, S.APPRAISED, actor=actor, expected=S.APPRAISING)


@transaction.atomic
def forward(actor, proposal: Proposal, *, to: str, reason: str = "") -> Proposal:
    """The forms exceed local authority (e.g. a provincial certificate proposed on to the
    Prime Minister): the board forwards the dossier. Side effect: state → forwarded."""
    if not to.strip():
        raise ValidationError({"to": _("Name the authority the dossier goes to.")})
    return set_proposal_state(proposal, S.FORWARDED, actor=actor, reason=reason,
                              forwarded_to=to)


@transaction.atomic
def reject(actor, proposal: Proposal, *, reason: str) -> Proposal:
    """Not awarded. Side effects: nominees not awarded, their initiative claims released;
    state → rejected (audit, notification to the unit)."""
    set_proposal_state(proposal, S.REJECTED, actor=actor, reason=reason)
    for nominee in active_nominees(proposal):
        release_claims(actor, nominee, reason=reason)
    state.transition(proposal.nominees.all(), NOMINEE, "not_award", actor)
    return proposal


@transaction.atomic
def withdraw(actor, proposal: Proposal, *, reason: str) -> Proposal:
    """The unit withdraws its draft or returned proposal. Side effects: initiative claims
    released; state → withdrawn."""
    set_proposal_state(proposal, S.WITHDRAWN, actor=actor, reason=reason)
    for nominee in active_nominees(proposal):
        release_claims(actor, nominee, reason=reason)
    return proposal


@transaction.atomic
def consolidate(actor, proposals, *, unit, recipient_unit, authority_level: str, title: str,
                year: int) -> Proposal:
    """Roll submitted proposals of lower units, addressed to `unit`, up into one draft proposal
    of `unit` to the next level (seed 000 §6). Their active nominees are carried (each new
    nominee points to its source); the lower proposals become "consolidated". Side effects:
    the new proposal (audit `proposals.proposal.create`); one audit row per carried nominee;
    the lower proposals' states (audit, notification to their units)."""
    proposals = list(proposals)
    if not proposals:
        raise ValidationError(_("Choose the proposals to consolidate."))
    for lower in proposals:
        if lower.recipient_unit_id != unit.pk or lower.state != S.SUBMITTED:
            raise ValidationError(_("%(code)s is not a submitted proposal addressed to "
                                    "%(unit)s.") % {"code": lower.code, "unit": unit.name})
    upper = create_proposal(actor, unit=unit, title=title, recipient_unit=recipient_unit,
                            authority_level=authority_level, year=year,
                            track=proposals[0].track, procedure=proposals[0].procedure)
    order = 0
    for lower in proposals:
        for nominee in active_nominees(lower):
            order += 1
            carried = Nominee.objects.create(
                proposal=upper, person=nominee.person, collective=nominee.collective,
                household=nominee.household, unit=nominee.unit, award_type=nominee.award_type,
                summary=nominee.summary, position=nominee.position,
                is_leader=nominee.is_leader, is_direct_worker=nominee.is_direct_worker,
                sort_order=order, source=nominee)
            record(actor, "proposals.nominee.carry", carried, unit=unit,
                   label=f"{upper.code}: {carried}", changes={"from": [None, lower.code]})
        set_proposal_state(lower, S.CONSOLIDATED, actor=actor, expected=S.SUBMITTED,
                           consolidated_into=upper)
    return upper


@transaction.atomic
def record_higher_decision(actor, proposal: Proposal, *, awarded, number: str,
                           date, issuer: str) -> Proposal:
    """A forwarded proposal comes back decided by the higher authority (e.g. a Prime
    Minister's decision): the board records that decision. `awarded` are the nominees it
    names. Side effects: one ledger record each (so eligibility sees them), nominees awarded or
    not, initiative claims confirmed or released; state → decided (or rejected when nobody
    was awarded), audited and notified."""
    if proposal.state != S.FORWARDED:
        raise ValidationError(_("Only a forwarded proposal waits for a higher decision."))
    if not number.strip() or not issuer.strip():
        raise ValidationError(_("Give the number and the issuer of the decision."))
    chosen = {n.pk for n in awarded}
    for nominee in active_nominees(proposal):
        if nominee.pk in chosen:
            record_award(actor, award_type=nominee.award_for_decision, year=proposal.year,
                         decision_number=number, decision_date=date, issuer=issuer,
                         person=nominee.person, collective=nominee.collective,
                         household=nominee.household, kind=TRACK_AWARD_KIND[proposal.track],
                         source="decision", note=proposal.code)
            state.transition(nominee, NOMINEE, "award", actor)
            confirm_claims(actor, nominee)
        else:
            state.transition(nominee, NOMINEE, "not_award", actor)
            release_claims(actor, nominee, reason=number)
    new = S.DECIDED if chosen else S.REJECTED
    return set_proposal_state(proposal, new, actor=actor, expected=S.FORWARDED,
                              reason=f"{number} ({issuer})")
