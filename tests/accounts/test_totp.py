"""RFC 6238 TOTP against the RFC's own test vectors, and secret sealing."""

import base64

import pytest

from accounts.domain import sealing, totp

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


def test_seal_round_trip_hides_the_secret():
    sealed = sealing.seal("JBSWY3DPEHPK3PXP")
    assert "JBSWY3DPEHPK3PXP" not in sealed
    assert sealing.unseal(sealed) == "JBSWY3DPEHPK3PXP"
    assert sealing.seal("JBSWY3DPEHPK3PXP") != sealed  # a fresh nonce each time


def test_tampered_value_is_refused():
    sealed = sealing.seal("JBSWY3DPEHPK3PXP")
    blob = bytearray(base64.urlsafe_b64decode(sealed.split(":")[1]))
    blob[20] ^= 1
    with pytest.raises(sealing.SealError):
        sealing.unseal("s1:" + base64.urlsafe_b64encode(bytes(blob)).decode())


def test_dedicated_key_is_needed_to_unseal(settings):
    settings.TDKT_SECRETS_KEY = "khoa-rieng-1"
    sealed = sealing.seal("JBSWY3DPEHPK3PXP")
    settings.TDKT_SECRETS_KEY = "khoa-khac-2"
    with pytest.raises(sealing.SealError):
        sealing.unseal(sealed)
    settings.TDKT_SECRETS_KEY = "khoa-rieng-1"
    assert sealing.unseal(sealed) == "JBSWY3DPEHPK3PXP"
