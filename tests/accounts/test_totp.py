"""RFC 6238 TOTP against the RFC's own test vectors (sealing: test_sealing.py)."""

import base64

import pytest

from accounts.domain import totp

RFC_KEY = b"12345678901234567890"


@pytest.mark.parametrize(("unix_time", "expected"), [
    (59, "94287082"), (1111111109, "07081804"), (1111111111, "14050471"),
    (1234567890, "89005924"), (2000000000, "69279037"), (20000000000, "65353130")])
def test_hotp_matches_rfc6238_appendix_b_sha1(unix_time, expected):
    assert totp.hotp(RFC_KEY, unix_time // 30, digits=8) == expected


def test_matching_step_accepts_one_step_of_drift_and_no_more():
    secret = base64.b32encode(RFC_KEY).decode()
    now = 1_700_000_000
    step = totp.step_at(now)
    assert totp.matching_step(secret, totp.code_at(secret, step - 1), now) == step - 1
    assert totp.matching_step(secret, totp.code_at(secret, step + 1), now) == step + 1
    assert totp.matching_step(secret, totp.code_at(secret, step + 2), now) is None
    assert totp.matching_step(secret, "abcdef", now) is None


def test_provisioning_uri_names_issuer_and_account():
    uri = totp.provisioning_uri("JBSWY3DPEHPK3PXP", "officer_a", "TDKT")
    assert uri == ("otpauth://totp/TDKT%3Aofficer_a?secret=JBSWY3DPEHPK3PXP&issuer=TDKT"
                   "&digits=6&period=30&algorithm=SHA1")
