"""Decisions: drafting from passed nominees, issuing, documents, certificates, corrections
and revocations."""

import uuid

from django.contrib.auth.decorators import login_required
from django.db.models import Sum
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from awards.domain.authority import may_amend, refusal
from awards.interfaces.forms import RevokeForm
from core.interfaces.compiled import Compiled
from core.interfaces.forms import posted
from core.interfaces.guards import get_in, require
from core.interfaces.kept_pages import kept_page
from core.interfaces.views import form_page, refused
from decisions.domain import corrections, drafting
from decisions.domain.numbering import proposed_number
from decisions.domain.queries import (
    decision_scope,
    decisions_for_user,
    decisions_in_scope,
    items_with_certificates_for_user,
)
from decisions.enums import DecisionState
from decisions.interfaces.bundle import bundle_response
from decisions.interfaces.documents import (
    decision_certificates_pdf,
    decision_docx,
)
from decisions.interfaces.forms import CorrectionForm, DraftForm, IssueForm
from decisions.interfaces.official import issue_with_pdf, official_pdf, signed_copy
from decisions.models import DecisionItem
from proposals.domain.queries import proposals_for_user
from proposals.interfaces.forms import ReasonForm

FORM = "core/form.html"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _url(decision) -> str:
    return reverse("decisions:detail", args=[decision.public_id])


def _decision(request, public_id):
    return get_in(decisions_for_user(request.user), public_id=public_id)


# What the list shows, read as plain values (decisions.templatetags.decision_rows): the
# decisions with their issuer and award type built as model instances, the scoped statement
# built and compiled (~1.5 ms) and the rows rendered through template nodes were most of the
# page's Python (session 15).
LIST_COLUMNS = ("public_id", "number", "symbol", "date", "summary", "issuer__name", "kind",
                "state")


@login_required
def decision_list(request):
    require(request, "decisions.view_decision")
    return kept_page(request, DECISION_LIST_TABLES, lambda: _decision_list(request))


# Every table the list's statements read (tests/decisions/test_lists_kept.py captures them):
# its page is kept under their epochs (core.interfaces.kept_pages).
DECISION_LIST_TABLES = ("decisions_decision", "decisions_decisionitem", "organisations_unit",
                        "organisations_unitclosure")


def _decision_list(request):
    scope = decision_scope(request.user)
    state = request.GET.get("state")
    state = state if state in DecisionState.values else None  # the home page links to drafts
    # The list's SQL is a function of the scope's shapes and the state alone: compiled once
    # per process for them (core.interfaces.compiled), sent on every request.
    rows = Compiled(("decisions:list", scope, state), lambda: _listed(scope, state))
    return render(request, "decisions/decision_list.html", {
        "page": rows.page(request, 50),
        "can_draft": request.user.has_perm("decisions.draft_decision")})


def _listed(scope: tuple, state: str | None):
    # Newest first, the later of two created together (a batch, a copy) first: ordered by the
    # time alone, decisions of one instant came in whatever order the plan met them — the
    # ORM's statement with its two joins and this one's with one disagreed — and a page edge
    # between them could show one twice and the other never.
    qs = decisions_in_scope(scope, related=()).order_by("-created_at", "-id")
    if state is not None:
        qs = qs.filter(state=state)
    return qs.values(*LIST_COLUMNS)


@login_required
def decision_draft(request):
    require(request, "decisions.draft_decision")
    ready = proposals_for_user(request.user).filter(state__in=list(drafting.DECIDABLE))
    initial = {}
    chosen = _uuid(request.GET.get("proposal"))
    if chosen:
        initial["proposals"] = ready.filter(public_id=chosen)
        # The authority the proposal is addressed to decides it (drafting._check_addressed_to).
        first = initial["proposals"].select_related("recipient_unit").first()
        if first is not None:
            initial["issuer"] = first.recipient_unit
    form = DraftForm(posted(request), user=request.user, proposals=ready, initial=initial)
    return form_page(request, form, lambda d: drafting.draft_decision(request.user, **d),
                     title=_("Draft a decision"), submit=_("Create draft"), done=_url,
                     success_message=_("Draft created: check the annex and the money."),
                     template=FORM)


def _uuid(raw):
    try:
        return uuid.UUID(raw) if raw else None
    except ValueError:
        return None


@login_required
def decision_detail(request, public_id):
    decision = _decision(request, public_id)
    items = (decision.items.select_related("award_type", "unit", "award_record", "corrects")
             .prefetch_related("certificates").order_by("ordinal"))
    user = request.user
    certified = set(items_with_certificates_for_user(user, decision).values_list("pk", flat=True))
    return render(request, "decisions/decision_detail.html", {
        "decision": decision, "items": items, "certified": certified,
        "total": items.aggregate(total=Sum("money"))["total"] or 0,
        "can_issue": user.has_perm("decisions.issue_decision", decision),
        "can_draft": user.has_perm("decisions.draft_decision", decision),
        "can_correct": user.has_perm("decisions.correct_decision", decision),
        "can_revoke": user.has_perm("decisions.revoke_award", decision),
        "can_export": user.has_perm("decisions.export_bundle", decision),
        "can_upload_signed": user.has_perm("decisions.upload_signed_copy", decision),
        "signed": signed_copy(decision),
        "amendments": decision.amendments.all()})


@login_required
def decision_issue(request, public_id):
    decision = _decision(request, public_id)
    require(request, "decisions.issue_decision", decision)
    proposed = proposed_number(decision.issuer, decision.symbol, timezone.localdate().year)
    return form_page(request, IssueForm(posted(request), proposed=proposed),
                     lambda d: issue_with_pdf(request.user, decision, date=d["date"],
                                              number=d["number"]),
                     title=_("Register and issue the decision"), submit=_("Issue"), done=_url,
                     success_message=lambda d: _("Decision %(number)s issued.") % {
                         "number": d.number_label}, template=FORM)


@login_required
def decision_cancel(request, public_id):
    decision = _decision(request, public_id)
    require(request, "decisions.draft_decision", decision)
    return form_page(request, ReasonForm(posted(request)),
                     lambda d: drafting.cancel_draft(request.user, decision,
                                                     reason=d["reason"]),
                     title=_("Cancel the draft"), submit=_("Cancel the draft"), done=_url,
                     success_message=_("Draft cancelled."), template=FORM)


def _file(content: bytes, kind: str, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=kind)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
def decision_file(request, public_id, fmt):
    decision = _decision(request, public_id)
    require(request, "decisions.view_decision", decision)
    name = f"quyet-dinh-{decision.number or 'du-thao'}-{decision.public_id.hex[:6]}.{fmt}"
    if fmt == "pdf":  # the official copy: signed once uploaded, else the one to sign
        return _file(official_pdf(decision), "application/pdf", name)
    return _file(decision_docx(decision), DOCX, name)


@login_required
def decision_certificates(request, public_id):
    """The certificates of the awardees the reader may see (all of them for the issuer)."""
    decision = _decision(request, public_id)
    require(request, "decisions.view_decision", decision)
    items = items_with_certificates_for_user(request.user, decision)
    base = request.build_absolute_uri("/").rstrip("/")
    return _file(decision_certificates_pdf(decision, base, items), "application/pdf",
                 f"giay-chung-nhan-{decision.number}.pdf")


@login_required
def item_certificate(request, public_id):
    """One awardee's certificate; 404 for an awardee outside the reader's units."""
    item = _item(request, public_id)
    item = get_in(items_with_certificates_for_user(request.user, item.decision),
                  pk=item.pk, decision__state=DecisionState.ISSUED)
    base = request.build_absolute_uri("/").rstrip("/")
    return _file(decision_certificates_pdf(item.decision, base, [item]), "application/pdf",
                 f"giay-chung-nhan-{item.decision.number}-{item.ordinal}.pdf")


@login_required
def decision_bundle(request, public_id):
    """The ZIP for the national e-dossier system (decisions/interfaces/bundle.py)."""
    decision = _decision(request, public_id)
    require(request, "decisions.export_bundle", decision)
    return bundle_response(request.user, decision, channel="web")


def _item(request, public_id) -> DecisionItem:
    item = get_in(DecisionItem.objects.select_related("decision"), public_id=public_id)
    _decision(request, item.decision.public_id)
    return item


@login_required
def item_correct(request, public_id):
    item = _item(request, public_id)
    require(request, "decisions.correct_decision", item.decision)
    if item.award_record_id and not may_amend(request.user, item.award_record):
        return refused(request, refusal(item.award_record))
    form = CorrectionForm(posted(request), initial={
        "recipient_name": item.recipient_name, "recipient_detail": item.recipient_detail,
        "money": item.money})
    return form_page(request, form, lambda d: corrections.request_correction(
        request.user, item, **d), title=_("Correct %(name)s") % {"name": item.recipient_name},
        submit=_("Draft the amending decision"), done=_url,
        success_message=_("Amending decision drafted: issue it to apply the correction."),
        template=FORM)


@login_required
def item_revoke(request, public_id):
    item = _item(request, public_id)
    require(request, "decisions.revoke_award", item.decision)
    if item.award_record_id and not may_amend(request.user, item.award_record):
        return refused(request, refusal(item.award_record))
    return form_page(request, RevokeForm(posted(request), initial={
                         "decision_issuer": item.decision.authority_title}),
                     lambda d: corrections.revoke_item(request.user, item, **d),
                     title=_("Revoke the award of %(name)s") % {"name": item.recipient_name},
                     submit=_("Revoke"), done=lambda i: _url(item.decision),
                     success_message=_("Award revoked."), template=FORM)
