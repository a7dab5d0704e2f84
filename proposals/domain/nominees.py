"""Adding, editing and dropping a proposal's nominees (the unit's work while the proposal is
editable)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils.translation import gettext as _

from audit.domain.record import record
from awards.models import AwardType
from core import state
from core.trail import diff, snapshot
from core.validation import clean_given
from proposals.domain import settlement
from proposals.domain.initiatives import release_claims
from proposals.domain.proposals import _editable
from proposals.domain.states import NOMINEE
from proposals.enums import NomineeStatus
from proposals.models import Nominee, Proposal

NOMINEE_FIELDS = ["award_type", "summary", "position", "is_leader", "is_direct_worker",
                  "received_by"]


def _subject_kind(person, collective, household) -> str:
    return "individual" if person else "collective" if collective else "household"


# Every caller lets a refusal end its own transaction (a list is added all or none), so the
# step needs no savepoint of its own: two queries fewer per nominee added.
@transaction.atomic(savepoint=False)
def add_nominee(actor, proposal: Proposal, *, award_type: AwardType, summary: str,
                person=None, collective=None, household=None, received_by: str = "") -> Nominee:
    """Add a subject with the title or form requested. The position, leader and direct-worker
    flags are copied from the person's record (not retyped). Side effect: audit entry
    `proposals.nominee.add`."""
    locked = _editable(proposal, "unit")
    subject = person or collective or household
    if subject is None:
        raise ValidationError(_("Choose the person, collective or household."))
    kind = _subject_kind(person, collective, household)
    if kind not in award_type.subject_kinds:
        raise ValidationError({"award_type": _("%(award)s is not awarded to a %(kind)s.") % {
            "award": award_type.name, "kind": kind}})
    # The nominees so far and whether this subject is already one of them, in one query.
    same = Q(person=person, collective=collective, household=household, award_type=award_type)
    existing = locked.nominees.aggregate(
        n=Count("pk"), twice=Count("pk", filter=same & ~Q(status=NomineeStatus.DROPPED)))
    if existing["twice"]:
        raise ValidationError(_("%(name)s is already proposed for %(award)s in this proposal.")
                              % {"name": subject, "award": award_type.name})
    nominee = Nominee(proposal=locked, person=person, collective=collective,
                      household=household, unit_id=subject.unit_id, award_type=award_type,
                      summary=summary, sort_order=existing["n"] + 1,
                      received_by=received_by if person is not None and person.deceased else "")
    if person is not None:
        nominee.position = person.position
        nominee.is_leader, nominee.is_direct_worker = person.is_leader, person.is_direct_worker
    _validate(nominee)
    nominee.save()
    record(actor, "proposals.nominee.add", nominee, unit=locked.unit,
           label=f"{locked.code}: {nominee}")
    return nominee


def _validate(nominee: Nominee) -> None:
    """`full_clean` without its queries: the subject, unit and award type are rows the caller
    read in the user's scope (core.validation); the one-subject constraint is evaluated here
    with the constraint's own message (Django checks a CheckConstraint with a query in a
    savepoint: three round trips)."""
    clean_given(nominee, related=("proposal", "person", "collective", "household", "unit",
                                  "award_type"), fresh=("public_id",))
    subjects = (nominee.person_id, nominee.collective_id, nominee.household_id)
    if sum(s is not None for s in subjects) != 1:
        constraint = Nominee._meta.constraints[0]
        raise ValidationError(constraint.get_violation_error_message(),
                              code=constraint.violation_error_code)


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
