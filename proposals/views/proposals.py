"""The unit's side: proposals, nominees and the dossier."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import F
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from audit.interfaces.sentences import actor_name, describe
from audit.models import AuditEntry
from awards.models import AwardRecord
from core.interfaces.compiled import Compiled
from core.interfaces.exports import requested_format
from core.interfaces.forms import apply_domain_error, posted
from core.interfaces.guards import require
from core.interfaces.kept_pages import kept_page
from core.interfaces.views import form_page, list_page
from core.state import available_actions
from proposals.domain import nominee_lists, workflow
from proposals.domain import nominees as nominee_domain
from proposals.domain import proposals as proposal_domain
from proposals.domain.checks import check_proposal
from proposals.domain.deadlines import is_overdue
from proposals.domain.findings import recorded_findings
from proposals.domain.initiatives import available_initiatives, link_initiative
from proposals.domain.queries import (
    SEARCH_FIRST,
    candidates,
    proposals_for_user,
    scoped_units,
)
from proposals.domain.queries.proposals import of_every_unit, proposal_scope, proposals_in
from proposals.domain.states import PROPOSAL
from proposals.enums import ProposalState
from proposals.interfaces.exports import proposal_export
from proposals.interfaces.forms import (
    SUBJECT_KINDS,
    ConsolidateForm,
    NomineeEditForm,
    NomineeForm,
    ProposalFilterForm,
    ProposalForm,
    ReasonForm,
    SubmitForm,
    subject_kind_of,
)
from proposals.views.common import detail_url, get_nominee, get_proposal

FORM = "core/form.html"


# The columns the list shows, read as plain values (no model instances: three per row with the
# units) and rendered by proposals.templatetags.proposal_rows; the export picks its own.
LIST_COLUMNS = ("public_id", "code", "title", "unit__name", "recipient_unit__name", "year",
                "state")


@login_required
def proposal_list(request):
    """Proposals in the user's scope, searchable, filterable by state; `?export=xlsx|csv`
    streams the same filtered list."""
    require(request, "proposals.view_proposal")
    if requested_format(request):
        return _proposal_list(request)
    return kept_page(request, PROPOSAL_LIST_TABLES, lambda: _proposal_list(request))


# Every table the list's statements read, search, state and pages (tests/proposals/
# test_lists_kept.py captures them): its page is kept under their epochs (core.interfaces.
# kept_pages).
PROPOSAL_LIST_TABLES = ("organisations_unit", "organisations_unitclosure", "proposals_proposal")


def _proposal_list(request):
    shape, q, state = proposal_scope(request.user), request.GET.get("q", ""), _state(request)
    # The list's SQL is a function of the scope, the search and the state alone: compiled once
    # per three (core.interfaces.compiled; the kept SQL is bounded, MAX_KEPT).
    # A page past the first finds its ids first in the proposals alone (the two units joined
    # for 51 rows, not for every row skipped) where the scope reaches every unit; not a
    # search, whose matches the page sorts.
    key = ("proposals:list", shape, q, state)
    ids = (lambda: _filtered(shape, q, state)) if not q and of_every_unit(shape) else None
    # Not prepared either under root units with a state: the generic plan, made without the
    # roots, guessed ~3 units' few proposals and sorted every one of the scope's in that state
    # (canbo_sgd's 5,383 submitted: 3.5 ms of PostgreSQL) where the roots' own plan walks the
    # list's order (0.3 ms, planned in ~0.7).
    prepare = not q and (state is None or of_every_unit(shape))
    return list_page(request, Compiled(key, lambda: _filtered(shape, q, state).values(
                         *LIST_COLUMNS), prepare=prepare, ids=ids),
                     export=proposal_export, template="proposals/proposal_list.html",
                     q=q, state=request.GET.get("state"),
                     can_add=request.user.has_perm("proposals.add_proposal"))


def filtered_proposals(request):
    """The proposal list's queryset (page and export): scope, search and state."""
    return _filtered(proposal_scope(request.user), request.GET.get("q", ""), _state(request))


def _state(request) -> str | None:
    """The state filtered on: `?state=` when it names a state."""
    state = request.GET.get("state")
    return state if state in ProposalState.values else None


def _filtered(shape: tuple, q: str, state: str | None):
    qs = ProposalFilterForm({"q": q}).apply(proposals_in(shape))
    if state is not None:
        qs = qs.filter(state=state)
    return qs.order_by("-created_at", "-id")


@login_required
def proposal_create(request):
    require(request, "proposals.add_proposal")

    def save(data):
        data = dict(data)
        return proposal_domain.create_proposal(request.user, unit=data.pop("unit"), **data)

    return form_page(request, ProposalForm(posted(request), user=request.user), save,
                     title=_("New award proposal"), submit=_("Create"),
                     done=lambda p: reverse("proposals:nominee_add", args=[p.public_id]),
                     success_message=_("Proposal created. Now add the nominees."),
                     template=FORM)


@login_required
def proposal_edit(request, public_id):
    proposal = get_proposal(request, public_id)
    require(request, "proposals.change_proposal", proposal)
    form = ProposalForm(posted(request), instance=proposal, user=request.user)
    return form_page(request, form,
                     lambda data: proposal_domain.update_proposal(request.user, proposal, **data),
                     title=_("Edit proposal %(code)s") % {"code": proposal.code},
                     submit=_("Save"), done=detail_url, success_message=_("Saved."),
                     template=FORM)


def _timeline(proposal) -> list:
    """The proposal's history in words, people by full name (never codes or logins)."""
    entries = list(AuditEntry.objects.filter(object_type="proposals.proposal",
                                             object_id=str(proposal.public_id))
                   .select_related("actor").order_by("-at", "-id")[:50])
    for entry in entries:
        entry.sentence, entry.who = describe(entry), actor_name(entry)
    return entries


@login_required
def proposal_detail(request, public_id):
    proposal = get_proposal(request, public_id)
    require(request, "proposals.view_proposal", proposal)
    user = request.user
    nominees = (proposal.nominees.select_related(
        "person", "collective", "household", "award_type", "final_award_type", "unit")
        .prefetch_related("initiatives__initiative", recorded_findings()))
    # The state-changing buttons come from the machine's table; the rest are plain perms.
    perms = {t.permission.split(".")[1]: True
             for t in available_actions(PROPOSAL, proposal, user)}
    perms |= {name: user.has_perm(f"proposals.{name}", proposal) for name in (
        "change_proposal", "assign_appraisers", "resolve_comment", "record_higher_decision")}
    nominees = list(nominees)
    _attach_prior_awards(nominees)
    context = {
        "proposal": proposal, "nominees": nominees, "perms": perms,
        "documents": proposal.documents.filter(withdrawn=False).select_related("nominee"),
        "appraisers": proposal.appraisers.filter(active=True).select_related("appraiser"),
        "consultations": proposal.consultations.prefetch_related("comments"),
        "decisions": proposal.decisions.all(),
        "timeline": _timeline(proposal),
        "overdue": is_overdue(proposal, timezone.localdate()),
    }
    return render(request, "proposals/proposal_detail.html", context)


def _attach_prior_awards(nominees) -> None:
    """Each individual nominee's awards from the ledger (one query): filled, not retyped."""
    held: dict[int, list] = {}
    people = [n.person_id for n in nominees if n.person_id]
    for person_id, name, year in (AwardRecord.objects.filter(person_id__in=people,
                                                             revoked=False)
                                  .order_by("-year").values_list("person_id",
                                                                 "award_type__name", "year")):
        held.setdefault(person_id, []).append(f"{name} {year}")
    for nominee in nominees:
        nominee.prior_awards = held.get(nominee.person_id, [])[:6]


@login_required
def nominee_add(request, public_id):
    """Add nominees of one kind (`?kind=`) for one form: tick them among a diacritics-free
    search of the name or CCCD (`?q=`; htmx asks for the results alone) or the proposing
    unit's collectives, paste a list from Excel, or give one CCCD or code. All are added
    together, or none with the reason."""
    proposal = get_proposal(request, public_id)
    require(request, "proposals.change_proposal", proposal)
    kind = subject_kind_of(request.GET.get("kind"))
    q = request.GET.get("q", "")
    if request.method == "GET" and request.headers.get("HX-Request"):
        # The search box's results alone: no form, no award list.
        return render(request, "proposals/includes/nominee_candidates.html",
                      _picker(request, proposal, kind, q))
    form = NomineeForm(posted(request), user=request.user, proposal=proposal, kind=kind)
    if request.method == "POST" and form.is_valid():
        try:
            added = nominee_lists.add_nominees(
                request.user, proposal, award_type=form.cleaned_data["award_type"],
                summary=form.cleaned_data["summary"], subjects=form.subjects())
        except ValidationError as error:
            apply_domain_error(form, error)
        else:
            messages.success(request, _("%(n)s nominee(s) added: %(names)s.") % {
                "n": len(added), "names": ", ".join(n.subject_name for n in added)})
            return redirect(detail_url(proposal))
    return render(request, "proposals/nominee_add.html", {
        "form": form, "kinds": SUBJECT_KINDS, **_picker(request, proposal, form.kind, q)})


def _picker(request, proposal, kind: str, q: str) -> dict:
    """The picker's results: nothing read for a SEARCH_FIRST kind until the officer types."""
    return {"proposal": proposal, "kind": kind, "q": q,
            "search_first": kind in SEARCH_FIRST and not q.strip(),
            "candidates": candidates(request.user, proposal, kind, q),
            "picked": set(request.POST.getlist("picked"))}


@login_required
def nominee_edit(request, public_id):
    nominee = get_nominee(request, public_id)
    require(request, "proposals.change_proposal", nominee.proposal)
    form = NomineeEditForm(posted(request), instance=nominee)
    return form_page(
        request, form, lambda data: nominee_domain.update_nominee(request.user, nominee, **data),
        title=_("Edit nominee %(name)s") % {"name": nominee.subject_name}, submit=_("Save"),
        done=lambda n: detail_url(nominee.proposal), success_message=_("Saved."),
        template=FORM)


@login_required
def nominee_drop(request, public_id):
    nominee = get_nominee(request, public_id)
    require(request, "proposals.change_proposal", nominee.proposal)
    form = ReasonForm(posted(request))
    return form_page(
        request, form,
        lambda data: nominee_domain.drop_nominee(request.user, nominee, reason=data["reason"]),
        title=_("Drop nominee %(name)s") % {"name": nominee.subject_name}, submit=_("Drop"),
        done=lambda n: detail_url(nominee.proposal), success_message=_("Nominee dropped."),
        template=FORM)


@login_required
def nominee_initiatives(request, public_id):
    """Pick the nominee's initiatives from the registry (filled, not retyped)."""
    nominee = get_nominee(request, public_id)
    require(request, "proposals.change_proposal", nominee.proposal)
    choices = list(available_initiatives(nominee))
    if request.method == "POST":
        chosen = [i for i in choices if str(i.public_id) in request.POST.getlist("initiative")]
        note = request.POST.get("override_note", "")
        try:
            for initiative in chosen:
                link_initiative(request.user, nominee, initiative, override_note=note)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("%(n)s initiative(s) linked.") % {"n": len(chosen)})
            return redirect(detail_url(nominee.proposal))
    linked = set(nominee.initiatives.values_list("initiative_id", flat=True))
    return render(request, "proposals/nominee_initiatives.html",
                  {"nominee": nominee, "choices": choices, "linked": linked})


@login_required
def proposal_submit(request, public_id):
    """Show the checks; submit when they pass (or with the board's override reason)."""
    proposal = get_proposal(request, public_id)
    require(request, "proposals.submit_proposal", proposal)
    form = SubmitForm(posted(request))
    result = None
    if request.method == "POST" and form.is_valid():
        try:
            result = workflow.submit(request.user, proposal,
                                     override_reason=form.cleaned_data["override_reason"])
        except workflow.SubmissionBlocked as blocked:
            result = blocked.result
            messages.error(request, _("The proposal cannot be submitted yet: see the checks."))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Proposal %(code)s submitted.") % {
                "code": proposal.code})
            return redirect(detail_url(proposal))
    if result is None:
        result = check_proposal(proposal)
    return render(request, "proposals/submit.html", {
        "proposal": proposal, "form": form, "result": result,
        "can_override": request.user.has_perm("proposals.override_checks", proposal)})


@login_required
def proposal_withdraw(request, public_id):
    proposal = get_proposal(request, public_id)
    require(request, "proposals.withdraw_proposal", proposal)
    return form_page(request, ReasonForm(posted(request)),
                     lambda d: workflow.withdraw(request.user, proposal, reason=d["reason"]),
                     title=_("Withdraw %(code)s") % {"code": proposal.code},
                     submit=_("Withdraw"), done=detail_url,
                     success_message=_("Proposal withdrawn."), template=FORM)


@login_required  # first: an anonymous GET is sent to sign in, not told "405"
@require_POST
def proposal_check(request, public_id):
    """htmx: the checks as a partial, without submitting."""
    proposal = get_proposal(request, public_id)
    require(request, "proposals.view_proposal", proposal)
    return render(request, "proposals/includes/checks.html",
                  {"result": check_proposal(proposal)})


@login_required
def proposal_consolidate(request):
    """Roll the submitted proposals of lower units up into one proposal to the next level."""
    require(request, "proposals.consolidate")
    received = (proposals_for_user(request.user)
                .filter(state=ProposalState.SUBMITTED)
                .exclude(unit=F("recipient_unit")).select_related("unit", "recipient_unit"))
    received = received.filter(recipient_unit__in=scoped_units(request.user))
    form = ConsolidateForm(posted(request), received=received)

    def save(data):
        chosen = list(data["proposals"])
        return workflow.consolidate(
            request.user, chosen, unit=chosen[0].recipient_unit,
            recipient_unit=data["recipient_unit"], authority_level=data["authority_level"],
            title=data["title"], year=max(p.year for p in chosen))

    return form_page(request, form, save, title=_("Consolidate proposals to the next level"),
                     submit=_("Consolidate"), done=detail_url,
                     success_message=_("Consolidated proposal created as a draft."),
                     template="proposals/consolidate.html")
