"""Creating and editing a proposal and its nominees (the unit's work while it is editable)."""

import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.domain.record import record
from awards.domain.granting import in_force
from awards.models import AwardType
from core import state
from core.trail import diff, snapshot
from organisations.models import UnitClosure
from proposals.domain import settlement
from proposals.domain.initiatives import release_claims
from proposals.domain.states import NOMINEE
from proposals.enums import EDITABLE_STATES, SIMPLIFIED_TRACKS, NomineeStatus, Procedure
from proposals.enums import ProposalState as S
from proposals.models import Nominee, Proposal

PROPOSAL_FIELDS = ["title", "recipient_unit", "authority_level", "track", "procedure", "year",
                   "letter_number", "letter_date", "movement", "movement_note", "summary"]
NOMINEE_FIELDS = ["award_type", "summary", "position", "is_leader", "is_direct_worker",
                  "received_by"]
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read over the phone


def new_code(year: int) -> str:
    return f"DN{year}-" + "".join(secrets.choice(CODE_ALPHABET) for _ in range(6))


def _check_procedure(proposal: Proposal) -> None:
    if proposal.procedure == Procedure.SIMPLIFIED and proposal.track not in SIMPLIFIED_TRACKS:
        raise ValidationError({"procedure": _(
            "The simplified procedure applies only to ad hoc, political-task, contribution and "
            "foreign awards (Law 06/2022/QH15 Art. 85; Decree 98/2023 Art. 40).")})


def _check_recipient(proposal: Proposal) -> None:
    """The authority is the proposing unit itself or one of the units above it, and a body
    that grants or proposes upward some title or form today (the granting-authority table;
    each requested form is checked against it at submission)."""
    if not UnitClosure.objects.filter(ancestor=proposal.recipient_unit,
                                      descendant=proposal.unit).exists():
        raise ValidationError({"recipient_unit": _(
            "Address the proposal to your own unit or a unit above it.")})
    recipient = proposal.recipient_unit
    if not in_force(timezone.localdate()).filter(unit_level=recipient.level,
                                                 unit_kind=recipient.kind).exists():
        raise ValidationError({"recipient_unit": _(
            "%(unit)s grants no title or form (granting-authority table): address the "
            "proposal to the competent authority.") % {"unit": recipient.name}})


@transaction.atomic
def create_proposal(actor, *, unit, **fields) -> Proposal:
    """Side effect: audit entry `proposals.proposal.create`."""
    proposal = Proposal(unit=unit, created_by=actor, code=new_code(fields.get("year") or 0),
                        **fields)
    proposal.full_clean()
    _check_procedure(proposal)
    _check_recipient(proposal)
    proposal.save()
    record(actor, "proposals.proposal.create", proposal, unit=unit)
    return proposal


def _editable(proposal: Proposal) -> Proposal:
    locked = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if locked.state not in EDITABLE_STATES:
        raise ValidationError(_("A proposal in state “%(state)s” can no longer be changed.")
                              % {"state": S(locked.state).label})
    return locked


@transaction.atomic
def update_proposal(actor, proposal: Proposal, **fields) -> Proposal:
    """Side effect: audit entry `proposals.proposal.update` with old → new values."""
    locked = _editable(proposal)
    before = snapshot(locked, PROPOSAL_FIELDS)
    for name, value in fields.items():
        setattr(locked, name, value)
    locked.full_clean()
    _check_procedure(locked)
    _check_recipient(locked)
    locked.save()
    record(actor, "proposals.proposal.update", locked, unit=locked.unit,
           changes=diff(before, snapshot(locked, PROPOSAL_FIELDS)))
    return locked


def _subject_kind(person, collective, household) -> str:
    return "individual" if person else "collective" if collective else "household"


@transaction.atomic
def add_nominee(actor, proposal: Proposal, *, award_type: AwardType, summary: str,
                person=None, collective=None, household=None, received_by: str = "") -> Nominee:
    """Add a subject with the title or form requested. The position, leader and direct-worker
    flags are copied from the person's record (not retyped). Side effect: audit entry
    `proposals.nominee.add`."""
    locked = _editable(proposal)
    subject = person or collective or household
    if subject is None:
        raise ValidationError(_("Choose the person, collective or household."))
    kind = _subject_kind(person, collective, household)
    if kind not in award_type.subject_kinds:
        raise ValidationError({"award_type": _("%(award)s is not awarded to a %(kind)s.") % {
            "award": award_type.name, "kind": kind}})
    twice = locked.nominees.filter(person=person, collective=collective, household=household,
                                   award_type=award_type).exclude(status=NomineeStatus.DROPPED)
    if twice.exists():
        raise ValidationError(_("%(name)s is already proposed for %(award)s in this proposal.")
                              % {"name": subject, "award": award_type.name})
    nominee = Nominee(proposal=locked, person=person, collective=collective,
                      household=household, unit=subject.unit, award_type=award_type,
                      summary=summary, sort_order=locked.nominees.count() + 1,
                      received_by=received_by if person is not None and person.deceased else "")
    if person is not None:
        nominee.position = person.position
        nominee.is_leader, nominee.is_direct_worker = person.is_leader, person.is_direct_worker
    nominee.full_clean()
    nominee.save()
    record(actor, "proposals.nominee.add", nominee, unit=locked.unit,
           label=f"{locked.code}: {nominee}")
    return nominee


@transaction.atomic
def update_nominee(actor, nominee: Nominee, **fields) -> Nominee:
    """Side effect: audit entry `proposals.nominee.update`."""
    _editable(nominee.proposal)
    nominee = Nominee.objects.select_for_update().get(pk=nominee.pk)
    before = snapshot(nominee, NOMINEE_FIELDS)
    for name, value in fields.items():
        setattr(nominee, name, value)
    if nominee.subject_kind not in nominee.award_type.subject_kinds:
        raise ValidationError({"award_type": _("%(award)s is not awarded to a %(kind)s.") % {
            "award": nominee.award_type.name, "kind": nominee.subject_kind}})
    nominee.full_clean()
    nominee.verdict, nominee.eligible = None, None  # judged again at submission
    nominee.save()
    record(actor, "proposals.nominee.update", nominee, unit=nominee.proposal.unit,
           changes=diff(before, snapshot(nominee, NOMINEE_FIELDS)))
    return nominee


@transaction.atomic
def drop_nominee(actor, nominee: Nominee, *, reason: str) -> Nominee:
    """Take a nominee out of an editable proposal (kept, marked dropped). Side effects: audit
    entry `proposals.nominee.drop`; the nominee's initiative claims are released."""
    _editable(nominee.proposal)
    if not reason.strip():
        raise ValidationError({"reason": _("Give a reason.")})
    # Refused when already dropped ("This nominee was already dropped.").
    nominee = state.transition(nominee, NOMINEE, "drop", actor, reason=reason)
    release_claims(actor, nominee, reason=reason)
    settlement.released(actor, [nominee], reason)  # its backlog claim, if any (issue 19)
    record(actor, "proposals.nominee.drop", nominee, unit=nominee.proposal.unit, reason=reason,
           changes={"status": [NomineeStatus.PROPOSED, NomineeStatus.DROPPED]})
    return nominee
