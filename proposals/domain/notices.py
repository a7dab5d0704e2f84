"""Who is told what at each step (issue 4 point 10). Called on commit by
`set_proposal_state`; the notifications app stores the in-app rows and the mail outbox."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from accounts.domain.scope import users_with_role_over
from accounts.enums import Role
from accounts.models import User
from notifications.domain.notify import notify
from proposals.enums import ProposalState as S
from proposals.models import Proposal

BOARD = (Role.BOARD_STAFF,)
UNIT = (Role.UNIT_OFFICER,)
APPROVERS = (Role.APPROVER,)

def authority_staff(unit_id: int, roles) -> list:
    """Who acts for the authority a proposal is addressed to: the holders of `roles` on that
    unit itself (a department's own office, a commune's chairman); a body without its own
    falls back on those above it (the province's board for a department without one)."""
    own = list(User.objects.filter(
        is_active=True, role_assignments__is_active=True, role_assignments__role__in=roles,
        role_assignments__unit_id=unit_id).distinct())
    return own or list(users_with_role_over(unit_id, roles))


def _audience(proposal: Proposal, new: str):
    if new in (S.SUBMITTED, S.APPRAISED, S.CONSULTATION):
        return authority_staff(proposal.recipient_unit_id, BOARD)
    if new == S.COUNCIL_DONE:
        approvers = authority_staff(proposal.recipient_unit_id, APPROVERS)
        return approvers + [u for u in authority_staff(proposal.recipient_unit_id, BOARD)
                            if u not in approvers]
    # Returned, forwarded, decided, rejected, consolidated: the proposing unit hears back.
    return users_with_role_over(proposal.unit_id, UNIT)


MESSAGES = {
    S.SUBMITTED: gettext_noop(
        "Proposal %(code)s from %(unit)s was submitted and awaits appraisal."),
    S.RETURNED: gettext_noop("Proposal %(code)s was returned for supplement: %(reason)s"),
    S.APPRAISING: gettext_noop("Proposal %(code)s is under appraisal."),
    S.CONSULTATION: gettext_noop("Public consultation opened for proposal %(code)s."),
    S.APPRAISED: gettext_noop("Proposal %(code)s was appraised and awaits the council."),
    S.IN_COUNCIL: gettext_noop("Proposal %(code)s is on the council's agenda."),
    S.COUNCIL_DONE: gettext_noop(
        "The council has voted on proposal %(code)s; a decision can be drafted."),
    S.FORWARDED: gettext_noop("Proposal %(code)s was forwarded to %(to)s."),
    S.CONSOLIDATED: gettext_noop(
        "Proposal %(code)s was consolidated into a proposal to the next level."),
    S.DECIDED: gettext_noop("A decision was issued on proposal %(code)s."),
    S.REJECTED: gettext_noop("Proposal %(code)s was not accepted: %(reason)s"),
    S.WITHDRAWN: gettext_noop("Proposal %(code)s was withdrawn: %(reason)s"),
}


def state_changed(proposal: Proposal, old: str, new: str, *, actor=None, reason="") -> None:
    """Tell the people who act next. `proposal` is the row as the committed step saved it
    (its `unit` read then); `actor` the user who moved it (None: the system)."""
    actor = actor if getattr(actor, "is_authenticated", False) else None
    recipients = [u for u in _audience(proposal, new) if actor is None or u.pk != actor.pk]
    if not recipients:
        return
    body = _(MESSAGES[new]) % {"code": proposal.code, "unit": proposal.unit.name,
                                "reason": reason, "to": proposal.forwarded_to}
    notify(recipients, verb=f"proposal.{new}", title=f"{proposal.code}: {S(new).label}",
           body=body, url=reverse("proposals:detail", args=[proposal.public_id]), actor=actor)
