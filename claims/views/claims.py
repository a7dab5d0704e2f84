"""The claims workbench: list, register, detail (audited read), evidence, family, checks, the
steps of the state machine, the letter to the family and the proposal."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.domain import scope
from audit.domain.record import record
from awards.models import AwardType
from claims.data.checklists import DEFAULT_AWARD
from claims.domain import proposing, steps, verification
from claims.domain.queries.backlog import overdue_q
from claims.domain.queries.claims import claims_for_user
from claims.enums import ClaimKind, ClaimState
from claims.interfaces.exports import claim_export
from claims.interfaces.forms import (
    CheckForm,
    ClaimForm,
    EvidenceForm,
    FamilyMemberForm,
    ProposeForm,
    ReasonForm,
)
from claims.interfaces.letters import missing_papers_docx
from core.interfaces.guards import get_in, require
from core.interfaces.views import form_page, list_page
from core.uploads import CONTENT_TYPES, content_disposition, private_download
from organisations.domain.queries import people_for_user, units_for_user
from organisations.models import Unit, UnitClosure
from proposals.enums import EDITABLE_STATES, Track
from proposals.models import Proposal

# The named steps a page offers: action → (permission, domain function, takes a reason).
STEPS = {
    "verify": ("claims.start_verifying", lambda user, claim, reason: steps.start_verifying(
        user, claim), False),
    "request_evidence": ("claims.request_evidence", lambda user, claim, reason:
                         steps.request_evidence(user, claim, note=reason), False),
    "mark_verified": ("claims.mark_verified", lambda user, claim, reason: steps.mark_verified(
        user, claim), False),
    "refuse": ("claims.refuse_claim", lambda user, claim, reason: steps.refuse(
        user, claim, reason=reason), True),
    "withdraw": ("claims.withdraw_claim", lambda user, claim, reason: steps.withdraw(
        user, claim, reason=reason), True),
}
STEP_LABELS = {"verify": gettext_lazy("Start verifying"),
               "request_evidence": gettext_lazy("Ask the family for papers"),
               "mark_verified": gettext_lazy("Mark verified"),
               "refuse": gettext_lazy("Refuse"), "withdraw": gettext_lazy("Withdraw")}


def filtered_claims(request):
    """The list's queryset (page and export): scope, search, stage, kind, commune, and
    `?overdue=1` (longer in their stage than the board's limit: the home page's link)."""
    qs = claims_for_user(request.user, request.GET.get("q", ""))
    if request.GET.get("overdue"):
        qs = qs.filter(overdue_q(timezone.now()))
    if request.GET.get("state") in ClaimState.values:
        qs = qs.filter(state=request.GET["state"])
    if request.GET.get("kind") in ClaimKind.values:
        qs = qs.filter(kind=request.GET["kind"])
    if request.GET.get("unit"):
        qs = qs.filter(unit=get_in(units_for_user(request.user), code=request.GET["unit"]))
    return qs


@login_required
def claim_list(request):
    """Claims in the user's scope; `?export=xlsx|csv` streams the same filtered list."""
    require(request, "claims.view_claim")
    return list_page(request, filtered_claims(request), export=claim_export,
                     template="claims/claim_list.html", q=request.GET.get("q", ""),
                     states=ClaimState.choices, kinds=ClaimKind.choices,
                     can_add=request.user.has_perm("claims.add_claim"))


def _handled_units(user):
    return scope.restrict_to_scope(units_for_user(user), user, field="id",
                                   roles=("system_admin", "board_staff", "unit_officer"))


@login_required
def claim_create(request):
    require(request, "claims.add_claim")
    form = ClaimForm(request.POST or None, units=_handled_units(request.user),
                     people=people_for_user(request.user))

    def save(data):
        return steps.register_claim(request.user, **data)

    return form_page(request, form, save, title=_("Register a backlog claim"),
                     submit=_("Register"), done=_detail_url,
                     success_message=lambda claim: _("Claim %(code)s registered.") % {
                         "code": claim.code})


def _get(request, public_id, perm="claims.view_claim"):
    claim = get_in(claims_for_user(request.user), public_id=public_id)
    require(request, perm, claim)
    return claim


def _detail_url(claim) -> str:
    return reverse("claims:detail", args=[claim.public_id])


@login_required
def claim_detail(request, public_id):
    """The claim with its family and martyr records: reading it is audited (personal data)."""
    claim = _get(request, public_id)
    record(request.user, "claims.claim.read", claim, unit=claim.unit, label=claim.code)
    user = request.user
    return render(request, "claims/claim_detail.html", {
        "claim": claim, "checklist": verification.checklist(claim),
        "evidence": claim.evidence.select_related("added_by"),
        "family": claim.family.filter(withdrawn=False),
        "steps": claim.steps.select_related("actor"),
        "verdict": verification.honour_verdict(claim),
        "earlier": verification.earlier_awards(claim).select_related("award_type"),
        "witnesses_short": verification.witness_shortfall(claim),
        "actions": [(name, STEP_LABELS[name]) for name, (perm, *_r) in STEPS.items()
                    if user.has_perm(perm, claim)],
        "can_evidence": user.has_perm("claims.add_evidence", claim),
        "can_check": user.has_perm("claims.record_check", claim),
        "can_propose": user.has_perm("claims.propose_claim", claim),
        "proposal": claim.nominee.proposal if claim.nominee_id else None,
    })


@login_required
def evidence_add(request, public_id):
    claim = _get(request, public_id, "claims.add_evidence")
    form = EvidenceForm(request.POST or None, request.FILES or None)
    return form_page(request, form, lambda data: steps.add_evidence(request.user, claim, **data),
                     title=_("Add evidence to %(code)s") % {"code": claim.code},
                     submit=_("Add"), done=lambda _e: _detail_url(claim),
                     success_message=_("Evidence added."), template="claims/upload_form.html")


@login_required
def evidence_file(request, public_id, evidence_id):
    claim = _get(request, public_id)
    item = get_in(claim.evidence.exclude(path=""), public_id=evidence_id)
    record(request.user, "claims.evidence.read", item, unit=claim.unit,
           label=f"{claim.code}: {item.get_kind_display()}")
    return private_download(item.path, item.original_name, CONTENT_TYPES[item.file_kind])


@login_required
def family_add(request, public_id):
    claim = _get(request, public_id, "claims.add_evidence")
    form = FamilyMemberForm(request.POST or None)
    return form_page(request, form, lambda data: steps.add_family_member(
        request.user, claim, **data), title=_("Record a martyr or war invalid of the family"),
        submit=_("Add"), done=lambda _m: _detail_url(claim), success_message=_("Recorded."))


@login_required
def check_add(request, public_id):
    claim = _get(request, public_id, "claims.record_check")
    form = CheckForm(request.POST or None, claim=claim)
    return form_page(request, form, lambda data: steps.record_check(request.user, claim, **data),
                     title=_("Record a check on %(code)s") % {"code": claim.code},
                     submit=_("Record"), done=lambda _c: _detail_url(claim),
                     success_message=_("Check recorded."))


@login_required
def claim_step(request, public_id, action):
    """One named step of the state machine; GET shows the confirmation (with the reason
    field where the step needs one)."""
    if action not in STEPS:
        raise Http404
    perm, perform, _needs_reason = STEPS[action]
    claim = _get(request, public_id)
    if not request.user.has_perm(perm, claim):
        raise PermissionDenied
    # An empty POST (a step without a reason) is still a submission.
    form = ReasonForm(request.POST if request.method == "POST" else None)
    return form_page(request, form, lambda data: perform(request.user, claim, data["reason"]),
                     title=f"{STEP_LABELS[action]} — {claim.code}", submit=STEP_LABELS[action],
                     done=_detail_url, success_message=_("Done."))


@login_required
def letter(request, public_id):
    """The letter to the family listing what is missing (DOCX)."""
    claim = _get(request, public_id)
    content = missing_papers_docx(claim)
    response = HttpResponse(content, content_type=CONTENT_TYPES["docx"])
    response["Content-Disposition"] = content_disposition(f"thong-bao-{claim.code}.docx")
    response["Cache-Control"] = "private, no-store"
    return response


def _suggested_award(claim):
    """The award the criteria verdict names (Heroic Mother, the many-martyrs tier), else the
    kind's default; None for a resistance claim (the officer chooses)."""
    verdict = verification.honour_verdict(claim)
    code = (verdict.award if verdict is not None and verdict.eligible
            else DEFAULT_AWARD.get(claim.kind))
    return AwardType.objects.filter(code=code).values_list("pk", flat=True).first()


@login_required
def evidence_withdraw(request, public_id, evidence_id):
    """A wrong evidence item is withdrawn with a reason (kept, shown struck out)."""
    claim = _get(request, public_id, "claims.add_evidence")
    item = get_in(claim.evidence.filter(withdrawn=False), public_id=evidence_id)
    form = ReasonForm(request.POST if request.method == "POST" else None)
    return form_page(request, form, lambda data: steps.withdraw_evidence(
        request.user, item, reason=data["reason"]),
        title=_("Withdraw “%(title)s”") % {"title": item.title}, submit=_("Withdraw"),
        done=lambda _e: _detail_url(claim), success_message=_("Withdrawn."))


@login_required
def claim_propose(request, public_id):
    claim = _get(request, public_id, "claims.propose_claim")
    ancestors = UnitClosure.objects.filter(descendant=claim.unit).values("ancestor_id")
    form = ProposeForm(
        request.POST or None, initial={"person": claim.person_id,
                                       "award_type": _suggested_award(claim)},
        people=people_for_user(request.user).filter(unit__in=_handled_units(request.user)),
        recipients=Unit.objects.filter(id__in=ancestors),
        proposals=Proposal.objects.filter(unit=claim.unit, track=Track.RESISTANCE,
                                          state__in=EDITABLE_STATES), claim=claim)

    def save(data):
        return proposing.propose(request.user, claim, **data)

    return form_page(request, form, save, title=_("Propose %(code)s for an award") % {
        "code": claim.code}, submit=_("Propose"),
        done=lambda proposal: reverse("proposals:detail", args=[proposal.public_id]),
        success_message=lambda proposal: _("Added to proposal %(code)s.") % {
            "code": proposal.code})

