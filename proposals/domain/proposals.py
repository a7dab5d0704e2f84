"""Creating and editing a proposal (the unit's work while it is editable); its nominees are
proposals/domain/nominees.py, its named steps proposals/domain/workflow.py."""

import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.domain.record import record
from awards.domain.granting import in_force
from core.trail import diff, snapshot
from core.validation import clean_given
from organisations.models import UnitClosure
from proposals.enums import EDITABLE_STATES, SIMPLIFIED_TRACKS, Procedure
from proposals.enums import ProposalState as S
from proposals.models import Proposal

PROPOSAL_FIELDS = ["title", "recipient_unit", "authority_level", "track", "procedure", "year",
                   "letter_number", "letter_date", "movement", "movement_note", "summary"]
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


GIVEN_ROWS = ("unit", "recipient_unit", "created_by", "movement", "consolidated_into")


@transaction.atomic
def create_proposal(actor, *, unit, **fields) -> Proposal:
    """Side effect: audit entry `proposals.proposal.create`."""
    proposal = Proposal(unit=unit, created_by=actor, code=new_code(fields.get("year") or 0),
                        **fields)
    # The units, the actor and the movement are rows the caller read (in the user's scope):
    # re-checking that each exists is a query apiece. The random code's uniqueness is checked.
    clean_given(proposal, related=GIVEN_ROWS, fresh=("public_id",))
    _check_procedure(proposal)
    _check_recipient(proposal)
    proposal.save()
    record(actor, "proposals.proposal.create", proposal, unit=unit)
    return proposal


def _editable(proposal: Proposal, *related: str) -> Proposal:
    """The proposal's row locked (with `related` joined, not locked), if still editable."""
    query = Proposal.objects.select_for_update(of=("self",))
    locked = (query.select_related(*related) if related else query).get(pk=proposal.pk)
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
