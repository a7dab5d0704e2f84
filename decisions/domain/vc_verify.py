"""Verifying a TĐKT credential with only what the issuer publishes — its DID document (or a
JWKS) and its status lists — and no database: what `manage.py credentials verify` runs, and
what any third party can repeat with a JOSE library (docs/credentials.md).

Checks, in order, each refused with its own message: the token is a compact JWS of type vc+jwt
signed with ES256; its key is one the key document publishes; the signature holds; the payload
is a VC 2.0 credential whose issuer is the key's controller; it is already valid; and, when the
status list is given, that list is itself signed by the same issuer and says valid, corrected
or revoked."""

import datetime
import json
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from joserfc import jws
from joserfc.errors import JoseError
from joserfc.jwk import ECKey

from decisions.domain import vc


class CredentialRefused(ValueError):
    """The credential fails a check; the message says which."""


@dataclass
class Verdict:
    credential: dict
    status: str = "unknown"  # valid | corrected | revoked | unknown (no status list given)
    notes: list[str] = field(default_factory=list)


def keys_from(document: dict) -> dict[str, ECKey]:
    """Public keys by their full id (`did#kid`) from a DID document, or by `kid` from a JWKS."""
    if "verificationMethod" in document:
        pairs = [(m["id"], m["publicKeyJwk"]) for m in document["verificationMethod"]
                 if "publicKeyJwk" in m]
    else:
        pairs = [(k.get("kid", ""), k) for k in document.get("keys", [])]
    return {kid: ECKey.import_key(jwk) for kid, jwk in pairs}


def _key_for(kid: str, keys: dict[str, ECKey]) -> ECKey:
    # A JWKS names a key by the thumbprint alone: accept the fragment of the header's kid too.
    key = keys.get(kid) or keys.get(kid.rpartition("#")[2])
    if key is None:
        raise CredentialRefused(_("The key that signed this credential (%(kid)s) is not in the "
                                  "issuer's key document.") % {"kid": kid})
    return key


def open_token(token: str, keys: dict[str, ECKey]) -> dict:
    """The verified payload of a vc+jwt token signed by one of `keys`."""
    try:
        header = jws.extract_compact(token.strip().encode()).protected
    except (JoseError, ValueError) as error:
        raise CredentialRefused(_("This is not a signed credential (compact JWS): %(error)s")
                                % {"error": error}) from error
    if header.get("typ") != vc.JWS_TYPE or header.get("alg") != vc.ALGORITHM:
        raise CredentialRefused(_("Unexpected credential type or algorithm (%(typ)s, %(alg)s).")
                                % {"typ": header.get("typ"), "alg": header.get("alg")})
    kid = header.get("kid", "")
    try:
        payload = jws.deserialize_compact(token.strip(), _key_for(kid, keys),
                                          algorithms=[vc.ALGORITHM]).payload
    except JoseError as error:
        raise CredentialRefused(_("The credential's proof is broken: the signature does not "
                                  "match its content (it was altered or signed with another "
                                  "key).")) from error
    document = json.loads(payload)
    issuer = document.get("issuer")
    issuer_id = issuer.get("id") if isinstance(issuer, dict) else issuer
    if "#" in kid and kid.partition("#")[0] != issuer_id:
        raise CredentialRefused(_("The credential names issuer %(issuer)s but was signed by "
                                  "a key of %(signer)s.") % {"issuer": issuer_id,
                                                             "signer": kid.partition("#")[0]})
    return document


def _status_value(entry: dict, lists: dict[str, str], keys, issuer_id: str) -> int | None:
    token = lists.get(entry["statusListCredential"])
    if token is None:
        return None
    status_list = open_token(token, keys)
    subject = status_list["credentialSubject"]
    if status_list.get("issuer") != issuer_id or subject["statusPurpose"] != entry[
            "statusPurpose"]:
        raise CredentialRefused(_("The status list is not this issuer's list of this purpose."))
    try:
        return vc.decode_value(subject["encodedList"], int(entry["statusListIndex"]),
                               int(subject.get("statusSize", 1)))
    except (IndexError, ValueError) as error:
        raise CredentialRefused(_("The status list is too short or malformed.")) from error


def verify(token: str, key_document: dict, status_lists: dict[str, str] | None = None, *,
           now: datetime.datetime | None = None) -> Verdict:
    """Check `token` against the published documents; raises CredentialRefused."""
    keys = keys_from(key_document)
    document = open_token(token, keys)
    if vc.VC_CONTEXT not in document.get("@context", []) or (
            "VerifiableCredential" not in document.get("type", [])):
        raise CredentialRefused(_("The payload is not a W3C Verifiable Credential 2.0."))
    now = now or datetime.datetime.now(datetime.UTC)
    if datetime.datetime.fromisoformat(document["validFrom"]) > now:
        raise CredentialRefused(_("The credential is not valid before %(date)s.")
                                % {"date": document["validFrom"]})
    issuer = document["issuer"]
    issuer_id = issuer.get("id") if isinstance(issuer, dict) else issuer
    verdict = Verdict(credential=document)
    by_purpose = {}
    for entry in document.get("credentialStatus", []):
        value = _status_value(entry, status_lists or {}, keys, issuer_id)
        if value is not None:
            by_purpose[entry["statusPurpose"]] = value
    if vc.MESSAGE in by_purpose:
        names = {value: name for name, value in vc.STATUS_VALUES.items()}
        verdict.status = names.get(by_purpose[vc.MESSAGE], "unknown")
    elif vc.REVOCATION in by_purpose:
        verdict.status = "revoked" if by_purpose[vc.REVOCATION] else "valid"
    return verdict
