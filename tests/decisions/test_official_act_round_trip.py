"""Issue 17's round trip in one walk: generate → sign with the test CA → upload → verify → the
portal shows the signed copy → revoke → the status list says revoked → the offline verifier (no
database) says revoked."""

import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation

from decisions.domain import corrections, credential_keys, vc
from decisions.domain.credentials import signed_status_list
from tests.decisions.helpers import DECIDED_ON, issued_with_pdf
from tests.decisions.pki import make_ca, make_signer, sign, write_anchor


def _verify_offline(folder) -> str:
    out = io.StringIO()
    with translation.override("en"):
        _call(folder, out)
    return out.getvalue()


def _call(folder, out) -> None:
    call_command("credentials", "verify", str(folder / "cred.jwt"), "--offline",
                 "--keys", str(folder / "did.json"), "--status", str(folder / "revocation.jwt"),
                 "--status", str(folder / "message.jwt"), stdout=out)


def _publish(folder, unit) -> None:
    """What a third party saves from the portal: the issuer's key document and status lists."""
    (folder / "did.json").write_text(json.dumps(credential_keys.did_document(unit)))
    for purpose in (vc.REVOCATION, vc.MESSAGE):
        (folder / f"{purpose}.jwt").write_text(signed_status_list(None, unit, purpose))


def test_signed_decision_then_revoked_credential(settings, tmp_path, client, client_for,
                                                 officer_a, board_user, desk_user,
                                                 approver_user, dept_a):
    ca = make_ca()
    settings.TDKT_SIGNING_TRUST_ANCHORS = [write_anchor(tmp_path, ca)]
    settings.TDKT_ORGANISATION_PKCS12 = ""
    decision = issued_with_pdf(officer_a, board_user, desk_user, dept_a)
    web = client_for(approver_user)
    to_sign = web.get(reverse("decisions:file", args=[decision.public_id, "pdf"])).content
    signed = sign(to_sign, make_signer(ca, "Nguyễn Văn Ký"), ca)
    upload = SimpleUploadedFile("qd-ky-so.pdf", signed, content_type="application/pdf")
    uploaded = web.post(reverse("decisions:sign", args=[decision.public_id]), {"file": upload})
    portal = client.get(reverse("portal:decision_detail", args=[decision.public_id]),
                        HTTP_ACCEPT_LANGUAGE="vi").content.decode()
    public_pdf = client.get(reverse("portal:decision_pdf", args=[decision.public_id])).content
    assert (uploaded.status_code, "Đã ký số" in portal, public_pdf) == (302, True, signed)

    item = decision.items.get()
    (tmp_path / "cred.jwt").write_text(item.certificates.get().credential.token)
    _publish(tmp_path, dept_a)
    assert _verify_offline(tmp_path).splitlines()[-1] == "Status: valid (còn hiệu lực)"

    corrections.revoke_item(board_user, item, reason="Kê khai không trung thực",
                            decision_number="7/QĐ-SGDĐT", decision_date=DECIDED_ON,
                            decision_issuer="Giám đốc Sở GDĐT")
    _publish(tmp_path, dept_a)
    with pytest.raises(CommandError) as refused:
        _verify_offline(tmp_path)
    assert (str(refused.value), refused.value.returncode) == ("revoked (đã thu hồi)", 2)
