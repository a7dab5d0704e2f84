"""Emulation movements: list, detail, create/correct, launch, mid-term and final reviews,
stop; directive documents and review files (private downloads)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from core.interfaces.compiled import Compiled
from core.interfaces.exports import requested_format
from core.interfaces.forms import posted
from core.interfaces.guards import get_in, require
from core.interfaces.kept_pages import kept_page
from core.interfaces.views import form_page, list_page
from core.state import available_actions
from core.text import is_number
from core.uploads import private_download
from emulation.movements.domain import movements as domain
from emulation.movements.domain.movements import MOVEMENT
from emulation.movements.domain.queries.movements import (
    movement_scope,
    movements_for_user,
    movements_in_scope,
    registrations_for_user,
    state_counts,
    with_entry_counts,
)
from emulation.movements.domain.results import pending_registrations
from emulation.movements.enums import MovementKind, MovementState
from emulation.movements.interfaces.exports import movement_export, registration_export
from emulation.movements.interfaces.movement_forms import (
    ConfirmForm,
    DocumentForm,
    MovementForm,
    ReasonForm,
    ReviewForm,
)
from emulation.movements.models import MovementDocument, MovementReview

FORM = "core/form.html"
FILTERS = {"state": MovementState, "kind": MovementKind}
CONTENT_TYPES = {
    "pdf": "application/pdf", "png": "image/png", "jpeg": "image/jpeg",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def get_movement(request, public_id, perm="emulation.view_movement"):
    movement = get_in(movements_for_user(request.user), public_id=public_id)
    require(request, perm, movement)
    return movement


def detail_url(movement) -> str:
    return reverse("emulation:movement_detail", args=[movement.public_id])


def _chosen(request) -> tuple:
    """The filters that apply, as (lookup, value) pairs: a kind or state that names one, the
    year when it is a number."""
    chosen = tuple((name, request.GET[name]) for name, choices in FILTERS.items()
                   if request.GET.get(name) in choices.values)
    if is_number(request.GET.get("year", "")):
        chosen = (*chosen, ("start_date__year", int(request.GET["year"])))
    return chosen


def _filtered(roots, q: str, chosen: tuple):
    qs = movements_in_scope(roots, q)
    return qs.filter(**dict(chosen)) if chosen else qs


# What the list shows, read as plain values (emulation.templatetags.emulation_rows): 50
# movements and their organisers built as model instances and rendered through template nodes
# (a URL reversal, two choice labels, a date filter a row) and the filter form's two loops
# were most of the page's Python (session 15).
LIST_COLUMNS = ("public_id", "code", "name", "kind", "organiser__name", "start_date", "state")


@login_required
def movement_list(request):
    """Movements the user organises or takes part in; search by code or name; filters;
    `?export=xlsx|csv` streams the same filtered list."""
    require(request, "emulation.view_movement")
    if kind := requested_format(request):
        roots, q, chosen = movement_scope(request.user), request.GET.get("q", ""), _chosen(request)
        return movement_export(kind, _filtered(roots, q, chosen))
    return kept_page(request, LIST_TABLES, lambda: _movement_list(request))


# Every table the list's statements read (tests/emulation/movements/views/
# test_movement_list_kept.py captures them): its page is kept under their epochs
# (core.interfaces.kept_pages). A movement is seen by its organiser's and participants' units.
LIST_TABLES = ("emulation_movement", "emulation_movement_participants", "organisations_unit",
               "organisations_unitclosure")


def _movement_list(request):
    roots, q, chosen = movement_scope(request.user), request.GET.get("q", ""), _chosen(request)
    # The list's SQL is a function of these alone: compiled once per process for them
    # (core.interfaces.compiled), sent on every request.
    rows = Compiled(("emulation:movement_list", roots, q, chosen),
                    lambda: _filtered(roots, q, chosen).values(*LIST_COLUMNS))
    return list_page(request, rows, export=movement_export,
                     template="emulation/movements/movement_list.html", q=q,
                     chosen={name: request.GET.get(name, "") for name in (*FILTERS, "year")},
                     can_add=request.user.has_perm("emulation.change_movement"))


@login_required
def movement_detail(request, public_id):
    """The movement, its documents and reviews, and its registrations table;
    `?export=xlsx|csv` streams that table."""
    movement = get_movement(request, public_id)
    user = request.user
    registrations = (registrations_for_user(user).filter(movement=movement)
                     .order_by("unit__path", "-year"))
    if kind := requested_format(request):
        return registration_export(kind, with_entry_counts(registrations))
    registrations = list(registrations)
    return render(request, "emulation/movements/movement_detail.html", {
        "movement": movement,
        "participants": movement.participants.order_by("path"),
        "documents": movement.documents.all(), "reviews": movement.reviews.all(),
        "registrations": registrations, "counts": state_counts(registrations),
        "can_change": user.has_perm("emulation.change_movement", movement),
        # The state-changing buttons come from the machine's table (launch, mid_review, close,
        # stop); the rest are plain perms.
        "actions": {t.name: t for t in available_actions(MOVEMENT, movement, user)},
        "can_register": user.has_perm("emulation.register_in_movement", movement)})


def _fields(data) -> dict:
    return {k: data[k] for k in ("name", "kind", "goals", "start_date", "end_date", "plan")}


@login_required
def movement_create(request):
    require(request, "emulation.change_movement")
    return form_page(
        request, MovementForm(posted(request), user=request.user),
        lambda data: domain.create_movement(actor=request.user, organiser=data["organiser"],
                                            participants=data["participants"],
                                            **_fields(data)),
        title=_("New emulation movement"), submit=_("Save"), done=detail_url,
        success_message=lambda m: _("%(code)s saved.") % {"code": m.code}, template=FORM)


@login_required
def movement_edit(request, public_id):
    movement = get_movement(request, public_id, "emulation.change_movement")
    initial = {"name": movement.name, "kind": movement.kind, "goals": movement.goals,
               "start_date": movement.start_date, "end_date": movement.end_date,
               "plan": movement.plan_id, "participants": list(movement.participants.all())}
    return form_page(
        request, MovementForm(posted(request), initial=initial, user=request.user,
                              movement=movement),
        lambda data: domain.update_movement(movement, actor=request.user,
                                            participants=data["participants"],
                                            **_fields(data)),
        title=_("Correct %(code)s") % {"code": movement.code}, submit=_("Save"),
        done=detail_url, success_message=lambda m: _("%(code)s saved.") % {"code": m.code},
        template=FORM)


@login_required
def movement_launch(request, public_id):
    movement = get_movement(request, public_id, "emulation.launch_movement")
    return form_page(request, ConfirmForm(posted(request)),
                     lambda data: domain.launch_movement(movement, actor=request.user),
                     title=_("Launch %(code)s “%(name)s”") % {"code": movement.code,
                                                              "name": movement.name},
                     submit=_("Launch"), done=detail_url,
                     success_message=_("Movement launched."), template=FORM)


def _review_page(request, public_id, action, title, message):
    movement = get_movement(request, public_id, "emulation.review_movement")
    return form_page(request, ReviewForm(posted(request), request.FILES or None),
                     lambda data: action(movement, actor=request.user, **data),
                     title=title % {"code": movement.code}, submit=_("Save"),
                     done=detail_url, success_message=message, template=FORM)


@login_required
def movement_mid_review(request, public_id):
    return _review_page(request, public_id, domain.record_mid_review,
                        _("Mid-term review of %(code)s"), _("Mid-term review recorded."))


@login_required
def movement_close(request, public_id):
    movement = get_movement(request, public_id, "emulation.review_movement")
    pending = list(pending_registrations(movement))
    if pending:  # closing leaves them undecided: say so, and which
        messages.warning(request, _("%(count)s registrations are still pending: %(units)s.")
                         % {"count": len(pending), "units": "; ".join(
                             f"{r.unit.name} ({r.year}, {r.get_state_display().lower()})"
                             for r in pending)})
    return _review_page(request, public_id, domain.close_movement,
                        _("Final review of %(code)s"), _("Movement closed."))


@login_required
def movement_stop(request, public_id):
    movement = get_movement(request, public_id, "emulation.stop_movement")
    return form_page(request, ReasonForm(posted(request)),
                     lambda data: domain.stop_movement(movement, actor=request.user, **data),
                     title=_("Stop %(code)s as ineffective") % {"code": movement.code},
                     submit=_("Stop the movement"), done=detail_url,
                     success_message=_("Movement stopped."), template=FORM)


@login_required
def movement_attach(request, public_id):
    movement = get_movement(request, public_id, "emulation.change_movement")
    return form_page(request, DocumentForm(posted(request), request.FILES or None),
                     lambda data: domain.attach_document(movement, actor=request.user, **data),
                     title=_("Attach a directive document to %(code)s") % {
                         "code": movement.code},
                     submit=_("Upload"), done=lambda d: detail_url(movement),
                     success_message=_("Document attached."), template=FORM)


def _download(request, model, public_id):
    item = get_in(model.objects.select_related("movement"), public_id=public_id)
    get_movement(request, item.movement.public_id)  # 404 outside the user's movements
    if not item.path:
        raise Http404
    return private_download(item.path, item.original_name,
                            CONTENT_TYPES.get(item.file_kind, "application/octet-stream"))


@login_required
def document_download(request, public_id):
    return _download(request, MovementDocument, public_id)


@login_required
def review_download(request, public_id):
    return _download(request, MovementReview, public_id)
