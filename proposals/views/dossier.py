"""Dossier documents: upload (sniffed by content), download (only in scope), withdraw, and the
achievement report generated from stored data."""

from django.contrib.auth.decorators import login_required
from django.utils import timezone
from django.utils.translation import gettext as _

from core.interfaces.forms import posted
from core.interfaces.guards import get_in, require
from core.interfaces.views import form_page
from core.uploads import private_download
from proposals.domain import dossier
from proposals.domain.checks import required_documents
from proposals.enums import DocumentType
from proposals.interfaces.forms import ConfirmForm, DocumentForm, DossierForm, ReasonForm
from proposals.interfaces.reports import achievement_report
from proposals.models import DossierDocument
from proposals.views.common import detail_url, get_nominee, get_proposal

FORM = "core/form.html"
CONTENT_TYPES = {
    "pdf": "application/pdf", "png": "image/png", "jpeg": "image/jpeg",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@login_required
def upload(request, public_id):
    proposal = get_proposal(request, public_id)
    require(request, "proposals.change_proposal", proposal)
    form = DocumentForm(posted(request), request.FILES or None, proposal=proposal)

    def save(data):
        uploaded = data["file"]
        return dossier.attach_document(request.user, proposal, doc_type=data["doc_type"],
                                       uploaded=uploaded, file_kind=uploaded.kind,
                                       nominee=data["nominee"], title=data["title"])

    return form_page(request, form, save, title=_("Attach a document to %(code)s") % {
        "code": proposal.code}, submit=_("Upload"), done=lambda d: detail_url(proposal),
        success_message=_("Document attached."), template="proposals/upload.html")


@login_required
def dossier_upload(request, public_id):
    """The whole dossier in one page: a file input per document the requested forms need."""
    proposal = get_proposal(request, public_id)
    require(request, "proposals.change_proposal", proposal)
    present = set(proposal.documents.filter(withdrawn=False, nominee=None)
                  .values_list("doc_type", flat=True))
    form = DossierForm(posted(request), request.FILES or None, present=present,
                       doc_types=required_documents(proposal, timezone.localdate()))
    return form_page(
        request, form,
        lambda data: dossier.attach_documents(request.user, proposal, form.files_chosen()),
        title=_("Dossier of %(code)s") % {"code": proposal.code}, submit=_("Upload"),
        done=lambda docs: detail_url(proposal),
        success_message=lambda docs: _("%(n)s document(s) attached.") % {"n": len(docs)},
        template="proposals/upload.html")


def _document(request, public_id) -> DossierDocument:
    document = get_in(DossierDocument.objects.select_related("proposal"), public_id=public_id)
    get_proposal(request, document.proposal.public_id)  # 404 outside the user's scope
    return document


@login_required
def download(request, public_id):
    document = _document(request, public_id)
    require(request, "proposals.download_document", document.proposal)
    return private_download(document.path, document.original_name,
                            CONTENT_TYPES.get(document.file_kind, "application/octet-stream"))


@login_required
def withdraw(request, public_id):
    document = _document(request, public_id)
    require(request, "proposals.change_proposal", document.proposal)
    return form_page(
        request, ReasonForm(posted(request)),
        lambda d: dossier.withdraw_document(request.user, document, reason=d["reason"]),
        title=_("Withdraw %(name)s") % {"name": document.original_name}, submit=_("Withdraw"),
        done=lambda d: detail_url(document.proposal), success_message=_("Document withdrawn."),
        template=FORM)


@login_required
def generate_report(request, public_id):
    """Generate the nominee's achievement report (báo cáo thành tích) as DOCX from the ledger
    and the proposal, and attach it to the dossier."""
    nominee = get_nominee(request, public_id)
    proposal = nominee.proposal
    require(request, "proposals.change_proposal", proposal)

    def save(data):
        content = achievement_report(nominee)
        name = f"bao-cao-thanh-tich-{nominee.public_id.hex[:8]}.docx"
        return dossier.attach_generated(request.user, proposal,
                                        doc_type=DocumentType.ACHIEVEMENT_REPORT,
                                        content=content, name=name, nominee=nominee)

    return form_page(request, ConfirmForm(posted(request)), save,
                     title=_("Generate the achievement report of %(name)s") % {
                         "name": nominee.subject_name}, submit=_("Generate"),
                     done=lambda d: detail_url(proposal),
                     success_message=_("Achievement report generated and attached."),
                     template=FORM)
