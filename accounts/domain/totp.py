"""Time-based one-time passwords (RFC 6238 over RFC 4226 HOTP), HMAC-SHA1, 6 digits, 30 s.

Written on the standard library rather than pulling in pyotp: the algorithm is a dozen lines,
and the tests check it against the RFC 6238 Appendix B vectors. Every authenticator app
(Google/Microsoft Authenticator, FreeOTP, Aegis) uses exactly these parameters.
"""

import base64
import hmac
import secrets
import struct
import time
from urllib.parse import quote, urlencode

from core.text import is_number

DIGITS = 6
STEP_SECONDS = 30
# Accept the previous and the next step too: phones' clocks drift by a few seconds.
DRIFT_STEPS = 1


def new_secret() -> str:
    """160 random bits, base32 without padding (what authenticator apps expect)."""
    return base64.b32encode(secrets.token_bytes(20)).decode().rstrip("=")


def _key(secret_b32: str) -> bytes:
    padded = secret_b32.upper() + "=" * (-len(secret_b32) % 8)
    return base64.b32decode(padded)


def hotp(key: bytes, counter: int, digits: int = DIGITS, digest: str = "sha1") -> str:
    """RFC 4226 §5.3: dynamic truncation of HMAC(key, counter)."""
    mac = hmac.new(key, struct.pack(">Q", counter), digest).digest()
    offset = mac[-1] & 0x0F
    value = struct.unpack(">I", mac[offset:offset + 4])[0] & 0x7FFFFFFF
    return str(value % 10 ** digits).zfill(digits)


def step_at(when: float | None = None) -> int:
    return int((time.time() if when is None else when) // STEP_SECONDS)


def code_at(secret_b32: str, step: int) -> str:
    return hotp(_key(secret_b32), step)


def matching_step(secret_b32: str, code: str, when: float | None = None) -> int | None:
    """The time step whose code equals `code` (within the drift window), or None."""
    code = "".join(code.split())
    if len(code) != DIGITS or not is_number(code):
        return None
    now = step_at(when)
    key = _key(secret_b32)
    for step in range(now - DRIFT_STEPS, now + DRIFT_STEPS + 1):
        if hmac.compare_digest(hotp(key, step), code):
            return step
    return None


def provisioning_uri(secret_b32: str, account: str, issuer: str) -> str:
    """The otpauth:// URI that the QR code carries (Key Uri Format of the authenticator apps)."""
    label = quote(f"{issuer}:{account}")
    query = urlencode({"secret": secret_b32, "issuer": issuer, "digits": DIGITS,
                       "period": STEP_SECONDS, "algorithm": "SHA1"})
    return f"otpauth://totp/{label}?{query}"
