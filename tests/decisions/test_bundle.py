"""The exchange bundle: open the ZIP, read its manifest and compare it with the database."""

import hashlib
import io
import json
import xml.etree.ElementTree as ET
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from audit.models import AuditEntry
from core.uploads import private_path
from decisions.domain import issuing
from decisions.domain.vc_verify import verify
from decisions.interfaces.bundle import segment
from proposals.domain import dossier, workflow
from proposals.enums import DocumentType, Opinion
from proposals.models import DossierDocument
from tests.api.test_api import API, bearer
from tests.decisions.helpers import DECIDED_ON, draft_for
from tests.proposals.helpers import complete_dossier, draft

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def en(client):
    client.cookies["django_language"] = "en"
    return client


def _decided(officer, board, approver, unit, *, people=2):
    """An issued decision over one proposal whose dossier has generated documents, one PDF
    upload for a nominee, and one withdrawn upload (which must stay out of the bundle)."""
    proposal = draft(officer, unit, unit, people=people)
    complete_dossier(officer, proposal)
    nominee = proposal.nominees.order_by("id").first()
    dossier.attach_document(officer, proposal, doc_type=DocumentType.OTHER, file_kind="pdf",
                            uploaded=SimpleUploadedFile("../../etc/Bằng chứng.pdf", PDF),
                            nominee=nominee, title="Minh chứng")
    wrong = dossier.attach_document(officer, proposal, doc_type=DocumentType.OTHER,
                                    file_kind="pdf",
                                    uploaded=SimpleUploadedFile("sai.pdf", PDF))
    dossier.withdraw_document(officer, wrong, reason="Nhầm tệp")
    workflow.submit(officer, proposal)
    workflow.assign_appraisers(board, proposal, [board])
    for each in proposal.nominees.all():
        workflow.record_opinion(board, each, opinion=Opinion.AGREE)
    workflow.finish_appraisal(board, proposal)
    proposal.refresh_from_db()
    decision = draft_for(board, [proposal], unit)
    return issuing.issue_decision(approver, decision, date=DECIDED_ON), proposal


def _open(content: bytes) -> tuple[zipfile.ZipFile, dict]:
    archive = zipfile.ZipFile(io.BytesIO(content))
    return archive, json.loads(archive.read("manifest.json"))


def _download(client, decision) -> bytes:
    return b"".join(client.get(reverse("decisions:bundle",
                                       args=[decision.public_id])).streaming_content)


def test_manifest_describes_the_decision_awardees_and_files(en, officer_a, board_user,
                                                            approver_user, dept_a):
    decision, proposal = _decided(officer_a, board_user, approver_user, dept_a)
    en.force_login(board_user)
    archive, manifest = _open(_download(en, decision))
    items = list(decision.items.select_related("person", "unit", "award_type")
                 .order_by("ordinal"))
    assert manifest["decision"] == {
        "id": str(decision.public_id), "kind": "award", "state": "issued",
        "number": "01/QĐ-SGDĐT", "number_value": 1, "symbol": "QĐ-SGDĐT", "year": 2026,
        "date": "2026-01-05", "summary": "Về việc tặng Giấy khen",
        "issuer": {"code": dept_a.code, "name": dept_a.name},
        "authority_title": "Giám đốc Sở Giáo dục và Đào tạo",
        "signer": {"prefix": "", "title": "Giám đốc", "name": "Nguyễn Văn Ký"},
        "award": decision.award_type.code if decision.award_type_id else None,
        "amends": None}
    assert manifest["awardees"] == [{
        "ordinal": i.ordinal, "name": i.recipient_name, "detail": i.recipient_detail,
        "subject_kind": "individual", "cccd": i.person.cccd,
        "unit": {"code": dept_a.code, "name": dept_a.name}, "form_code": "giay_khen",
        "form_name": i.award_type.name, "award_kind": i.kind, "year": i.year,
        "money": i.money, "certificates": [c.code for c in i.certificates.all()],
        "revocation": None}
        for i in items]
    documents = DossierDocument.objects.filter(proposal=proposal, withdrawn=False)
    assert sorted((f["doc_type"], f["sha256"], f["size"]) for f in manifest["files"]
                  if f["proposal"]) == sorted((d.doc_type, d.sha256, d.size)
                                              for d in documents)
    assert manifest["proposals"] == [{"code": proposal.code, "title": proposal.title,
                                      "unit": dept_a.code, "files_included": True}]
    assert manifest["missing"] == []
    # Every listed file is in the ZIP with that size and digest; nothing else is.
    for entry in manifest["files"]:
        content = archive.read(entry["path"])
        assert (len(content), hashlib.sha256(content).hexdigest()) == (entry["size"],
                                                                        entry["sha256"])
    assert sorted(archive.namelist()) == sorted(
        [f["path"] for f in manifest["files"]] + ["manifest.json", "manifest.xml"])


def test_file_names_are_ours_and_deterministic(en, officer_a, board_user, approver_user,
                                               dept_a):
    decision, proposal = _decided(officer_a, board_user, approver_user, dept_a, people=1)
    en.force_login(board_user)
    _archive, manifest = _open(_download(en, decision))
    _again, second = _open(_download(en, decision))
    folder = f"ho-so/{segment(proposal.code)}"
    nominee = proposal.nominees.get().public_id.hex[:8]
    code = decision.items.get().certificates.get().code
    assert [(f["path"], f["role"], f["mime_type"]) for f in manifest["files"]] == [
        ("quyet-dinh/01-qd-sgddt-2026.docx", "decision",
         "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        ("quyet-dinh/01-qd-sgddt-2026.pdf", "decision", "application/pdf"),
        (f"chung-nhan-so/{segment(code)}.jwt", "credential", "application/vc+jwt"),
        ("chung-nhan-so/did.json", "issuer_key_document", "application/did+json"),
        (f"{folder}/01-bao-cao-thanh-tich.docx", "generated_document",
         "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        (f"{folder}/02-bien-ban-xet.docx", "generated_document",
         "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        (f"{folder}/03-khac-{nominee}.pdf", "dossier_document", "application/pdf"),
        (f"{folder}/04-to-trinh.docx", "generated_document",
         "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    ]
    assert [f["path"] for f in second["files"]] == [f["path"] for f in manifest["files"]]
    assert manifest["files"][6]["original_name"] == "Bằng chứng.pdf"


def test_manifest_xml_carries_the_same_data(en, officer_a, board_user, approver_user, dept_a):
    decision, _proposal = _decided(officer_a, board_user, approver_user, dept_a, people=1)
    en.force_login(board_user)
    archive, manifest = _open(_download(en, decision))
    root = ET.fromstring(archive.read("manifest.xml"))
    assert root.findtext("decision/number") == manifest["decision"]["number"]
    assert [f.findtext("sha256") for f in root.findall("files/file")] == [
        f["sha256"] for f in manifest["files"]]
    assert root.findtext("awardees/awardee/cccd") == manifest["awardees"][0]["cccd"]


def test_cccd_only_for_users_who_may_keep_the_record(en, officer_a, board_user,
                                                     approver_user, dept_a):
    decision, _proposal = _decided(officer_a, board_user, approver_user, dept_a)
    en.force_login(approver_user)  # an approver signs but does not keep people's records
    _archive, manifest = _open(_download(en, decision))
    assert [a["cccd"] for a in manifest["awardees"]] == [None, None]


def test_export_is_audited(en, officer_a, board_user, approver_user, dept_a):
    decision, _proposal = _decided(officer_a, board_user, approver_user, dept_a)
    en.force_login(board_user)
    _download(en, decision)
    entry = AuditEntry.objects.get(action="decisions.decision.export_bundle")
    assert (entry.actor, entry.object_id, entry.unit, entry.changes["files"],
            entry.changes["cccd_included"], entry.changes["channel"]) == (
        board_user, str(decision.public_id), dept_a, [None, 9], [None, 2], [None, "web"])


def test_a_file_gone_from_disk_is_listed_as_missing(en, officer_a, board_user, approver_user,
                                                    dept_a):
    decision, proposal = _decided(officer_a, board_user, approver_user, dept_a, people=1)
    gone = DossierDocument.objects.get(proposal=proposal, doc_type=DocumentType.SUBMISSION_LETTER)
    private_path(gone.path).unlink()
    en.force_login(board_user)
    _archive, manifest = _open(_download(en, decision))
    assert [(m["doc_type"], m["original_name"]) for m in manifest["missing"]] == [
        ("to_trinh", "to_trinh.docx")]
    assert "to_trinh" not in [f["doc_type"] for f in manifest["files"]]


def test_outsider_and_unit_officer_cannot_export(en, officer_a, board_user, approver_user,
                                                 outsider, dept_a):
    decision, _proposal = _decided(officer_a, board_user, approver_user, dept_a, people=1)
    url = reverse("decisions:bundle", args=[decision.public_id])
    en.force_login(outsider)
    assert en.get(url).status_code == 404
    en.force_login(officer_a)  # reads the decision but does not send bundles
    assert en.get(url).status_code == 403
    assert not AuditEntry.objects.filter(action="decisions.decision.export_bundle").exists()


def test_a_draft_cannot_be_exported(en, officer_a, board_user, dept_a):
    from tests.proposals.helpers import appraised

    decision = draft_for(board_user, [appraised(officer_a, board_user, dept_a, dept_a)], dept_a)
    en.force_login(board_user)
    assert en.get(reverse("decisions:bundle", args=[decision.public_id])).status_code == 403
    page = en.get(reverse("decisions:detail", args=[decision.public_id]))
    assert b"Exchange bundle (ZIP)" not in page.content


def test_detail_page_offers_the_bundle_to_the_board(en, officer_a, board_user, approver_user,
                                                    dept_a):
    decision, _proposal = _decided(officer_a, board_user, approver_user, dept_a, people=1)
    en.force_login(board_user)
    page = en.get(reverse("decisions:detail", args=[decision.public_id]))
    assert reverse("decisions:bundle", args=[decision.public_id]).encode() in page.content


def test_api_bundle_with_token(client, officer_a, board_user, approver_user, outsider, dept_a):
    decision, _proposal = _decided(officer_a, board_user, approver_user, dept_a, people=1)
    url = f"{API}/decisions/{decision.public_id}/bundle"
    response = client.get(url, **bearer(board_user))
    _archive, manifest = _open(b"".join(response.streaming_content))
    assert (response.status_code, response["Content-Type"]) == (200, "application/zip")
    assert manifest["decision"]["number"] == "01/QĐ-SGDĐT"
    assert client.get(url, HTTP_ACCEPT_LANGUAGE="en", **bearer(outsider)).json() == {
        "detail": "Not found."}
    assert client.get(url, HTTP_ACCEPT_LANGUAGE="en", **bearer(officer_a)).status_code == 403
    assert client.get(url).status_code == 401
    assert AuditEntry.objects.get(action="decisions.decision.export_bundle").changes[
        "channel"] == [None, "api"]


def test_manifest_names_the_revoking_decision(en, officer_a, board_user, approver_user, dept_a,
                                              settings, tmp_path):
    from decisions.domain import corrections

    settings.PRIVATE_MEDIA_ROOT = tmp_path
    decision, _proposal = _decided(officer_a, board_user, approver_user, dept_a)
    first, second = decision.items.order_by("ordinal")
    corrections.revoke_item(board_user, second, reason="Gian lận hồ sơ",
                            decision_number="15/QĐ-SGDĐT", decision_date=DECIDED_ON,
                            decision_issuer="Giám đốc Sở Giáo dục và Đào tạo")
    en.force_login(board_user)
    _archive, manifest = _open(_download(en, decision))
    assert [a["revocation"] for a in manifest["awardees"]] == [None, {
        "decision_number": "15/QĐ-SGDĐT", "decision_date": "2026-01-05",
        "issuer": "Giám đốc Sở Giáo dục và Đào tạo", "reason": "Gian lận hồ sơ"}]


def test_bundle_credentials_verify_with_the_key_document_it_carries(en, officer_a, board_user,
                                                                    approver_user, dept_a):
    decision, _proposal = _decided(officer_a, board_user, approver_user, dept_a)
    en.force_login(board_user)
    archive, manifest = _open(_download(en, decision))
    keys = json.loads(archive.read("chung-nhan-so/did.json"))
    names = sorted(verify(archive.read(f["path"]).decode(), keys).credential[
        "credentialSubject"]["name"] for f in manifest["files"] if f["role"] == "credential")
    assert names == sorted(decision.items.values_list("recipient_name", flat=True))
