"""The official copy of a decision: the PDF generated at issue is kept (the signer downloads
exactly those bytes), the signer signs it off-line with their token and uploads it, and the
verified signed copy — with the organisation's signature added when configured — becomes the
official one (decisions.domain.signatures holds the checks)."""

import hashlib

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.domain.record import record
from decisions.domain.signatures import (
    CHECK_GENERATED,
    SignatureRefused,
    apply_organisation_signature,
    organisation_signer,
    prepare_for_signing,
    verify_signed_copy,
)
from decisions.enums import DecisionState
from decisions.models import Decision, DecisionPdf


def sha256(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def keep_generated_pdf(decision: Decision, pdf: bytes) -> DecisionPdf:
    """Keep the issued decision's generated PDF, prepared for signing; never replaced once kept
    (a second call returns the kept copy: the signer may already hold those bytes)."""
    kept = DecisionPdf.objects.defer("generated", "signed").filter(decision=decision).first()
    if kept is not None:
        return kept
    prepared = prepare_for_signing(pdf)
    try:
        with transaction.atomic():
            return DecisionPdf.objects.create(decision=decision, generated=prepared,
                                              generated_sha256=sha256(prepared))
    except IntegrityError:  # kept meanwhile by a concurrent first download
        return DecisionPdf.objects.defer("generated", "signed").get(decision=decision)


@transaction.atomic
def accept_signed_copy(actor, decision: Decision, uploaded: bytes) -> DecisionPdf:
    """Verify the signed PDF the signer uploads against the kept generated one and make it the
    official copy. Refused (ValidationError on "file", its code the failed check) when a check
    fails — nothing is written then. Side effects: the organisation's signature applied after
    the signer's when TDKT_ORGANISATION_PKCS12 is configured; signer, certificate and signing
    time recorded; audit `decisions.decision.signed`."""
    copy = DecisionPdf.objects.select_for_update().filter(decision=decision).first()
    if decision.state != DecisionState.ISSUED or copy is None:
        raise ValidationError({"file": ValidationError(_(
            "Download the PDF for signing of the issued decision first, then sign that file."),
            code=CHECK_GENERATED)})
    if copy.is_signed:
        raise ValidationError(_("Someone else already uploaded the signed copy of this "
                                "decision."))
    try:
        facts = verify_signed_copy(bytes(copy.generated), uploaded)
    except SignatureRefused as refused:
        raise ValidationError({"file": ValidationError(refused.message,
                                                       code=refused.check)}) from refused
    official = _with_organisation_signature(uploaded)
    copy.signed, copy.signed_sha256 = official, sha256(official)
    copy.signer_name, copy.signer_certificate = facts.signer_name, facts.certificate
    copy.signer_issuer, copy.signing_time = facts.issuer, facts.signing_time
    copy.organisation_signed = official is not uploaded
    copy.uploaded_by, copy.uploaded_at = actor, timezone.now()
    copy.save()
    record(actor, "decisions.decision.signed", decision, unit=decision.issuer, changes={
        "signer": [None, facts.signer_name], "certificate": [None, facts.certificate],
        "signing_time": [None, facts.signing_time.isoformat() if facts.signing_time else None],
        "sha256": [None, copy.signed_sha256],
        "organisation_signed": [None, copy.organisation_signed]})
    return copy


def _with_organisation_signature(uploaded: bytes) -> bytes:
    signer = organisation_signer()
    return uploaded if signer is None else apply_organisation_signature(uploaded, signer)
