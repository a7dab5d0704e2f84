"""Signed decisions: the generated PDF is kept at issue, signed off-line (here with a throw-away
CA made in the test) and uploaded; the verified copy becomes the official one. Each refusal
names its check and writes nothing."""

import hashlib
import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

from audit.models import AuditEntry
from decisions.domain import signatures
from decisions.domain.signatures import prepare_for_signing
from decisions.domain.signing import accept_signed_copy
from decisions.interfaces.official import official_pdf
from decisions.models import DecisionPdf
from tests.decisions.helpers import issued, issued_with_pdf
from tests.decisions.pki import make_ca, make_signer, sign, write_anchor, write_pkcs12


@pytest.fixture
def ca(settings, tmp_path):
    """The trust anchor the administrator configured."""
    authority = make_ca()
    settings.TDKT_SIGNING_TRUST_ANCHORS = [write_anchor(tmp_path, authority)]
    settings.TDKT_ORGANISATION_PKCS12 = ""
    return authority


@pytest.fixture
def decision(officer_a, board_user, desk_user, dept_a):
    return issued_with_pdf(officer_a, board_user, desk_user, dept_a)


def generated(decision) -> bytes:
    return bytes(DecisionPdf.objects.get(decision=decision).generated)


def nothing_signed(decision):
    return (DecisionPdf.objects.get(decision=decision).signed_sha256,
            AuditEntry.objects.filter(action="decisions.decision.signed").count()) == ("", 0)


def refusal(actor, decision, content) -> tuple[str, str]:
    with pytest.raises(ValidationError) as error:
        accept_signed_copy(actor, decision, content)
    failed = error.value.error_dict["file"][0]
    return failed.code, failed.message


def test_issue_keeps_the_generated_pdf_prepared_for_signing(decision):
    kept = DecisionPdf.objects.get(decision=decision)
    content = bytes(kept.generated)
    reader = PdfFileReader(io.BytesIO(content))
    assert (kept.generated_sha256, reader.xrefs.total_revisions,
            reader.root["/AcroForm"]["/SigFlags"], kept.is_signed) == (
        hashlib.sha256(content).hexdigest(), 2, 3, False)


def test_the_pdf_for_signing_is_the_kept_one(decision, client_for, desk_user):
    response = client_for(desk_user).get(reverse("decisions:file",
                                                 args=[decision.public_id, "pdf"]))
    assert response.content == generated(decision)


def test_round_trip_generate_sign_upload_verify_portal_shows_signed(
        ca, decision, client_for, approver_user, officer_a, client):
    signer = make_signer(ca, "Nguyễn Văn Ký")
    web = client_for(approver_user)
    web.cookies["django_language"] = "en"
    to_sign = web.get(reverse("decisions:file", args=[decision.public_id, "pdf"])).content
    signed = sign(to_sign, signer, ca)
    response = web.post(reverse("decisions:sign", args=[decision.public_id]),
                        {"file": _upload(signed)})
    copy = DecisionPdf.objects.get(decision=decision)
    detail = web.get(reverse("decisions:detail", args=[decision.public_id])).content.decode()
    client.logout()
    client.cookies["django_language"] = "vi"
    portal = client.get(reverse("portal:decision_detail", args=[decision.public_id]))
    public_pdf = client.get(reverse("portal:decision_pdf", args=[decision.public_id]))
    assert (response.status_code, response["Location"], bytes(copy.signed), copy.signer_name,
            copy.signer_issuer, copy.organisation_signed, copy.uploaded_by) == (
        302, reverse("decisions:detail", args=[decision.public_id]), signed, "Nguyễn Văn Ký",
        "Common Name: Test Root CA, Country: VN", False, approver_user)
    assert ("Digitally signed" in detail, "Đã ký số" in portal.content.decode(),
            "Nguyễn Văn Ký" in portal.content.decode(), public_pdf.content) == (
        True, True, True, signed)
    assert AuditEntry.objects.filter(action="decisions.decision.signed").get().changes[
        "signer"] == [None, "Nguyễn Văn Ký"]


def test_signed_copy_is_what_units_download_and_the_bundle_carries(
        ca, decision, approver_user, officer_a, board_user, client_for):
    signed = sign(generated(decision), make_signer(ca), ca)
    accept_signed_copy(approver_user, decision, signed)
    unit_copy = client_for(officer_a).get(reverse("decisions:file",
                                                  args=[decision.public_id, "pdf"])).content
    bundle = client_for(board_user).get(reverse("decisions:bundle", args=[decision.public_id]))
    archive = zipfile.ZipFile(io.BytesIO(b"".join(bundle.streaming_content)))
    pdf_name = next(n for n in archive.namelist() if n.endswith(".pdf"))
    assert (unit_copy, archive.read(pdf_name), official_pdf(decision)) == (signed, signed, signed)


def _upload(content: bytes, name="quyet-dinh-ky-so.pdf"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content, content_type="application/pdf")


def test_a_different_pdf_is_refused(ca, decision, approver_user):
    other = prepare_for_signing(_other_document())
    assert refusal(approver_user, decision, sign(other, make_signer(ca), ca))[0] == "generated"
    assert nothing_signed(decision)


def _other_document() -> bytes:
    import weasyprint

    return weasyprint.HTML(string="<p>Quyết định khác</p>").write_pdf()


def test_an_untrusted_signer_is_refused(ca, decision, approver_user):
    stranger_ca = make_ca("Unknown CA")
    signed = sign(generated(decision), make_signer(stranger_ca), stranger_ca)
    code, message = refusal(approver_user, decision, signed)
    assert (code, message) == ("trust", "The signer's certificate (Common Name: Nguyễn Văn Ký, "
                               "Country: VN) does not chain to a trusted certification "
                               "authority configured in the system.")
    assert nothing_signed(decision)


def test_an_expired_certificate_is_refused(ca, decision, approver_user):
    expired = make_signer(ca, valid_days=(-400, -1))
    code, message = refusal(approver_user, decision, sign(generated(decision), expired, ca))
    assert (code, message) == ("expired", "The signer's certificate (Common Name: Nguyễn Văn Ký, "
                               "Country: VN) is not within its validity period.")
    assert nothing_signed(decision)


def test_a_pdf_changed_after_signing_is_refused(ca, decision, approver_user):
    signed = sign(generated(decision), make_signer(ca), ca)
    writer = IncrementalPdfFileWriter(io.BytesIO(signed))
    writer.root["/Lang"] = generic.TextStringObject("en")
    writer.update_root()
    out = io.BytesIO()
    writer.write(out)
    assert refusal(approver_user, decision, out.getvalue())[0] == "coverage"
    assert nothing_signed(decision)


def test_signed_bytes_altered_are_refused(ca, decision, approver_user):
    signed = sign(generated(decision), make_signer(ca), ca)
    # One letter of the producer line the signing revision rewrote (inside the signed range).
    at = signed.index(b"/Producer (WeasyPrint", len(generated(decision))) + len(b"/Producer (")
    altered = signed[:at] + b"V" + signed[at + 1:]
    assert refusal(approver_user, decision, altered)[0] == "integrity"
    assert nothing_signed(decision)


def test_a_change_hidden_in_the_signing_revision_is_refused(ca, decision, approver_user):
    def forge(writer):
        page = writer.root["/Pages"]["/Kids"][0].get_object()
        page["/Contents"] = writer.add_object(
            generic.StreamObject(stream_data=b"BT /F1 24 Tf 100 700 Td (500.000.000) Tj ET"))
        writer.update_container(page)

    signed = sign(generated(decision), make_signer(ca), ca, writer_hook=forge)
    assert refusal(approver_user, decision, signed)[0] == "changes"
    assert nothing_signed(decision)


def test_an_unsigned_file_is_refused(ca, decision, approver_user):
    assert refusal(approver_user, decision, generated(decision)) == (
        "pdf", "The file must carry exactly one digital signature, the signer's; it carries 0.")


def test_without_trust_anchors_nothing_is_accepted(settings, ca, decision, approver_user):
    settings.TDKT_SIGNING_TRUST_ANCHORS = []
    signed = sign(generated(decision), make_signer(ca), ca)
    assert refusal(approver_user, decision, signed)[0] == "trust"


def test_a_refused_upload_on_the_page_names_the_check(ca, decision, approver_user, client_for):
    expired = make_signer(ca, valid_days=(-400, -1))
    web = client_for(approver_user)
    web.cookies["django_language"] = "vi"
    response = web.post(reverse("decisions:sign", args=[decision.public_id]),
                        {"file": _upload(sign(generated(decision), expired, ca))})
    assert (response.status_code, "Kiểm tra chứng thư số không đạt: chứng thư số của người ký "
            "(Common Name: Nguyễn Văn Ký, Country: VN) đã hết hạn hoặc chưa có hiệu lực."
            in response.content.decode()) == (200, True)
    assert nothing_signed(decision)


def test_a_second_upload_is_refused(ca, decision, approver_user, desk_user, client_for):
    signed = sign(generated(decision), make_signer(ca), ca)
    accept_signed_copy(approver_user, decision, signed)
    with pytest.raises(ValidationError) as error:
        accept_signed_copy(desk_user, decision, signed)
    page = client_for(desk_user).get(reverse("decisions:sign", args=[decision.public_id]))
    assert (error.value.messages, page.status_code) == (
        ["Someone else already uploaded the signed copy of this decision."], 403)


def test_organisation_signature_follows_the_signers(settings, tmp_path, ca, decision,
                                                    approver_user):
    organisation = make_signer(ca, "Ủy ban nhân dân tỉnh Thử Nghiệm")
    settings.TDKT_ORGANISATION_PKCS12 = write_pkcs12(tmp_path, organisation, ca, "mat-khau")
    settings.TDKT_ORGANISATION_PKCS12_PASSWORD = "mat-khau"
    signed = sign(generated(decision), make_signer(ca), ca)
    copy = accept_signed_copy(approver_user, decision, signed)
    official = bytes(DecisionPdf.objects.get(decision=decision).signed)
    found = PdfFileReader(io.BytesIO(official)).embedded_signatures
    context = ValidationContext(trust_roots=[ca.asn1], allow_fetching=False)
    statuses = [validate_pdf_signature(s, context) for s in found]
    assert (copy.organisation_signed, official.startswith(signed),
            [s.field_name for s in found], [s.bottom_line for s in statuses],
            [s.coverage for s in statuses]) == (
        True, True, [signatures.SIGNER_FIELD, signatures.ORGANISATION_FIELD], [True, True],
        [SignatureCoverageLevel.ENTIRE_REVISION, SignatureCoverageLevel.ENTIRE_FILE])


def test_a_decision_issued_without_a_kept_copy_keeps_it_at_first_download(
        officer_a, board_user, approver_user, dept_a):
    older = issued(officer_a, board_user, approver_user, dept_a)
    first, second = official_pdf(older), official_pdf(older)
    assert (first, DecisionPdf.objects.filter(decision=older).count()) == (second, 1)


def test_only_uploaders_of_the_issuer_may_upload(ca, decision, client_for, officer_a,
                                                 outsider, board_user):
    url = reverse("decisions:sign", args=[decision.public_id])
    assert [client_for(user).get(url).status_code for user in (officer_a, board_user,
                                                               outsider)] == [403, 403, 404]


def test_the_portal_publishes_no_copy_before_signing(decision, client):
    response = client.get(reverse("portal:decision_pdf", args=[decision.public_id]))
    detail = client.get(reverse("portal:decision_detail", args=[decision.public_id]))
    assert (response.status_code, detail.context["signed"]) == (404, None)


@pytest.mark.parametrize("junk", [b"FFFF", b"3000"])
def test_a_damaged_signature_container_is_refused_not_a_500(ca, decision, approver_user, junk):
    signed = sign(generated(decision), make_signer(ca), ca)
    at = signed.index(b"/Contents <", len(generated(decision))) + len(b"/Contents <")
    damaged = signed[:at] + junk + signed[at + len(junk):]
    assert refusal(approver_user, decision, damaged) == ("pdf", "The file is not a readable PDF.")
    assert nothing_signed(decision)


def test_a_damaged_cross_reference_stream_is_refused_not_a_500(ca, decision, approver_user):
    """Regression: zlib.error (and other parser exceptions found by fuzzing the signer's
    revision) escaped the checks and answered 500."""
    signed = sign(generated(decision), make_signer(ca), ca)
    at = signed.rindex(b">>\nstream\n") + len(b">>\nstream\n") + 2  # past the zlib header
    damaged = signed[:at] + b"\xff\xff\xff\xff" + signed[at + 4:]
    assert refusal(approver_user, decision, damaged) == ("pdf", "The file is not a readable PDF.")
    assert nothing_signed(decision)
