"""The issuing authorities' signing keys: generated per authority (command `credentials
keygen`, or at the first issue), the private half sealed before it is stored, the public half
published in the authority's DID document on the portal."""

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from joserfc.jwk import ECKey

from accounts.domain.sealing import seal, unseal
from audit.domain.record import record
from decisions.domain import vc
from decisions.models import IssuerKey


@transaction.atomic
def generate_issuer_key(actor, issuer, *, reason: str = "") -> IssuerKey:
    """A new P-256 key for `issuer`; the active key (if any) is retired, and keeps verifying
    what it signed (it stays in the DID document). kid = the JWK thumbprint (RFC 7638).
    Side effect: audit `decisions.key.generate`."""
    key = ECKey.generate_key("P-256", private=True)
    retired = IssuerKey.objects.select_for_update().filter(issuer=issuer, retired_at__isnull=True)
    retired_kids = list(retired.values_list("kid", flat=True))
    retired.update(retired_at=timezone.now())
    issuer_key = IssuerKey.objects.create(
        issuer=issuer, kid=key.thumbprint(), public_jwk=key.as_dict(private=False),
        private_sealed=seal(key.as_pem(private=True).decode()))
    record(actor, "decisions.key.generate", issuer_key, unit=issuer, reason=reason,
           changes={"kid": [retired_kids[0] if retired_kids else None, issuer_key.kid]})
    return issuer_key


def active_key(actor, issuer) -> IssuerKey:
    """The issuer's signing key; generated on first use so that issuing a decision never waits
    for an administrator (`credentials keygen` rotates it)."""
    key = IssuerKey.objects.filter(issuer=issuer, retired_at__isnull=True).first()
    return key or generate_issuer_key(actor, issuer, reason="first credential")


def private_key(issuer_key: IssuerKey) -> ECKey:
    return ECKey.import_key(unseal(issuer_key.private_sealed))


def site_url() -> str:
    return settings.TDKT_SITE_URL.rstrip("/")


def did_for(issuer) -> str:
    return vc.issuer_did(site_url(), issuer.code)


def did_document(issuer) -> dict:
    """The authority's DID document (did:web): every key it ever had, so that credentials
    signed before a rotation still verify; the active key first."""
    did = did_for(issuer)
    keys = sorted(IssuerKey.objects.filter(issuer=issuer),
                  key=lambda k: (k.retired_at is not None, -k.created_at.timestamp()))
    methods = [{"id": f"{did}#{k.kid}", "type": "JsonWebKey", "controller": did,
                "publicKeyJwk": k.public_jwk} for k in keys]
    return {"@context": ["https://www.w3.org/ns/did/v1", "https://www.w3.org/ns/cid/v1"],
            "id": did, "name": issuer.name, "verificationMethod": methods,
            "assertionMethod": [m["id"] for m in methods]}
