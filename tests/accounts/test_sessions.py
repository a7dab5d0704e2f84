"""A password change ends the user's other sessions (Django ties a session to a hash of the
password); the session that made the change stays signed in."""

from django.test import Client
from django.urls import reverse

from audit.models import AuditEntry
from tests.conftest import PASSWORD

NEW = "Thi-Dua-2026#Moi"


def signed_in(user) -> Client:
    client = Client()
    client.post(reverse("accounts:login"), {"username": user.username, "password": PASSWORD})
    assert client.get(reverse("core:home")).status_code == 200
    return client


def test_own_password_change_signs_out_other_sessions(officer_a):
    browser_a, browser_b = signed_in(officer_a), signed_in(officer_a)
    response = browser_a.post(reverse("accounts:password_change"), {
        "old_password": PASSWORD, "new_password1": NEW, "new_password2": NEW})
    assert response.status_code == 302
    assert browser_a.get(reverse("core:home")).status_code == 200
    assert browser_b.get(reverse("core:home")).url.startswith(reverse("accounts:login"))


def test_admin_reset_signs_the_user_out_everywhere(officer_a, admin_user):
    browser_b = signed_in(officer_a)
    admin = signed_in(admin_user)
    response = admin.post(reverse("accounts:user_password_reset", args=["officer_a"]), {
        "new_password1": NEW, "new_password2": NEW, "reason": "Quên mật khẩu"})
    assert response.url == reverse("accounts:user_detail", args=["officer_a"])
    assert browser_b.get(reverse("core:home")).url.startswith(reverse("accounts:login"))
    assert AuditEntry.objects.get(action="accounts.password_reset").reason == "Quên mật khẩu"
    assert Client().post(reverse("accounts:login"), {
        "username": "officer_a", "password": NEW}).status_code == 302


def test_admin_reset_needs_a_valid_password_and_reason(client, officer_a, admin_user):
    client.force_login(admin_user)
    client.post(reverse("accounts:user_password_reset", args=["officer_a"]), {
        "new_password1": "ngan", "new_password2": "ngan", "reason": "x"})
    officer_a.refresh_from_db()
    assert officer_a.check_password(PASSWORD)


def test_only_an_admin_may_reset_a_password(client, board_user, officer_a):
    client.force_login(board_user)
    response = client.post(reverse("accounts:user_password_reset", args=["officer_a"]), {
        "new_password1": NEW, "new_password2": NEW, "reason": "x"})
    assert response.status_code == 403
