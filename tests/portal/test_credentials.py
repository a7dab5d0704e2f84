"""The portal's credential documents: the issuer's DID document, its status lists and a
certificate's credential, offered on the verification page (issue 17 §3)."""

import json

import pytest
from django.urls import reverse
from joserfc import jws

from decisions.domain import corrections, vc
from decisions.domain.vc_verify import verify
from tests.decisions.helpers import DECIDED_ON, issued


@pytest.fixture
def en(client):
    client.cookies["django_language"] = "en"
    return client


def _published(client, issuer_code, token):
    keys = client.get(reverse("portal:did_document", args=[issuer_code])).json()
    lists = {}
    for purpose in (vc.REVOCATION, vc.MESSAGE):
        body = client.get(reverse("portal:status_list", args=[issuer_code, purpose])).content
        lists[json.loads(jws.extract_compact(body).payload)["id"]] = body.decode()
    return verify(token, keys, lists)


def test_verification_page_offers_the_credential(en, officer_a, board_user, approver_user,
                                                 dept_a):
    decision = issued(officer_a, board_user, approver_user, dept_a)
    certificate = decision.items.get().certificates.get()
    page = en.get(reverse("portal:verify_code", args=[certificate.code])).content.decode()
    download = reverse("portal:credential_download", args=[certificate.code])
    assert (f'href="{download}"' in page, "Its published status: Valid." in page) == (True, True)
    response = en.get(download)
    assert (response["Content-Type"], response.content.decode()) == (
        "application/vc+jwt", certificate.credential.token)


def test_published_documents_verify_then_show_revoked(en, officer_a, board_user,
                                                       approver_user, dept_a):
    decision = issued(officer_a, board_user, approver_user, dept_a)
    item = decision.items.get()
    token = item.certificates.get().credential.token
    assert _published(en, dept_a.code, token).status == "valid"
    corrections.revoke_item(board_user, item, reason="Gian lận", decision_number="7/QĐ-SGDĐT",
                            decision_date=DECIDED_ON, decision_issuer="Giám đốc Sở GDĐT")
    assert _published(en, dept_a.code, token).status == "revoked"


def test_unknown_issuer_code_or_purpose_is_404(en, officer_a, board_user, approver_user,
                                               dept_a, dept_b):
    issued(officer_a, board_user, approver_user, dept_a)
    urls = [reverse("portal:did_document", args=[dept_b.code]),  # has issued nothing
            reverse("portal:did_document", args=["NO-SUCH"]),
            reverse("portal:status_list", args=[dept_b.code, "revocation"]),
            reverse("portal:status_list", args=[dept_a.code, "suspension"]),
            reverse("portal:credential_download", args=["ABCDE-FGHJK"])]
    assert [en.get(url).status_code for url in urls] == [404] * 5


def test_did_document_names_the_issuer_and_its_key(en, officer_a, board_user, approver_user,
                                                   dept_a):
    issued(officer_a, board_user, approver_user, dept_a)
    document = en.get(reverse("portal:did_document", args=[dept_a.code])).json()
    method = document["verificationMethod"][0]
    assert (document["id"], method["controller"], sorted(method["publicKeyJwk"])) == (
        vc.issuer_did("http://tdkt.test", dept_a.code), document["id"], ["crv", "kty", "x", "y"])
