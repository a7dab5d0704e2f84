"""Public consultation (lấy ý kiến, công khai): a window in working days during which the public
portal lists the nominees without personal data and takes comments; the board resolves each
comment before the council session (legal-reference §5.3)."""

import datetime
import hashlib

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from audit.domain.record import record
from core import state
from core.domain.calendar import work_calendar
from proposals.domain.checks import active_nominees, parameter_in_force
from proposals.domain.deadlines import parameter
from proposals.domain.states import set_proposal_state
from proposals.enums import CommentState
from proposals.enums import ProposalState as S
from proposals.models import Consultation, Nominee, Proposal, PublicComment


class TooManyComments(ValidationError):
    pass


def consultation_required(proposal: Proposal, on: datetime.date) -> bool:
    """A nominee's form requires public consultation (catalogue `public_consultation`)."""
    return any(getattr(parameter_in_force(n.award_for_decision, "public_consultation", on),
                       "value", False) for n in active_nominees(proposal))


@transaction.atomic
def open_consultation(actor, proposal: Proposal, *, starts_on: datetime.date,
                      working_days: int | None = None, notice: str = "") -> Consultation:
    """Open the window from `starts_on` for `working_days` working days (default: the
    procedure parameter). Side effects: Consultation row; state → consultation (audit,
    notification)."""
    days = working_days or int(parameter("consultation.working_days", 10))
    if days < 1:
        raise ValidationError({"working_days": _("At least one working day.")})
    calendar = work_calendar()
    if not calendar.is_working_day(starts_on):
        raise ValidationError({"starts_on": _("%(day)s is not a working day.") % {
            "day": starts_on.strftime("%d/%m/%Y")}})
    # The start day counts: the window is `days` working days including it.
    ends_on = calendar.add_working_days(starts_on, days - 1)
    set_proposal_state(proposal, S.CONSULTATION, actor=actor, expected=S.APPRAISING)
    consultation = Consultation.objects.create(proposal=proposal, starts_on=starts_on,
                                               ends_on=ends_on, working_days=days,
                                               notice=notice, opened_by=actor)
    record(actor, "proposals.consultation.open", consultation, unit=proposal.unit,
           changes={"window": [None, f"{starts_on:%d/%m/%Y}–{ends_on:%d/%m/%Y}"]})
    return consultation


@transaction.atomic
def close_consultation(actor, consultation: Consultation, *, reason: str = "",
                       today: datetime.date | None = None) -> Consultation:
    """Close after the window has ended, or early with the board's reason: the public was
    promised the whole window (Decree 152/2025/NĐ-CP Art. 60.3), so cutting it short is a
    decision someone answers for. Side effects: closed_at; state → appraising again (audit
    with the reason)."""
    consultation = Consultation.objects.select_for_update().get(pk=consultation.pk)
    if consultation.closed_at is not None:
        raise ValidationError(_("This consultation is already closed."))
    today = today or timezone.localdate()
    early = today <= consultation.ends_on
    if early and not reason.strip():
        raise ValidationError({"reason": _(
            "The consultation runs until %(end)s: give the reason for closing it early.")
            % {"end": f"{consultation.ends_on:%d/%m/%Y}"}})
    consultation.closed_at = timezone.now()
    consultation.save(update_fields=["closed_at"])
    record(actor, "proposals.consultation.close", consultation,
           unit=consultation.proposal.unit,
           reason=(_("Closed before the end of the window: %(reason)s") % {
               "reason": reason.strip()}) if early else reason.strip())
    set_proposal_state(consultation.proposal, S.APPRAISING, actor=actor,
                       expected=S.CONSULTATION)
    return consultation


def address_hash(address: str) -> str:
    """Throttling key: a keyed hash, so the stored value does not reveal the address."""
    return hashlib.sha256(f"{settings.SECRET_KEY}:{address}".encode()).hexdigest()


@transaction.atomic
def leave_comment(consultation: Consultation, *, author_name: str, contact: str, body: str,
                  address: str, nominee: Nominee | None = None,
                  today: datetime.date | None = None) -> PublicComment:
    """A comment from the public portal. Throttled per address (ProcedureParameter
    `comments.per_hour`). Contact details are kept for the board and never shown publicly.
    Side effect: audit `proposals.comment.create` (without the contact)."""
    today = today or timezone.localdate()
    if not consultation.is_open_on(today):
        raise ValidationError(_("This consultation is not open."))
    if nominee is not None and nominee.proposal_id != consultation.proposal_id:
        raise ValidationError({"nominee": _("Choose a nominee of this consultation.")})
    key = address_hash(address)
    hour_ago = timezone.now() - datetime.timedelta(hours=1)
    limit = int(parameter("comments.per_hour", 5))
    if PublicComment.objects.filter(address_hash=key, created_at__gte=hour_ago).count() >= limit:
        raise TooManyComments(_("Too many comments from your connection. Please try again in "
                                "an hour."))
    comment = PublicComment(consultation=consultation, nominee=nominee,
                            author_name=author_name.strip(), contact=contact.strip(),
                            body=body.strip(), address_hash=key)
    comment.full_clean()
    comment.save()
    record(None, "proposals.comment.create", comment, unit=consultation.proposal.unit,
           label=f"{consultation.proposal.code}: {comment.author_name}")
    return comment


# A public comment waits for the board's answer, once (legal-reference §5.3).
COMMENT = state.Machine(
    name="proposals.comment", model=PublicComment, states=CommentState, audit=record,
    audit_context=lambda comment: {"unit": comment.consultation.proposal.unit},
    related=("consultation__proposal__unit",),
    transitions=(
        # No `permission`: `proposals.resolve_comment` is asked of the comment's proposal (the
        # board of its recipient), which the proposal page checks for every comment at once.
        state.step("resolve", CommentState.NEW, CommentState.RESOLVED, gettext_lazy("Resolve"),
                   refusal=gettext_lazy("Someone else has already resolved this comment.")),
    ))


@transaction.atomic
def resolve_comment(actor, comment: PublicComment, *, resolution: str) -> PublicComment:
    """The board's answer to a comment (checked, explained, forwarded to the council).
    Side effect: audit `proposals.comment.resolve`."""
    if not resolution.strip():
        raise ValidationError({"resolution": _("Say how the comment was resolved.")})
    return state.transition(comment, COMMENT, "resolve", actor, reason=resolution, fields={
        "resolution": resolution, "resolved_by": actor, "resolved_at": timezone.now()})
