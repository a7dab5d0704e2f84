"""Sealing stored secrets with the library's AES-GCM, and the migration that reseals values
sealed by the former hand-built construction (issue 17 §3)."""

import base64
import hashlib
import hmac
import importlib
import secrets

import pytest
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.apps import apps

from accounts.domain import sealing
from accounts.models import TwoFactorDevice

reseal = importlib.import_module("accounts.migrations.0005_h6_reseal_secrets")
SECRET = "JBSWY3DPEHPK3PXP"


def seal_s1(plaintext: str, master: bytes) -> str:
    """What accounts.domain.sealing.seal wrote before: the values the migration meets."""
    nonce = secrets.token_bytes(16)
    enc_key = reseal._s1_subkey(master, b"tdkt-seal-encrypt")
    stream = b"".join(hmac.new(enc_key, nonce + i.to_bytes(4, "big"), hashlib.sha256).digest()
                      for i in range(2))
    ciphertext = bytes(a ^ b for a, b in zip(plaintext.encode(), stream, strict=False))
    tag = hmac.new(reseal._s1_subkey(master, b"tdkt-seal-mac"), b"s1" + nonce + ciphertext,
                   hashlib.sha256).digest()
    return "s1:" + base64.urlsafe_b64encode(nonce + ciphertext + tag).decode()


def test_sealed_value_is_standard_aes_gcm():
    sealed = sealing.seal(SECRET)
    blob = base64.urlsafe_b64decode(sealed.removeprefix("s2:"))
    opened = AESGCM(sealing.sealing_key()).decrypt(blob[:12], blob[12:], b"tdkt-seal-v2")
    assert (sealed[:3], opened.decode(), SECRET in sealed) == ("s2:", SECRET, False)


def test_seal_round_trip_uses_a_fresh_nonce():
    sealed = sealing.seal(SECRET)
    assert (sealing.unseal(sealed), sealing.seal(SECRET) == sealed) == (SECRET, False)


def test_tampered_value_is_refused():
    blob = bytearray(base64.urlsafe_b64decode(sealing.seal(SECRET)[3:]))
    blob[20] ^= 1
    with pytest.raises(sealing.SealError):
        sealing.unseal("s2:" + base64.urlsafe_b64encode(bytes(blob)).decode())


def test_dedicated_key_is_needed_to_unseal(settings):
    settings.TDKT_SECRETS_KEY = "khoa-rieng-1"
    sealed = sealing.seal(SECRET)
    settings.TDKT_SECRETS_KEY = "khoa-khac-2"
    with pytest.raises(sealing.SealError):
        sealing.unseal(sealed)
    settings.TDKT_SECRETS_KEY = "khoa-rieng-1"
    assert sealing.unseal(sealed) == SECRET


def test_old_format_is_no_longer_opened_by_the_domain():
    with pytest.raises(sealing.SealError, match="before migration 0005"):
        sealing.unseal(seal_s1(SECRET, sealing.master_secret()))


def test_migration_reseals_old_values_onto_aes_gcm(officer_a):
    old = seal_s1(SECRET, sealing.master_secret())
    TwoFactorDevice.objects.create(user=officer_a, secret_sealed=old)
    reseal.reseal_all(apps, None)
    stored = TwoFactorDevice.objects.get(user=officer_a).secret_sealed
    assert (stored[:3], sealing.unseal(stored)) == ("s2:", SECRET)


def test_migration_leaves_a_value_sealed_under_another_key(officer_a):
    """Unusable before as after (the key changed): the administrator resets that user's 2FA;
    the migration does not stop the upgrade."""
    foreign = seal_s1(SECRET, b"another key")
    TwoFactorDevice.objects.create(user=officer_a, secret_sealed=foreign)
    reseal.reseal_all(apps, None)
    assert TwoFactorDevice.objects.get(user=officer_a).secret_sealed == foreign
