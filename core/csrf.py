"""The CSRF token's random characters, drawn from one read of the system's random source.

Every page with a form (the layout has two: sign-out and language) masks the CSRF secret with 32
fresh random characters (django.middleware.csrf._mask_cipher_secret). Django draws them with
`secrets.choice`, one call — one read of os.urandom — a character: ~24 µs, a twentieth of the
empty layout page's Python (docs/performance.md, session 13 hD). Here the same 32 characters come
from one `secrets.token_bytes` read: still the operating system's CSPRNG, and still uniform over
the 62 characters — a byte ≥ 248 (= 4 × 62) is dropped, so each character stands for exactly four
byte values. ~3 µs. New secrets (the CSRF cookie) are drawn by the same function."""

import secrets

from django.middleware import csrf

CHARS = csrf.CSRF_ALLOWED_CHARS
LENGTH = csrf.CSRF_SECRET_LENGTH
_LIMIT = 256 - 256 % len(CHARS)  # 248: the bytes that map evenly onto the characters


def chars_from(random_bytes: bytes) -> str:
    """The characters these bytes stand for, bytes ≥ _LIMIT dropped (never a biased character)."""
    return "".join([CHARS[byte % len(CHARS)] for byte in random_bytes if byte < _LIMIT])


def new_csrf_string() -> str:
    """LENGTH random characters of CHARS, as django.middleware.csrf._get_new_csrf_string."""
    drawn = ""
    while len(drawn) < LENGTH:  # 48 bytes fall short of 32 characters about once in 10^13
        drawn += chars_from(secrets.token_bytes(LENGTH + 16))
    return drawn[:LENGTH]


def install() -> None:
    """Django's masking and new secrets call the module's `_get_new_csrf_string` at run time."""
    csrf._get_new_csrf_string = new_csrf_string  # noqa: SLF001 the one function replaced
