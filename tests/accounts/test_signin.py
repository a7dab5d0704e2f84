import pytest
from django.conf import settings
from django.urls import reverse

from accounts.models import LoginAttempt
from audit.models import AuditEntry
from tests.conftest import PASSWORD


def sign_in(client, username, password):
    return client.post(reverse("accounts:login"), {"username": username, "password": password})


def test_sign_in_succeeds_and_is_audited(client, officer_a):
    response = sign_in(client, "officer_a", PASSWORD)
    assert response.status_code == 302
    assert AuditEntry.objects.filter(action="accounts.sign_in", actor=officer_a).count() == 1


def test_failed_attempts_lock_the_username(client, officer_a):
    for _ in range(settings.TDKT_LOGIN_MAX_FAILURES_PER_USER):
        assert sign_in(client, "officer_a", "wrong").status_code == 200
    locked = sign_in(client, "officer_a", PASSWORD)
    assert locked.status_code == 200
    assert locked.context["form"].has_error("__all__", "locked_out")
    assert "_auth_user_id" not in client.session


def test_lockout_counts_only_recent_failures(client, officer_a):
    for _ in range(settings.TDKT_LOGIN_MAX_FAILURES_PER_USER):
        sign_in(client, "officer_a", "wrong")
    LoginAttempt.objects.update(at="2000-01-01T00:00:00Z")
    assert sign_in(client, "officer_a", PASSWORD).status_code == 302


def test_failures_from_one_address_lock_every_username(client, officer_a, settings):
    settings.TDKT_LOGIN_MAX_FAILURES_PER_ADDRESS = 3
    for name in ("a", "b", "c"):
        sign_in(client, name, "wrong")
    assert sign_in(client, "officer_a", PASSWORD).context["form"].has_error(
        "__all__", "locked_out")


def test_sessions_expire_when_idle():
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert settings.TDKT_SESSION_REFRESH_SECONDS == 60
    assert "core.middleware.SlidingSessionMiddleware" in settings.MIDDLEWARE


def test_password_change_keeps_session_and_is_audited(client, officer_a):
    client.force_login(officer_a)
    response = client.post(reverse("accounts:password_change"), {
        "old_password": PASSWORD, "new_password1": "Thi-Dua-2026#Moi",
        "new_password2": "Thi-Dua-2026#Moi"})
    assert response.status_code == 302
    assert AuditEntry.objects.filter(action="accounts.password_change").count() == 1


@pytest.mark.parametrize(("password", "fragment"), [
    ("ngan", "too short"),
    ("chiluchuthuong", "upper-case"),
    ("KhongCoSo!!!ab", "a digit"),
    ("KhongKyTu2025ab", "a symbol"),
])
def test_weak_passwords_are_refused(client, officer_a, password, fragment):
    client.cookies["django_language"] = "en"
    client.force_login(officer_a)
    response = client.post(reverse("accounts:password_change"), {
        "old_password": PASSWORD, "new_password1": password, "new_password2": password})
    assert response.status_code == 200
    assert fragment in " ".join(response.context["form"].errors["new_password2"])
