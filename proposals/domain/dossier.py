"""Dossier documents: typed attachments, sniffed by content, stored outside the web root."""

import hashlib

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from audit.domain.record import record
from core.uploads import store_private, store_private_bytes
from proposals.domain.proposals import _editable
from proposals.models import DossierDocument


def _digest(uploaded) -> str:
    sha = hashlib.sha256()
    uploaded.seek(0)
    for chunk in uploaded.chunks() if hasattr(uploaded, "chunks") else [uploaded.read()]:
        sha.update(chunk)
    uploaded.seek(0)
    return sha.hexdigest()


@transaction.atomic
def attach_document(actor, proposal, *, doc_type: str, uploaded, file_kind: str,
                    nominee=None, title: str = "") -> DossierDocument:
    """Attach a file already sniffed (`file_kind`) by the upload field. Side effects: the
    file under PRIVATE_MEDIA_ROOT/dossiers; audit `proposals.document.attach`."""
    _editable(proposal)
    if nominee is not None and nominee.proposal_id != proposal.pk:
        raise ValidationError({"nominee": _("Choose a nominee of this proposal.")})
    document = DossierDocument.objects.create(
        proposal=proposal, nominee=nominee, doc_type=doc_type, title=title,
        path=store_private(uploaded, "dossiers"), original_name=uploaded.name[:255],
        file_kind=file_kind, size=uploaded.size, sha256=_digest(uploaded), uploaded_by=actor)
    record(actor, "proposals.document.attach", document, unit=proposal.unit,
           label=f"{proposal.code}: {document}")
    return document


@transaction.atomic
def attach_generated(actor, proposal, *, doc_type: str, content: bytes, name: str,
                     nominee=None) -> DossierDocument:
    """Attach a document TĐKT generated (e.g. the achievement report as DOCX)."""
    document = DossierDocument.objects.create(
        proposal=proposal, nominee=nominee, doc_type=doc_type, title=name,
        path=store_private_bytes(content, "dossiers", "docx"), original_name=name,
        file_kind="docx", size=len(content), sha256=hashlib.sha256(content).hexdigest(),
        generated=True, uploaded_by=actor)
    record(actor, "proposals.document.generate", document, unit=proposal.unit,
           label=f"{proposal.code}: {document}")
    return document


@transaction.atomic
def withdraw_document(actor, document: DossierDocument, *, reason: str) -> DossierDocument:
    """A wrong file is withdrawn, not deleted. Side effect: audit."""
    _editable(document.proposal)
    if not reason.strip():
        raise ValidationError({"reason": _("Give a reason.")})
    document = DossierDocument.objects.select_for_update().get(pk=document.pk)
    document.withdrawn, document.withdrawn_reason = True, reason[:255]
    document.save(update_fields=["withdrawn", "withdrawn_reason"])
    record(actor, "proposals.document.withdraw", document, unit=document.proposal.unit,
           reason=reason)
    return document


@transaction.atomic
def attach_documents(actor, proposal, files: list[tuple[str, object]]) -> list[DossierDocument]:
    """Several files of the whole dossier at once, each `(doc_type, sniffed upload)`; all or
    none. Side effects: those of `attach_document`, once per file."""
    if not files:
        raise ValidationError(_("Choose at least one file."))
    return [attach_document(actor, proposal, doc_type=doc_type, uploaded=uploaded,
                            file_kind=uploaded.kind) for doc_type, uploaded in files]
