"""Certificates as verifiable credentials (issue 17 §3): issued with the certificate, signed
with the issuer's key, status published in the issuer's Bitstring Status List, verified with
the published documents only."""

import base64
import json

import pytest
from joserfc import jws
from joserfc.jwk import ECKey

from accounts.domain.sealing import unseal
from audit.models import AuditEntry
from decisions.domain import corrections, credential_keys, issuing, vc
from decisions.domain.credentials import signed_status_list
from decisions.domain.vc_verify import CredentialRefused, verify
from decisions.models import Credential, IssuerKey
from tests.decisions.helpers import DECIDED_ON, issued


def _payload(token: str) -> dict:
    return json.loads(jws.extract_compact(token.encode()).payload)


def _lists(issuer) -> dict[str, str]:
    tokens = [signed_status_list(None, issuer, purpose) for purpose in (vc.REVOCATION,
                                                                        vc.MESSAGE)]
    return {_payload(token)["id"]: token for token in tokens}


def _revoke(board_user, item):
    corrections.revoke_item(board_user, item, reason="Kê khai không trung thực",
                            decision_number="09/QĐ-SGDĐT", decision_date=DECIDED_ON,
                            decision_issuer="Giám đốc Sở Giáo dục và Đào tạo")


def test_issuing_signs_one_credential_per_certificate(officer_a, board_user, approver_user,
                                                      dept_a):
    decision = issued(officer_a, board_user, approver_user, dept_a, people=2)
    credentials = list(Credential.objects.filter(certificate__item__decision=decision)
                       .order_by("status_index"))
    assert [c.status_index for c in credentials] == [0, 1]
    item = decision.items.get(ordinal=1)
    document = _payload(credentials[0].token)
    subject = document["credentialSubject"]
    assert (document["type"], document["@context"][0], document["issuer"]["id"]) == (
        ["VerifiableCredential", "OpenBadgeCredential"], vc.VC_CONTEXT,
        "did:web:tdkt.test:cong-khai:chung-nhan:" + dept_a.code)
    assert (subject["name"], subject["unit"], subject["achievement"]["awardCategory"],
            subject["achievement"]["name"]) == (
        item.recipient_name, item.unit.name, "hinh_thuc", item.award_type.name)
    assert jws.extract_compact(credentials[0].token.encode()).protected["typ"] == "vc+jwt"


def test_credential_holds_no_personal_data(officer_a, board_user, approver_user, dept_a):
    decision = issued(officer_a, board_user, approver_user, dept_a)
    person = decision.items.get().person
    token = Credential.objects.get(certificate__item__decision=decision).token
    text = json.dumps(_payload(token), ensure_ascii=False)
    assert [value for value in (person.cccd, person.birth_date.isoformat() if person.birth_date
                                else None, str(person.public_id)) if value and value in text] == []


def test_private_key_is_stored_sealed(officer_a, board_user, approver_user, dept_a):
    issued(officer_a, board_user, approver_user, dept_a)
    key = IssuerKey.objects.get(issuer=dept_a)
    assert ("PRIVATE KEY" in key.private_sealed, "PRIVATE KEY" in unseal(key.private_sealed)) == (
        False, True)
    assert AuditEntry.objects.filter(action="decisions.key.generate").count() == 1


def test_valid_credential_verifies_with_published_documents(officer_a, board_user,
                                                           approver_user, dept_a):
    decision = issued(officer_a, board_user, approver_user, dept_a)
    token = Credential.objects.get(certificate__item__decision=decision).token
    verdict = verify(token, credential_keys.did_document(dept_a), _lists(dept_a))
    assert verdict.status == "valid"


def test_revoked_credential_shows_revoked(officer_a, board_user, approver_user, dept_a):
    decision = issued(officer_a, board_user, approver_user, dept_a, people=2)
    _revoke(board_user, decision.items.get(ordinal=2))
    tokens = dict(Credential.objects.filter(certificate__item__decision=decision)
                  .values_list("certificate__item__ordinal", "token"))
    statuses = [verify(tokens[n], credential_keys.did_document(dept_a), _lists(dept_a)).status
                for n in (1, 2)]
    assert statuses == ["valid", "revoked"]


def test_corrected_credential_shows_corrected_and_its_replacement_valid(
        officer_a, board_user, approver_user, dept_a):
    decision = issued(officer_a, board_user, approver_user, dept_a)
    item = decision.items.get()
    amending = corrections.request_correction(board_user, item, reason="Sai chính tả họ tên",
                                              recipient_name="Nguyễn Thị Đúng",
                                              recipient_detail="Giáo viên, Trường A")
    issuing.issue_decision(approver_user, amending, date=DECIDED_ON)
    old = item.certificates.get().credential.token
    new = amending.items.get().certificates.get().credential.token
    keys, lists = credential_keys.did_document(dept_a), _lists(dept_a)
    assert (verify(old, keys, lists).status, verify(new, keys, lists).status) == (
        "corrected", "valid")
    assert _payload(new)["credentialSubject"]["name"] == "Nguyễn Thị Đúng"


def test_broken_proof_is_refused(officer_a, board_user, approver_user, dept_a):
    decision = issued(officer_a, board_user, approver_user, dept_a)
    token = Credential.objects.get(certificate__item__decision=decision).token
    header, payload, signature = token.split(".")
    document = _payload(token)
    document["credentialSubject"]["name"] = "Người Khác"
    forged_payload = base64.urlsafe_b64encode(vc.canonical_json(document)).decode().rstrip("=")
    with pytest.raises(CredentialRefused, match="proof is broken"):
        verify(f"{header}.{forged_payload}.{signature}", credential_keys.did_document(dept_a))


def test_credential_signed_by_another_key_is_refused(officer_a, board_user, approver_user,
                                                     dept_a):
    decision = issued(officer_a, board_user, approver_user, dept_a)
    token = Credential.objects.get(certificate__item__decision=decision).token
    impostor = ECKey.generate_key("P-256", private=True)
    did = credential_keys.did_for(dept_a)
    document = {"id": did, "verificationMethod": [
        {"id": f"{did}#{impostor.thumbprint()}", "publicKeyJwk": impostor.as_dict()}]}
    with pytest.raises(CredentialRefused, match="not in the issuer's key document"):
        verify(token, document)


def test_rotated_key_keeps_verifying_older_credentials(officer_a, board_user, approver_user,
                                                       dept_a):
    first = issued(officer_a, board_user, approver_user, dept_a)
    credential_keys.generate_issuer_key(None, dept_a, reason="rotation")
    second = issued(officer_a, board_user, approver_user, dept_a)
    keys, lists = credential_keys.did_document(dept_a), _lists(dept_a)
    tokens = [Credential.objects.get(certificate__item__decision=d).token for d in (first,
                                                                                    second)]
    assert [verify(t, keys, lists).status for t in tokens] == ["valid", "valid"]
    assert len(keys["verificationMethod"]) == 2


def test_status_list_is_at_least_131072_entries(officer_a, board_user, approver_user, dept_a):
    issued(officer_a, board_user, approver_user, dept_a)
    subject = _payload(signed_status_list(None, dept_a, vc.REVOCATION))["credentialSubject"]
    assert (vc.decode_value(subject["encodedList"], 131_071),
            subject["statusPurpose"]) == (0, "revocation")
    with pytest.raises(IndexError):
        vc.decode_value(subject["encodedList"], 131_072)


@pytest.mark.parametrize("values,size", [({0: 1, 7: 1, 8: 1, 131_071: 1}, 1),
                                         ({0: 2, 3: 1, 65_535: 3}, 2)])
def test_bitstring_round_trip(values, size):
    encoded = vc.encode_bits(values, 131_072, size)
    assert {i: vc.decode_value(encoded, i, size) for i in values} == values
    assert vc.decode_value(encoded, 1, size) == 0
