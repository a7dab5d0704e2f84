"""Report requests (yêu cầu báo cáo; seed 001 §8): draft, issue, close, cancel.

States: draft → issued → closed; draft | issued → cancelled (with a reason). One function per
change, in a transaction with the request locked, audited. Issuing fixes the target units (one
ReportFiling each, due on the request's due date) and notifies their unit officers.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.enums import Role
from accounts.models import User
from audit.domain.record import record
from core import state
from core.trail import diff, snapshot
from core.uploads import store_private
from notifications.domain.notify import notify
from organisations.models import ClusterMembership, Unit, UnitClosure
from reports.enums import PERIODS, ReportKind, RequestState
from reports.models import ReportFiling, ReportRequest

REQUEST_FIELDS = ["title", "kind", "year", "period", "legal_basis", "due_date",
                  "include_below", "cluster"]
UPLOAD_FOLDER = "reports/requests"


def _subtree(unit_id: int):
    return UnitClosure.objects.filter(ancestor_id=unit_id).values("descendant_id")


def _check(req: ReportRequest, roots) -> None:
    errors = {}
    top = PERIODS.get(req.kind)
    if top and not (req.period and 1 <= req.period <= top):
        errors["period"] = _("Give the period: a number from 1 to %(top)s.") % {"top": top}
    elif not top and req.period:
        errors["period"] = _("A yearly or ad hoc report has no period; leave it blank.")
    if not roots and req.cluster_id is None:
        errors["roots"] = _("Choose the target units or a cluster.")
    outside = [u.name for u in roots
               if not UnitClosure.objects.filter(ancestor_id=req.requester_id,
                                                 descendant_id=u.pk).exists()]
    if outside:
        errors["roots"] = _("%(units)s: not under the requesting unit.") % {
            "units": ", ".join(outside)}
    if errors:
        raise ValidationError(errors)
    req.full_clean(exclude=["requester", "cluster", "created_by"])


def _store_guidance(req: ReportRequest, uploaded) -> None:
    if uploaded is not None:
        req.guidance_path = store_private(uploaded, UPLOAD_FOLDER)
        req.guidance_name = uploaded.name[:255]
        req.guidance_kind = uploaded.kind


def _roots_label(req: ReportRequest) -> list[str]:
    return sorted(req.roots.values_list("code", flat=True))


def _fields(fields: dict) -> dict:
    return {k: v for k, v in fields.items() if k in REQUEST_FIELDS}


@transaction.atomic
def create_request(*, actor, requester: Unit, roots=(), guidance=None, **fields) -> ReportRequest:
    """A draft request of `requester` to the chosen units (`roots`, each with its subtree when
    `include_below`) and/or a cluster's members of the request's year. Side effects: the
    guidance file stored privately; audit entry `reports.request.create`."""
    req = ReportRequest(requester=requester, **_fields(fields),
                        created_by=actor if getattr(actor, "is_authenticated", False) else None)
    roots = list(roots)
    _check(req, roots)
    _store_guidance(req, guidance)
    req.save()
    req.roots.set(roots)
    record(actor, "reports.request.create", req, unit=requester,
           changes={k: [None, v] for k, v in snapshot(req, REQUEST_FIELDS).items()}
           | {"roots": [None, _roots_label(req)]})
    return req


REQUEST = state.Machine(
    name="reports.request", model=ReportRequest, states=RequestState, audit=record,
    audit_context=lambda req: {"unit": req.requester},
    transitions=(
        state.step("issue", RequestState.DRAFT, RequestState.ISSUED, gettext_lazy("Issue"),
                   permission="reports.issue_request",
                   refusal=gettext_lazy("The request is %(state)s; only a draft can be "
                                        "issued.")),
        state.step("close", RequestState.ISSUED, RequestState.CLOSED, gettext_lazy("Close"),
                   permission="reports.close_request", irreversible=True,
                   refusal=gettext_lazy("The request is %(state)s; only an issued request "
                                        "can be closed.")),
        state.step("cancel", (RequestState.DRAFT, RequestState.ISSUED), RequestState.CANCELLED,
                   gettext_lazy("Cancel"), permission="reports.cancel_request",
                   needs_reason=True, irreversible=True,
                   refusal=gettext_lazy("The request is already %(state)s.")),
    ),
    describe=lambda req: {"state": req.get_state_display().lower()})


@transaction.atomic
def update_request(req: ReportRequest, *, actor, roots=None, guidance=None,
                   **fields) -> ReportRequest:
    """Correct a draft (its texts, due date, targets, guidance). Side effect: audit entry
    `reports.request.update` with the changed fields."""
    req = state.lock(REQUEST, req)
    if req.state != RequestState.DRAFT:  # an edit, not a step of the machine
        raise ValidationError(_("The request is %(state)s; only a draft can be corrected.")
                              % {"state": req.get_state_display().lower()})
    before = snapshot(req, REQUEST_FIELDS) | {"roots": _roots_label(req)}
    for name, value in _fields(fields).items():
        setattr(req, name, value)
    _check(req, list(roots) if roots is not None else list(req.roots.all()))
    _store_guidance(req, guidance)
    req.save()
    if roots is not None:
        req.roots.set(roots)
    changes = diff(before, snapshot(req, REQUEST_FIELDS) | {"roots": _roots_label(req)})
    if changes or guidance is not None:
        record(actor, "reports.request.update", req, unit=req.requester, changes=changes)
    return req


def target_unit_ids(req: ReportRequest) -> list[int]:
    """The units that owe the report: the chosen units (and everything below them when
    `include_below`) and the cluster's members of the request's year — only current units
    under the requesting unit, never the requesting unit itself."""
    root_ids = list(req.roots.values_list("id", flat=True))
    chosen = set(UnitClosure.objects.filter(ancestor_id__in=root_ids)
                 .values_list("descendant_id", flat=True)) if req.include_below else set(root_ids)
    if req.cluster_id:
        chosen |= set(ClusterMembership.objects.filter(cluster_id=req.cluster_id, year=req.year)
                      .values_list("unit_id", flat=True))
    return list(Unit.objects.filter(pk__in=chosen, valid_to__isnull=True)
                .filter(pk__in=Subquery(_subtree(req.requester_id)))
                .exclude(pk=req.requester_id).order_by("path").values_list("id", flat=True))


def officers_of(unit_ids) -> list:
    """Active unit officers assigned on the target units themselves (the people who file)."""
    return list(User.objects.filter(
        is_active=True, role_assignments__is_active=True,
        role_assignments__role=Role.UNIT_OFFICER,
        role_assignments__unit_id__in=list(unit_ids)).distinct())


def detail_url(req: ReportRequest) -> str:
    return reverse("reports:request_detail", args=[req.public_id])


@transaction.atomic
def issue_request(req: ReportRequest, *, actor) -> ReportRequest:
    """draft → issued. Side effects: one ReportFiling (pending, due on the request's due date)
    per target unit; issued_at; audit entry `reports.request.issue` (with the number of
    targets); a notification to the unit officers of the target units (e-mail through the
    outbox, after commit)."""
    req = state.lock(REQUEST, req)
    state.check(REQUEST, req, "issue")
    if req.due_date < timezone.localdate():
        raise ValidationError({"due_date": _("The due date has passed; correct it first.")})
    targets = target_unit_ids(req)
    if not targets:
        raise ValidationError({"roots": _("No current unit under the requesting unit matches "
                                          "the chosen targets.")})
    ReportFiling.objects.bulk_create([ReportFiling(request=req, unit_id=uid,
                                                   due_date=req.due_date) for uid in targets])
    state.transition(req, REQUEST, "issue", actor, locked=True,
                     fields={"issued_at": timezone.now()},
                     changes={"targets": [None, len(targets)]})
    notify(officers_of(targets), verb="reports.request_issued", actor=actor,
           title=_("Report requested by %(unit)s: %(title)s") % {
               "unit": req.requester.name, "title": req.title},
           body=_("Due on %(date)s.") % {"date": f"{req.due_date:%d/%m/%Y}"},
           url=detail_url(req))
    return req


@transaction.atomic
def close_request(req: ReportRequest, *, actor) -> ReportRequest:
    """issued → closed: no more filings; those still missing stay missing. Side effect: audit
    entry `reports.request.close`."""
    return state.transition(req, REQUEST, "close", actor)


@transaction.atomic
def cancel_request(req: ReportRequest, *, actor, reason: str) -> ReportRequest:
    """draft | issued → cancelled, with the reason kept; its filings no longer count for
    anyone. Side effect: audit entry `reports.request.cancel`."""
    if not reason.strip():
        raise ValidationError({"reason": _("Give a reason.")})
    return state.transition(req, REQUEST, "cancel", actor, reason=reason.strip(),
                            fields={"cancel_reason": reason.strip()})


def period_label(req: ReportRequest) -> str:
    """"Quý 2/2025", "Tháng 11/2025", "6 tháng đầu năm 2025", "Năm 2025" (translated)."""
    labels = {ReportKind.MONTHLY: _("Month %(n)s/%(year)s"),
              ReportKind.QUARTERLY: _("Quarter %(n)s/%(year)s"),
              ReportKind.HALF_YEAR: _("Half %(n)s/%(year)s")}
    if req.kind in labels:
        return labels[req.kind] % {"n": req.period, "year": req.year}
    return _("Year %(year)s") % {"year": req.year}
