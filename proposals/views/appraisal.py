"""The board's side: inbox, appraisal, return, forward, reject, public consultation."""

from django.contrib.auth.decorators import login_required
from django.utils import timezone
from django.utils.translation import gettext as _

from core.interfaces.compiled import Compiled
from core.interfaces.exports import requested_format
from core.interfaces.forms import posted
from core.interfaces.guards import get_in, require
from core.interfaces.kept_pages import kept_page
from core.interfaces.views import form_page, list_page
from proposals.domain import consultation, workflow
from proposals.domain.queries.proposals import (
    inbox_for_user,
    inbox_in,
    inbox_rows_in,
    inbox_scope,
    of_every_unit,
)
from proposals.interfaces.exports import inbox_export
from proposals.interfaces.forms import (
    AssignForm,
    CloseConsultationForm,
    ConfirmForm,
    ConsultationForm,
    ForwardForm,
    HigherDecisionForm,
    OpinionForm,
    ReasonForm,
    ResolutionForm,
)
from proposals.models import PublicComment
from proposals.views.common import detail_url, get_nominee, get_proposal

FORM = "core/form.html"


@login_required
def inbox(request):
    """Received proposals with the deadline of their current step; overdue ones first;
    `?export=xlsx|csv` streams the same list."""
    require(request, "proposals.view_inbox")
    if requested_format(request):
        return _inbox(request)
    # Its deadlines are told against today, which the kept page's key holds.
    return kept_page(request, INBOX_TABLES, lambda: _inbox(request))


# Every table the inbox's statements read (tests/proposals/test_lists_kept.py captures them):
# its page is kept under their epochs (core.interfaces.kept_pages).
INBOX_TABLES = ("organisations_unit", "organisations_unitclosure", "proposals_nominee",
                "proposals_proposal")


def _inbox(request):
    # The page reads plain values with the nominee count in its one query; the export streams
    # the same scoped list (inbox_for_user) with its own columns.
    # Its SQL is a function of the user's board scope alone: compiled once per scope
    # (core.interfaces.compiled), sent with the page's LIMIT and OFFSET.
    shape = inbox_scope(request.user)
    # A page past the first finds its ids first in the proposals alone (inbox_in: the unit's
    # join and the nominee count for its 51 rows only) where the board reaches every unit.
    ids = (lambda: inbox_in(shape)) if of_every_unit(shape) else None
    return list_page(request, Compiled(("proposals:inbox", shape), lambda: inbox_rows_in(shape),
                                       ids=ids),
                     export=lambda kind, _rows: inbox_export(kind, inbox_for_user(request.user)),
                     template="proposals/inbox.html", today=timezone.localdate())


def _step(request, public_id, perm, form_class, action, *, title, submit, success,
          warning=None):
    """`warning`: what the step cannot take back, shown above its button."""
    proposal = get_proposal(request, public_id)
    require(request, perm, proposal)
    form = form_class(posted(request), **({"proposal": proposal}
                                              if form_class is AssignForm else {}))
    form.warning = warning
    return form_page(request, form, lambda data: action(proposal, data),
                     title=title % {"code": proposal.code}, submit=submit,
                     done=lambda result: detail_url(proposal), success_message=success,
                     template=FORM)


@login_required
def assign(request, public_id):
    return _step(request, public_id, "proposals.assign_appraisers", AssignForm,
                 lambda p, d: workflow.assign_appraisers(request.user, p, d["appraisers"]),
                 title=_("Assign appraisers to %(code)s"), submit=_("Assign"),
                 success=_("Appraisers assigned."))


@login_required
def return_proposal(request, public_id):
    return _step(request, public_id, "proposals.return_proposal", ReasonForm,
                 lambda p, d: workflow.return_for_supplement(request.user, p,
                                                             reason=d["reason"]),
                 title=_("Return %(code)s for supplement"), submit=_("Return"),
                 success=_("Returned to the unit."))


@login_required
def forward(request, public_id):
    return _step(request, public_id, "proposals.forward_proposal", ForwardForm,
                 lambda p, d: workflow.forward(request.user, p, to=d["to"],
                                               reason=d["reason"]),
                 title=_("Forward %(code)s to a higher authority"), submit=_("Forward"),
                 success=_("Forwarded."))


@login_required
def reject(request, public_id):
    return _step(request, public_id, "proposals.reject_proposal", ReasonForm,
                 lambda p, d: workflow.reject(request.user, p, reason=d["reason"]),
                 title=_("Do not award %(code)s"), submit=_("Confirm"),
                 success=_("The proposal was closed without award."))


@login_required
def finish(request, public_id):
    return _step(request, public_id, "proposals.appraise", ConfirmForm,
                 lambda p, d: workflow.finish_appraisal(request.user, p),
                 title=_("Finish the appraisal of %(code)s"), submit=_("Finish appraisal"),
                 success=_("Appraisal finished; the proposal awaits the council."),
                 warning=_("This cannot be undone: the appraisers' opinions are locked and the "
                           "proposal goes to the council as it stands."))


@login_required
def open_consultation(request, public_id):
    return _step(request, public_id, "proposals.open_consultation", ConsultationForm,
                 lambda p, d: consultation.open_consultation(
                     request.user, p, starts_on=d["starts_on"],
                     working_days=d["working_days"], notice=d["notice"]),
                 title=_("Open a public consultation on %(code)s"), submit=_("Open"),
                 success=_("The consultation is open on the public portal."))


@login_required
def close_consultation(request, public_id):
    proposal = get_proposal(request, public_id)
    require(request, "proposals.resolve_comment", proposal)
    window = get_in(proposal.consultations.all(), closed_at__isnull=True)
    form = CloseConsultationForm(posted(request), consultation=window)
    return form_page(request, form,
                     lambda d: consultation.close_consultation(request.user, window,
                                                               reason=d["reason"]),
                     title=_("Close the consultation on %(code)s") % {"code": proposal.code},
                     submit=_("Close"), done=lambda r: detail_url(proposal),
                     success_message=_("Consultation closed."), template=FORM)


@login_required
def opinion(request, public_id):
    nominee = get_nominee(request, public_id)
    require(request, "proposals.appraise", nominee.proposal)
    form = OpinionForm(posted(request), initial={"opinion": nominee.opinion or "agree"})
    return form_page(
        request, form,
        lambda d: workflow.record_opinion(request.user, nominee, opinion=d["opinion"],
                                          note=d["note"],
                                          final_award_type=d["final_award_type"]),
        title=_("Opinion on %(name)s — %(award)s") % {"name": nominee.subject_name,
                                                     "award": nominee.award_type.name},
        submit=_("Save opinion"), done=lambda n: detail_url(nominee.proposal),
        success_message=_("Opinion saved."), template="core/form.html")


@login_required
def resolve_comment(request, public_id):
    comment = get_in(PublicComment.objects.select_related("consultation__proposal"),
                     public_id=public_id)
    proposal = get_proposal(request, comment.consultation.proposal.public_id)
    require(request, "proposals.resolve_comment", proposal)
    return form_page(
        request, ResolutionForm(posted(request)),
        lambda d: consultation.resolve_comment(request.user, comment,
                                               resolution=d["resolution"]),
        title=_("Resolve the comment of %(name)s") % {"name": comment.author_name},
        submit=_("Resolve"), done=lambda c: detail_url(proposal),
        success_message=_("Comment resolved."), template=FORM)


@login_required
def higher_decision(request, public_id):
    """Record the higher authority's decision on a forwarded proposal."""
    proposal = get_proposal(request, public_id)
    require(request, "proposals.record_higher_decision", proposal)
    form = HigherDecisionForm(posted(request), proposal=proposal)
    return form_page(request, form, lambda d: workflow.record_higher_decision(
        request.user, proposal, awarded=d["awarded"], number=d["number"], date=d["date"],
        issuer=d["issuer"]), title=_("Record the higher decision on %(code)s") % {
        "code": proposal.code}, submit=_("Record"), done=lambda p: detail_url(proposal),
        success_message=_("Decision recorded in the award ledger."), template=FORM)
