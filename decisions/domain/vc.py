"""The shape of TĐKT's verifiable credentials, shared by the issuer and the offline verifier:
pure functions, no database (the verifier runs with only published documents).

Standards: W3C Verifiable Credentials Data Model 2.0 (the credential), Open Badges 3.0 (the
achievement vocabulary), VC-JOSE-COSE (securing: a compact JWS whose payload is the credential,
`typ` "vc+jwt", ES256) and Bitstring Status List 1.0 (corrections and revocations). Issuers are
`did:web` identifiers on the portal, so a DID document at a stable URL publishes their keys.
"""

import base64
import gzip
import json
from urllib.parse import quote, unquote, urlsplit

VC_CONTEXT = "https://www.w3.org/ns/credentials/v2"
OB_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
MEDIA_TYPE = "application/vc+jwt"
JWS_TYPE = "vc+jwt"
ALGORITHM = "ES256"
# A bit in the "revocation" list: the certificate is no longer in force (revoked, or corrected
# and replaced). The 2-bit "message" list says which (Bitstring Status List §2.1, statusMessage).
REVOCATION = "revocation"
MESSAGE = "message"
MESSAGE_SIZE = 2
STATUS_VALUES = {"valid": 0, "corrected": 1, "revoked": 2}
STATUS_MESSAGES = [{"status": f"0x{value:x}", "message": name}
                   for name, value in STATUS_VALUES.items()]
PORTAL_PATH = "cong-khai/chung-nhan"


def issuer_did(site_url: str, issuer_code: str) -> str:
    """did:web of an issuing authority: `did:web:<host>:cong-khai:chung-nhan:<code>` resolves
    to https://<host>/cong-khai/chung-nhan/<code>/did.json (did:web §3.2; the port's colon is
    percent-encoded)."""
    host = quote(urlsplit(site_url).netloc, safe="")
    segments = [*PORTAL_PATH.split("/"), quote(issuer_code, safe="")]
    return ":".join(["did", "web", host, *segments])


def did_document_url(did: str) -> str:
    """The https URL a did:web identifier resolves to (did:web §3.2, Read)."""
    parts = did.split(":")[2:]
    host, path = unquote(parts[0]), "/".join(unquote(part) for part in parts[1:])
    scheme = "http" if host.startswith(("127.0.0.1", "localhost")) else "https"
    return f"{scheme}://{host}/{path}/did.json"


def encode_bits(values: dict[int, int], length: int, size: int = 1) -> str:
    """The list's `encodedList`: `size` bits per entry, the first entry in the most significant
    bit of the first byte, GZIP-compressed, multibase base64url without padding ("u" prefix)
    (Bitstring Status List §3.1)."""
    bits = bytearray(length * size // 8)
    for index, value in values.items():
        for bit in range(size):
            if value >> (size - 1 - bit) & 1:
                position = index * size + bit
                bits[position // 8] |= 0x80 >> (position % 8)
    # mtime=0: the same statuses always give the same list (and the same signature input).
    packed = gzip.compress(bytes(bits), mtime=0)
    return "u" + base64.urlsafe_b64encode(packed).decode().rstrip("=")


def decode_value(encoded: str, index: int, size: int = 1) -> int:
    """The value of entry `index` in an `encodedList`; IndexError when the list is shorter."""
    if not encoded.startswith("u"):
        raise ValueError("encodedList is not multibase base64url")
    body = encoded[1:]
    data = gzip.decompress(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
    value = 0
    for bit in range(size):
        position = index * size + bit
        if position // 8 >= len(data):
            raise IndexError(index)
        value = value << 1 | (data[position // 8] >> (7 - position % 8) & 1)
    return value


def canonical_json(document: dict) -> bytes:
    """The JWS payload: compact UTF-8 JSON (Vietnamese names kept readable, not \\u-escaped)."""
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode()
