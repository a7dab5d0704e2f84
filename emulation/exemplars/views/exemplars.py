"""Exemplary models in the back office: list, record, detail, recognise, publish, withdraw,
yearly follow-ups and evidence files (private storage, downloaded only in scope)."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from core.interfaces.forms import posted
from core.interfaces.guards import get_in, require
from core.interfaces.views import form_page, list_page
from core.state import available_actions
from core.uploads import private_download
from emulation.exemplars.domain import exemplars as domain
from emulation.exemplars.domain.queries.records import exemplars_for_user
from emulation.exemplars.interfaces.exports import exemplar_export
from emulation.exemplars.interfaces.forms import (
    ConfirmForm,
    CorrectionForm,
    EvidenceForm,
    ExemplarForm,
    FollowUpForm,
    ReasonForm,
)
from emulation.exemplars.models import ExemplarEvidence
from emulation.exemplars.models.exemplars import ExemplarKind, ExemplarState

CONTENT_TYPES = {
    "pdf": "application/pdf", "png": "image/png", "jpeg": "image/jpeg",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@login_required
def exemplar_list(request):
    """Exemplars in the user's scope; search without diacritics; filters kind and state;
    `?export=xlsx|csv` streams the same filtered list."""
    require(request, "emulation.view_exemplar")
    return list_page(request, filtered_exemplars(request), export=exemplar_export,
                     template="emulation/exemplar_list.html", q=request.GET.get("q", ""),
                     kinds=ExemplarKind.choices, states=ExemplarState.choices,
                     can_add=request.user.has_perm("emulation.change_exemplar"))


def filtered_exemplars(request):
    """The exemplar list's queryset (page and export): scope, search, kind and state."""
    qs = exemplars_for_user(request.user, request.GET.get("q", ""))
    if request.GET.get("kind") in ExemplarKind.values:
        qs = qs.filter(kind=request.GET["kind"])
    if request.GET.get("state") in ExemplarState.values:
        qs = qs.filter(state=request.GET["state"])
    return qs


def _get(request, public_id, perm="emulation.view_exemplar"):
    exemplar = get_in(exemplars_for_user(request.user), public_id=public_id)
    require(request, perm, exemplar)
    return exemplar


def _detail_url(exemplar) -> str:
    return reverse("emulation:exemplar_detail", args=[exemplar.public_id])


@login_required
def exemplar_detail(request, public_id):
    exemplar = _get(request, public_id)
    user = request.user
    evidence = list(exemplar.evidence.all())
    # The steps offered are the table's, for this state and this user (core.state).
    steps = {t.name for t in available_actions(domain.EXEMPLAR, exemplar, user)}
    return render(request, "emulation/exemplar_detail.html", {
        "exemplar": exemplar, "follow_ups": exemplar.follow_ups.all(),
        "evidence": [e for e in evidence if e.superseded_at is None],
        "superseded": [e for e in evidence if e.superseded_at is not None],
        "versions": exemplar.versions.select_related("actor"),
        "can_change": user.has_perm("emulation.change_exemplar", exemplar),
        "can_recognise": "recognise" in steps, "can_publish": "publish" in steps,
        "can_withdraw": "withdraw" in steps,
        "replications": exemplar.replications.select_related("unit"),
        "can_replicate": user.has_perm("emulation.replicate_exemplar", exemplar)})


@login_required
def exemplar_create(request):
    require(request, "emulation.change_exemplar")
    return form_page(
        request, ExemplarForm(posted(request), user=request.user),
        lambda data: domain.create_exemplar(actor=request.user, **_fields(data)),
        title=_("Record an exemplary model"), submit=_("Save"), done=_detail_url,
        success_message=_("Exemplary model recorded."))


def _fields(data) -> dict:
    fields = {k: data[k] for k in ExemplarForm.Meta.fields}
    return fields | {"person": data["person_cccd"]}


def _step(request, public_id, perm, form, action, *, title, submit, done_message):
    exemplar = _get(request, public_id, perm)
    return form_page(request, form, lambda data: action(exemplar, actor=request.user, **data),
                     title=title % {"title": exemplar.title}, submit=submit, done=_detail_url,
                     success_message=done_message)


@login_required
def exemplar_recognise(request, public_id):
    return _step(request, public_id, "emulation.recognise_exemplar", ConfirmForm(posted(request)),
                 domain.recognise_exemplar, title=_("Recognise “%(title)s”"),
                 submit=_("Recognise"), done_message=_("Exemplary model recognised."))


@login_required
def exemplar_publish(request, public_id):
    return _step(request, public_id, "emulation.publish_exemplar", ConfirmForm(posted(request)),
                 domain.publish_exemplar, title=_("Publish “%(title)s” on the public portal"),
                 submit=_("Publish"), done_message=_("Published on the public portal."))


@login_required
def exemplar_withdraw(request, public_id):
    return _step(request, public_id, "emulation.withdraw_exemplar", ReasonForm(posted(request)),
                 domain.withdraw_exemplar, title=_("Withdraw “%(title)s”"),
                 submit=_("Withdraw"), done_message=_("Exemplary model withdrawn."))


@login_required
def exemplar_correct(request, public_id):
    exemplar = _get(request, public_id, "emulation.change_exemplar")
    form = CorrectionForm(posted(request), request.FILES or None, instance=exemplar,
                          evidence=exemplar.evidence.filter(superseded_at__isnull=True))

    def save(data):
        values = {name: data[name] for name in CorrectionForm.Meta.fields}
        return domain.correct_exemplar(exemplar, actor=request.user, reason=data["reason"],
                                       supersede=data["supersede"], uploaded=data["uploaded"],
                                       **values)

    return form_page(request, form, save,
                     title=_("Correct “%(title)s”") % {"title": exemplar.title},
                     submit=_("Save the correction"), done=_detail_url,
                     success_message=_("Correction saved; the previous version is kept."),
                     template="proposals/upload.html")


@login_required
def exemplar_follow_up(request, public_id):
    exemplar = _get(request, public_id, "emulation.change_exemplar")
    return form_page(
        request, FollowUpForm(posted(request)),
        lambda data: domain.add_follow_up(exemplar, actor=request.user, **data),
        title=_("Follow up “%(title)s”") % {"title": exemplar.title}, submit=_("Save"),
        done=lambda f: _detail_url(exemplar), success_message=_("Follow-up recorded."))


@login_required
def exemplar_evidence(request, public_id):
    exemplar = _get(request, public_id, "emulation.change_exemplar")
    form = EvidenceForm(posted(request), request.FILES or None)
    return form_page(
        request, form,
        lambda data: domain.attach_evidence(exemplar, actor=request.user, uploaded=data["file"]),
        title=_("Attach evidence to “%(title)s”") % {"title": exemplar.title},
        submit=_("Upload"), done=lambda e: _detail_url(exemplar),
        success_message=_("Evidence attached."), template="proposals/upload.html")


@login_required
def evidence_download(request, public_id):
    evidence = get_in(ExemplarEvidence.objects.select_related("exemplar"), public_id=public_id)
    _get(request, evidence.exemplar.public_id)  # 404 outside the user's scope
    return private_download(evidence.path, evidence.original_name,
                            CONTENT_TYPES.get(evidence.file_kind, "application/octet-stream"))
