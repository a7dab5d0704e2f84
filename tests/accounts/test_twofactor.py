"""Two-factor sign-in: enrolment, the second sign-in step, recovery codes, replay, disable,
administrator reset, the "required for staff" setting."""

import hashlib

import pytest
from django.conf import settings
from django.urls import reverse

from accounts.domain import totp, twofactor
from accounts.models import TwoFactorDevice
from audit.models import AuditEntry
from tests.api.test_api import API, bearer
from tests.conftest import PASSWORD


@pytest.fixture(autouse=True)
def english(client):
    client.cookies["django_language"] = "en"


def current_code(user, offset=0) -> str:
    secret = twofactor.pending_secret(user) or _active_secret(user)
    return totp.code_at(secret, totp.step_at() + offset)


def _active_secret(user) -> str:
    from accounts.domain.sealing import unseal

    return unseal(TwoFactorDevice.objects.get(user=user).secret_sealed)


def enrol(user) -> list[str]:
    twofactor.start_enrolment(user)
    return twofactor.confirm_enrolment(user, current_code(user))


def sign_in(client, username="officer_a", password=PASSWORD):
    return client.post(reverse("accounts:login"), {"username": username, "password": password})


def send_code(client, code):
    return client.post(reverse("accounts:login_code"), {"code": code})


def test_enrolment_page_shows_qr_and_key_then_confirms(client, officer_a):
    client.force_login(officer_a)
    page = client.get(reverse("accounts:two_factor_enrol"))
    secret = page.context["secret"]
    assert twofactor.pending_secret(officer_a) == secret
    assert TwoFactorDevice.objects.get(user=officer_a).secret_sealed.count(secret) == 0
    qr = client.get(reverse("accounts:two_factor_qr"))
    assert (qr.status_code, qr["Content-Type"]) == (200, "image/svg+xml")
    assert b"<svg" in qr.content and b"<script" not in qr.content
    wrong = client.post(reverse("accounts:two_factor_enrol"), {"code": "000000"})
    assert wrong.context["form"].has_error("code")
    assert twofactor.is_enabled(officer_a) is False
    done = client.post(reverse("accounts:two_factor_enrol"),
                       {"code": totp.code_at(secret, totp.step_at())})
    assert len(done.context["codes"]) == twofactor.RECOVERY_CODE_COUNT
    assert twofactor.is_enabled(officer_a) is True
    assert list(AuditEntry.objects.filter(actor=officer_a, action__startswith="accounts.2fa")
                .order_by("at").values_list("action", flat=True)) == [
        "accounts.2fa.enrol", "accounts.2fa.enable"]


def test_recovery_codes_are_stored_hashed(officer_a):
    codes = enrol(officer_a)
    digests = set(officer_a.recovery_codes.values_list("digest", flat=True))
    assert digests == {hashlib.sha256(c.replace("-", "").encode()).hexdigest() for c in codes}
    assert not set(codes) & digests


def test_password_alone_does_not_sign_in(client, officer_a):
    enrol(officer_a)
    response = sign_in(client)
    assert response.url == reverse("accounts:login_code")
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("core:home")).status_code == 302
    assert AuditEntry.objects.filter(action="accounts.sign_in").count() == 0


def test_code_completes_sign_in(client, officer_a):
    enrol(officer_a)
    sign_in(client)
    response = send_code(client, current_code(officer_a, offset=1))
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(officer_a.pk)
    assert AuditEntry.objects.filter(action="accounts.sign_in", actor=officer_a).count() == 1


def test_code_page_without_password_step_goes_to_login(client, officer_a):
    enrol(officer_a)
    response = send_code(client, current_code(officer_a, offset=1))
    assert response.url == reverse("accounts:login")
    assert "_auth_user_id" not in client.session


def test_replayed_code_is_refused(client, officer_a):
    enrol(officer_a)  # accepted the current step's code
    sign_in(client)
    response = send_code(client, current_code(officer_a))
    assert response.context["form"].has_error("code")
    assert "_auth_user_id" not in client.session


def test_wrong_codes_lock_out_like_wrong_passwords(client, officer_a):
    enrol(officer_a)
    sign_in(client)
    for _ in range(settings.TDKT_LOGIN_MAX_FAILURES_PER_USER):
        send_code(client, "000000")
    locked = send_code(client, current_code(officer_a, offset=1))
    assert locked.context["form"].non_field_errors() == [
        "Too many failed sign-in attempts. Try again in 15 minutes."]
    assert "_auth_user_id" not in client.session


def test_recovery_code_works_once(client, officer_a):
    codes = enrol(officer_a)
    sign_in(client)
    assert send_code(client, codes[0].lower()).status_code == 302
    client.logout()
    sign_in(client)
    assert send_code(client, codes[0]).context["form"].has_error("code")
    assert twofactor.unused_recovery_codes(officer_a) == 9
    assert AuditEntry.objects.filter(action="accounts.2fa.recovery_code_used").count() == 1


@pytest.mark.parametrize(("password", "use_code", "field"), [
    ("wrong", True, "password"), (PASSWORD, False, "code")])
def test_disable_needs_password_and_code(client, officer_a, password, use_code, field):
    enrol(officer_a)
    client.force_login(officer_a)
    code = current_code(officer_a, offset=1) if use_code else "123456"
    response = client.post(reverse("accounts:two_factor_disable"),
                           {"password": password, "code": code})
    assert response.context["disable_form"].has_error(field)
    assert twofactor.is_enabled(officer_a) is True


def test_disable_with_both_factors(client, officer_a):
    enrol(officer_a)
    client.force_login(officer_a)
    response = client.post(reverse("accounts:two_factor_disable"),
                           {"password": PASSWORD, "code": current_code(officer_a, offset=1)})
    assert response.url == reverse("accounts:security")
    assert twofactor.is_enabled(officer_a) is False
    assert twofactor.unused_recovery_codes(officer_a) == 0
    assert AuditEntry.objects.filter(action="accounts.2fa.disable").count() == 1


def test_admin_resets_with_a_reason(client, admin_user, officer_a):
    enrol(officer_a)
    client.force_login(admin_user)
    url = reverse("accounts:two_factor_reset", args=["officer_a"])
    client.post(url, {"reason": ""})
    assert twofactor.is_enabled(officer_a) is True
    client.post(url, {"reason": "Mất điện thoại"})
    assert twofactor.is_enabled(officer_a) is False
    entry = AuditEntry.objects.get(action="accounts.2fa.reset")
    assert (entry.actor, entry.reason, entry.object_label) == (
        admin_user, "Mất điện thoại", str(officer_a))


def test_only_an_admin_may_reset(client, board_user, officer_a):
    enrol(officer_a)
    client.force_login(board_user)
    response = client.post(reverse("accounts:two_factor_reset", args=["officer_a"]),
                           {"reason": "x"})
    assert response.status_code == 403
    assert twofactor.is_enabled(officer_a) is True


def test_security_page_shows_status(client, officer_a):
    client.force_login(officer_a)
    assert client.get(reverse("accounts:security")).context["enabled"] is False
    enrol(officer_a)
    response = client.get(reverse("accounts:security"))
    assert (response.context["enabled"], response.context["codes_left"]) == (True, 10)


def test_required_setting_sends_staff_to_enrolment(client, settings, board_user):
    settings.TDKT_REQUIRE_2FA_FOR_STAFF = True
    client.force_login(board_user)
    assert client.get(reverse("core:home")).url == reverse("accounts:two_factor_enrol")
    assert client.get(reverse("accounts:two_factor_enrol")).status_code == 200
    twofactor.confirm_enrolment(board_user, current_code(board_user))
    assert client.get(reverse("core:home")).status_code == 200


def test_required_setting_leaves_unit_officers_alone(client, settings, officer_a):
    settings.TDKT_REQUIRE_2FA_FOR_STAFF = True
    client.force_login(officer_a)
    assert client.get(reverse("core:home")).status_code == 200


def test_required_setting_off_by_default(client, board_user):
    client.force_login(board_user)
    assert client.get(reverse("core:home")).status_code == 200


def test_api_tokens_are_unaffected(client, officer_a):
    enrol(officer_a)
    assert client.get(f"{API}/units", **bearer(officer_a)).status_code == 200
