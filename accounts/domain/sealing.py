"""Sealing small secrets (TOTP keys, the issuing authorities' credential keys) before they are
stored, so that a database dump alone does not give them away.

The key is `TDKT_SECRETS_KEY` when set (a dedicated secret, so that rotating SECRET_KEY does not
lock everyone out of two-factor sign-in), else derived from SECRET_KEY. Either way it lives in the
environment, not in the database.

Construction: AES-256-GCM from the `cryptography` library (authenticated encryption: a value
altered or sealed under another key fails to open), with a fresh 96-bit random nonce per value
and the key derived from the secret with HKDF-SHA256. Stored as `s2:` + base64url(nonce ‖
ciphertext ‖ tag). Values sealed by the earlier hand-built construction (`s1:`) are resealed by
migration accounts/0005_h6_reseal_secrets, which keeps the only copy of the old decoder.
"""

import base64
import secrets

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

VERSION = "s2"
NONCE_BYTES = 12
# Bound to the format: a value cannot be replayed into another construction or version.
ASSOCIATED_DATA = b"tdkt-seal-v2"


class SealError(ValueError):
    """The sealed value was tampered with or was sealed under another key."""


def master_secret() -> bytes:
    key = getattr(settings, "TDKT_SECRETS_KEY", "") or settings.SECRET_KEY
    if not key:
        raise ImproperlyConfigured("TDKT_SECRETS_KEY or SECRET_KEY is required to seal secrets")
    return key.encode()


def sealing_key() -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None,
                info=b"tdkt-seal-aes-256-gcm").derive(master_secret())


def seal(plaintext: str) -> str:
    nonce = secrets.token_bytes(NONCE_BYTES)
    sealed = AESGCM(sealing_key()).encrypt(nonce, plaintext.encode(), ASSOCIATED_DATA)
    return f"{VERSION}:" + base64.urlsafe_b64encode(nonce + sealed).decode()


def unseal(sealed: str) -> str:
    version, _sep, body = sealed.partition(":")
    try:
        blob = base64.urlsafe_b64decode(body.encode())
    except ValueError as exc:
        raise SealError("malformed sealed value") from exc
    if version != VERSION or len(blob) < NONCE_BYTES + 16:
        raise SealError("malformed sealed value (or sealed before migration 0005)")
    try:
        plain = AESGCM(sealing_key()).decrypt(blob[:NONCE_BYTES], blob[NONCE_BYTES:],
                                              ASSOCIATED_DATA)
    except InvalidTag as exc:
        raise SealError("sealed value fails its integrity check (wrong key?)") from exc
    return plain.decode()
