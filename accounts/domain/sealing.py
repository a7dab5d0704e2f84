"""Sealing small secrets (TOTP keys) before they are stored, so that a database dump alone does
not give them away.

The key is `TDKT_SECRETS_KEY` when set (a dedicated secret, so that rotating SECRET_KEY does not
lock everyone out of two-factor sign-in), else derived from SECRET_KEY. Either way it lives in the
environment, not in the database.

Construction (standard library only, no new dependency): encrypt-then-MAC. Separate encryption and
MAC keys are derived from the key with HMAC-SHA256 (HKDF-expand style, distinct labels); the
keystream is HMAC-SHA256(enc_key, nonce ‖ counter) — a PRF in counter mode — XORed with the
plaintext; the tag is HMAC-SHA256(mac_key, version ‖ nonce ‖ ciphertext), checked in constant
time before anything is decrypted. A fresh 16-byte random nonce per value.
"""

import base64
import hashlib
import hmac
import secrets

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

VERSION = b"s1"
NONCE_BYTES = 16
TAG_BYTES = 32


class SealError(ValueError):
    """The sealed value was tampered with or was sealed under another key."""


def _master_key() -> bytes:
    key = getattr(settings, "TDKT_SECRETS_KEY", "") or settings.SECRET_KEY
    if not key:
        raise ImproperlyConfigured("TDKT_SECRETS_KEY or SECRET_KEY is required to seal secrets")
    return hashlib.sha256(b"tdkt-secrets-key" + key.encode()).digest()


def _subkey(label: bytes) -> bytes:
    return hmac.new(_master_key(), label + b"\x01", hashlib.sha256).digest()


def _keystream(nonce: bytes, length: int) -> bytes:
    enc_key = _subkey(b"tdkt-seal-encrypt")
    blocks = (hmac.new(enc_key, nonce + i.to_bytes(4, "big"), hashlib.sha256).digest()
              for i in range((length + 31) // 32))
    return b"".join(blocks)[:length]


def _tag(nonce: bytes, ciphertext: bytes) -> bytes:
    return hmac.new(_subkey(b"tdkt-seal-mac"), VERSION + nonce + ciphertext,
                    hashlib.sha256).digest()


def seal(plaintext: str) -> str:
    data = plaintext.encode()
    nonce = secrets.token_bytes(NONCE_BYTES)
    ciphertext = bytes(a ^ b for a, b in zip(data, _keystream(nonce, len(data)), strict=True))
    blob = nonce + ciphertext + _tag(nonce, ciphertext)
    return VERSION.decode() + ":" + base64.urlsafe_b64encode(blob).decode()


def unseal(sealed: str) -> str:
    version, _sep, body = sealed.partition(":")
    try:
        blob = base64.urlsafe_b64decode(body.encode())
    except ValueError as exc:
        raise SealError("malformed sealed value") from exc
    if version.encode() != VERSION or len(blob) < NONCE_BYTES + TAG_BYTES:
        raise SealError("malformed sealed value")
    nonce, ciphertext, tag = blob[:NONCE_BYTES], blob[NONCE_BYTES:-TAG_BYTES], blob[-TAG_BYTES:]
    if not hmac.compare_digest(tag, _tag(nonce, ciphertext)):
        raise SealError("sealed value fails its integrity check (wrong key?)")
    return bytes(a ^ b for a, b in zip(ciphertext, _keystream(nonce, len(ciphertext)),
                                       strict=True)).decode()
