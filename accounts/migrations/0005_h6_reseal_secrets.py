"""Reseal the stored TOTP keys from the hand-built construction (`s1:`, HMAC-SHA256 keystream +
HMAC tag) onto AES-GCM (`s2:`, accounts.domain.sealing). The old decoder lives only here, frozen
as it was, so that nothing else can seal that way again; a database restored from an older
backup is brought forward by this migration when `migrate` runs after the restore."""

import base64
import hashlib
import hmac

from django.db import migrations

S1_NONCE, S1_TAG = 16, 32


def _s1_subkey(master: bytes, label: bytes) -> bytes:
    root = hashlib.sha256(b"tdkt-secrets-key" + master).digest()
    return hmac.new(root, label + b"\x01", hashlib.sha256).digest()


def unseal_s1(sealed: str, master: bytes) -> str:
    """The decoder of accounts.domain.sealing before issue 17 (tag checked first)."""
    blob = base64.urlsafe_b64decode(sealed.partition(":")[2].encode())
    nonce, ciphertext, tag = blob[:S1_NONCE], blob[S1_NONCE:-S1_TAG], blob[-S1_TAG:]
    expected = hmac.new(_s1_subkey(master, b"tdkt-seal-mac"), b"s1" + nonce + ciphertext,
                        hashlib.sha256).digest()
    if not hmac.compare_digest(tag, expected):
        raise ValueError("s1 value fails its integrity check (wrong key?)")
    enc_key = _s1_subkey(master, b"tdkt-seal-encrypt")
    stream = b"".join(hmac.new(enc_key, nonce + i.to_bytes(4, "big"), hashlib.sha256).digest()
                      for i in range((len(ciphertext) + 31) // 32))
    return bytes(a ^ b for a, b in zip(ciphertext, stream, strict=False)).decode()


def reseal_all(apps, schema_editor):
    from accounts.domain import sealing  # the current construction, whatever it becomes

    Device = apps.get_model("accounts", "TwoFactorDevice")
    master = sealing.master_secret()
    for device in Device.objects.filter(secret_sealed__startswith="s1:"):
        try:
            plain = unseal_s1(device.secret_sealed, master)
        except ValueError:
            # Sealed under a key since changed: unusable before as after (the user cannot sign
            # in with 2FA either way; an administrator resets it, docs/deployment.md).
            continue
        device.secret_sealed = sealing.seal(plain)
        device.save(update_fields=["secret_sealed"])


class Migration(migrations.Migration):

    dependencies = [("accounts", "0004_two_factor")]

    operations = [migrations.RunPython(reseal_all, migrations.RunPython.noop)]
