"""`manage.py credentials verify` checks a credential with the published documents only — no
database — and `keygen` / `issue-missing` manage keys and older certificates (issue 17 §3)."""

import io
import json

import pytest
from django.core.management import CommandError, call_command
from joserfc import jws

from decisions.domain import corrections, credential_keys, vc
from decisions.domain.credentials import signed_status_list
from decisions.models import Credential, IssuerKey
from tests.decisions.helpers import DECIDED_ON, issued


@pytest.fixture
def published(tmp_path, officer_a, board_user, approver_user, dept_a):
    """The credential, the DID document and both status lists, written as a third party
    would save them; returns a function re-saving the lists and the paths."""
    decision = issued(officer_a, board_user, approver_user, dept_a)
    item = decision.items.get()
    (tmp_path / "cred.jwt").write_text(item.certificates.get().credential.token)
    (tmp_path / "did.json").write_text(json.dumps(credential_keys.did_document(dept_a)))

    def save_lists():
        for purpose in (vc.REVOCATION, vc.MESSAGE):
            (tmp_path / f"{purpose}.jwt").write_text(signed_status_list(None, dept_a, purpose))
    save_lists()
    return item, save_lists


def _verify(tmp_path, token_file="cred.jwt"):
    out = io.StringIO()
    call_command("credentials", "verify", str(tmp_path / token_file), "--offline",
                 "--keys", str(tmp_path / "did.json"),
                 "--status", str(tmp_path / "revocation.jwt"),
                 "--status", str(tmp_path / "message.jwt"), stdout=out)
    return out.getvalue()


def test_verify_valid_credential_reads_no_database(tmp_path, published,
                                                   django_assert_num_queries):
    item, _save = published
    with django_assert_num_queries(0):
        output = _verify(tmp_path)
    assert output.splitlines()[0] == "Proof: OK"
    assert output.splitlines()[-1] == "Status: valid (còn hiệu lực)"
    assert f"Awarded to: {item.recipient_name} — {item.unit.name}" in output


def test_verify_revoked_credential_says_revoked(tmp_path, published, board_user):
    item, save_lists = published
    corrections.revoke_item(board_user, item, reason="Gian lận", decision_number="7/QĐ-SGDĐT",
                            decision_date=DECIDED_ON, decision_issuer="Giám đốc Sở GDĐT")
    save_lists()
    with pytest.raises(CommandError) as refused:
        _verify(tmp_path)
    assert (str(refused.value), refused.value.returncode) == ("revoked (đã thu hồi)", 2)


def test_verify_broken_proof_is_refused_with_a_clear_message(tmp_path, published):
    token = (tmp_path / "cred.jwt").read_text()
    header, payload, signature = token.split(".")
    tampered = signature[:-4] + ("AAAA" if signature[-4:] != "AAAA" else "BBBB")
    (tmp_path / "forged.jwt").write_text(f"{header}.{payload}.{tampered}")
    with pytest.raises(CommandError) as refused:
        _verify(tmp_path, "forged.jwt")
    assert str(refused.value) == (
        "Refused: The credential's proof is broken: the signature does not match its content "
        "(it was altered or signed with another key).")


def test_verify_garbage_file_is_refused(tmp_path, published):
    (tmp_path / "junk.jwt").write_text("not a credential")
    with pytest.raises(CommandError, match="^Refused: This is not a signed credential"):
        _verify(tmp_path, "junk.jwt")


def test_keygen_rotates_and_issue_missing_fills_older_certificates(tmp_path, published,
                                                                   dept_a):
    item, _save = published
    Credential.objects.all().delete()  # certificates issued before credentials existed
    out = io.StringIO()
    call_command("credentials", "keygen", "--issuer", dept_a.code, stdout=out)
    call_command("credentials", "issue-missing", stdout=out)
    kid = IssuerKey.objects.get(issuer=dept_a, retired_at__isnull=True).kid
    assert out.getvalue().splitlines() == [f"{dept_a.code}: {kid}", "1"]
    token = item.certificates.get().credential.token
    assert jws.extract_compact(token.encode()).protected["kid"].endswith("#" + kid)


def test_keygen_unknown_issuer_is_refused(db):
    with pytest.raises(CommandError, match="No unit has the code NO-SUCH"):
        call_command("credentials", "keygen", "--issuer", "NO-SUCH")
