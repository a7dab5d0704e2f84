"""PDF signatures with pyHanko: preparing the generated PDF for signing, verifying the copy the
signer uploads, and applying the organisation's own signature.

Officials sign with their own USB token and signing plug-in, off-line (digital signatures of
officials: Decree 68/2024/NĐ-CP; the signed electronic document: Decree 30/2020/NĐ-CP Art. 13,
Appx I). The system checks the uploaded file, in this order, and names the first check it
fails (`SignatureRefused.check`):

1. it is a readable PDF with exactly one signature;
2. the bytes before the signer's revision are the PDF the system generated, byte for byte;
3. the signature is cryptographically valid (the signed bytes hash to what was signed);
4. the signature covers the whole file (nothing appended after signing);
5. the signer's revision only adds the signature (pyHanko's difference analysis: filling a
   signature field; no page, text or annotation changed);
6. the signer's certificate chains to a trust anchor the administrator configured, and is
   within its validity period and not revoked (as far as revocation data is at hand).

Step 5 needs a form in the generated PDF: pyHanko's difference analysis compares revisions that
carry an AcroForm, so `prepare_for_signing` adds an empty signature field (and SigFlags 3, the
value a signature sets) as the generated PDF's own incremental update, before it is kept."""

import datetime
import glob
import io
import os
from dataclasses import dataclass

from asn1crypto import x509 as asn1_x509
from django.conf import settings
from django.utils.translation import gettext as _
from pyhanko.keys import load_certs_from_pemder
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields, signers
from pyhanko.sign.ades.report import AdESFailure, AdESIndeterminate
from pyhanko.sign.diff_analysis import DEFAULT_DIFF_POLICY, DiffResult, ModificationLevel
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

SIGNER_FIELD = "ChuKyNguoiKy"
ORGANISATION_FIELD = "ChuKyCoQuan"
SIGNATURE_FIELD_FLAGS = 3  # SignaturesExist | AppendOnly (ISO 32000-1 Table 219)

# The names of the checks, as the refusal and the tests name them.
CHECK_PDF, CHECK_GENERATED, CHECK_INTEGRITY, CHECK_COVERAGE = ("pdf", "generated", "integrity",
                                                                "coverage")
CHECK_CHANGES, CHECK_TRUST, CHECK_EXPIRED, CHECK_REVOKED = ("changes", "trust", "expired",
                                                            "revoked")
EXPIRY_INDICATIONS = {AdESIndeterminate.EXPIRED, AdESIndeterminate.OUT_OF_BOUNDS_NO_POE,
                      AdESIndeterminate.OUT_OF_BOUNDS_NOT_REVOKED, AdESFailure.NOT_YET_VALID,
                      AdESIndeterminate.NOT_YET_VALID}
REVOCATION_INDICATIONS = {AdESFailure.REVOKED, AdESIndeterminate.REVOKED_NO_POE,
                          AdESIndeterminate.REVOKED_CA_NO_POE}


class SignatureRefused(Exception):
    """The uploaded file failed `check`; `message` (translated) says which and why."""

    def __init__(self, check: str, message: str):
        super().__init__(message)
        self.check, self.message = check, message


@dataclass(frozen=True)
class SignatureFacts:
    signer_name: str
    certificate: str  # the certificate's subject, readable
    issuer: str
    signing_time: datetime.datetime | None


def prepare_for_signing(pdf: bytes) -> bytes:
    """The generated PDF plus an incremental update holding an empty, invisible signature field
    for the signer (see the module's docstring for why)."""
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    fields.append_signature_field(writer, fields.SigFieldSpec(SIGNER_FIELD, on_page=0))
    form = writer.root["/AcroForm"]
    form["/SigFlags"] = generic.NumberObject(SIGNATURE_FIELD_FLAGS)
    writer.update_container(form)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def trust_anchors() -> list[asn1_x509.Certificate]:
    """The certificates in the PEM/DER files (or folders of .pem/.crt/.cer files) named by
    TDKT_SIGNING_TRUST_ANCHORS (docs/deployment.md)."""
    paths = []
    for entry in settings.TDKT_SIGNING_TRUST_ANCHORS:
        if os.path.isdir(entry):
            paths += sorted(p for ext in ("pem", "crt", "cer")
                            for p in glob.glob(os.path.join(entry, f"*.{ext}")))
        elif os.path.isfile(entry):
            paths.append(entry)
    return list(load_certs_from_pemder(paths))


def verify_signed_copy(generated: bytes, uploaded: bytes, *,
                       anchors: list[asn1_x509.Certificate] | None = None) -> SignatureFacts:
    """Check `uploaded` against `generated` (see the module's docstring); return who signed and
    when, or raise SignatureRefused naming the failed check."""
    signature, reader = _only_signature(uploaded)
    if not uploaded.startswith(generated) or signature.signed_revision != _revisions(generated):
        raise SignatureRefused(CHECK_GENERATED, _(
            "The file is not the PDF the system generated for signing: the content before the "
            "signature differs. Download the PDF for signing again and sign that file."))
    status = _validate(signature, anchors if anchors is not None else trust_anchors())
    if not (status.intact and status.valid):
        raise SignatureRefused(CHECK_INTEGRITY, _(
            "The digital signature is not valid: the signed content does not match the "
            "signature (the file was altered after signing or the signature is damaged)."))
    if status.coverage != SignatureCoverageLevel.ENTIRE_FILE:
        raise SignatureRefused(CHECK_COVERAGE, _(
            "The digital signature does not cover the whole file: something was added to the "
            "file after it was signed."))
    _refuse_other_changes(reader, _revisions(generated) - 1)
    _refuse_untrusted(status)
    return _facts(status)


# A damaged or hostile file makes pyHanko's parsers raise many kinds of exception (fuzzing
# the signer's revision gave AssertionError, struct.error, NotImplementedError, AttributeError,
# SignatureValidationError besides PdfError): each is a refusal naming the check, never a 500.
UNREADABLE = Exception


def _only_signature(uploaded: bytes):
    try:
        reader = PdfFileReader(io.BytesIO(uploaded), strict=False)
        found = reader.embedded_signatures
    except UNREADABLE as error:
        raise SignatureRefused(CHECK_PDF, _("The file is not a readable PDF.")) from error
    if len(found) != 1:
        raise SignatureRefused(CHECK_PDF, _(
            "The file must carry exactly one digital signature, the signer's; it carries "
            "%(count)s.") % {"count": len(found)})
    return found[0], reader


def _revisions(pdf: bytes) -> int:
    return PdfFileReader(io.BytesIO(pdf), strict=False).xrefs.total_revisions


def _validate(signature, anchors):
    if not anchors:
        raise SignatureRefused(CHECK_TRUST, _(
            "No trust anchor is configured, so no signer's certificate can be checked: ask the "
            "administrator to configure TDKT_SIGNING_TRUST_ANCHORS."))
    context = ValidationContext(trust_roots=anchors,
                                allow_fetching=settings.TDKT_SIGNING_FETCH_REVOCATION,
                                revocation_mode="soft-fail")
    try:
        return validate_pdf_signature(signature, context)
    except UNREADABLE as error:
        raise SignatureRefused(CHECK_INTEGRITY, _(
            "The digital signature cannot be read: it is damaged or not a PDF signature."),
        ) from error


def _refuse_other_changes(reader, base_revision: int) -> None:
    """Only the signature may be added in the signer's revision (pyHanko's difference analysis
    from the generated PDF's last revision)."""
    try:
        result = DEFAULT_DIFF_POLICY.review_file(reader, base_revision)
    except UNREADABLE:
        result = None
    if not (isinstance(result, DiffResult)
            and result.modification_level <= ModificationLevel.FORM_FILLING):
        raise SignatureRefused(CHECK_CHANGES, _(
            "Signing changed the document itself (content, pages or annotations), not only "
            "added the signature: the file is refused."))


def _refuse_untrusted(status) -> None:
    problem = status.trust_problem_indic
    if problem is None and status.validation_path is not None:
        return
    subject = status.signing_cert.subject.human_friendly
    if problem in EXPIRY_INDICATIONS:
        raise SignatureRefused(CHECK_EXPIRED, _(
            "The signer's certificate (%(subject)s) is not within its validity period.") % {
            "subject": subject})
    if problem in REVOCATION_INDICATIONS or status.revoked:
        raise SignatureRefused(CHECK_REVOKED, _(
            "The signer's certificate (%(subject)s) has been revoked.") % {"subject": subject})
    raise SignatureRefused(CHECK_TRUST, _(
        "The signer's certificate (%(subject)s) does not chain to a trusted certification "
        "authority configured in the system.") % {"subject": subject})


def _facts(status) -> SignatureFacts:
    certificate = status.signing_cert
    names = certificate.subject.native
    return SignatureFacts(signer_name=str(names.get("common_name") or
                                          certificate.subject.human_friendly)[:255],
                          certificate=certificate.subject.human_friendly[:500],
                          issuer=certificate.issuer.human_friendly[:500],
                          signing_time=status.signer_reported_dt)


def organisation_signer():
    """The organisation's signer from the PKCS#12 file TDKT_ORGANISATION_PKCS12, or None when
    none is configured (the organisation's signature is optional)."""
    path = settings.TDKT_ORGANISATION_PKCS12
    if not path:
        return None
    password = settings.TDKT_ORGANISATION_PKCS12_PASSWORD
    return signers.SimpleSigner.load_pkcs12(path, passphrase=password.encode() or None)


def apply_organisation_signature(pdf: bytes, signer) -> bytes:
    """The organisation's signature (chữ ký số của cơ quan), applied after the signer's as a
    new incremental update: the signer's revision stays byte for byte inside the result."""
    out = io.BytesIO()
    meta = signers.PdfSignatureMetadata(field_name=ORGANISATION_FIELD)
    signers.sign_pdf(IncrementalPdfFileWriter(io.BytesIO(pdf)), meta, signer=signer,
                     output=out)
    return out.getvalue()

