"""Sign-in throttling: too many failures for a username or from an address lock further tries
for the rest of the window. Attempts are rows in the database so every worker process agrees."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from accounts.models import LoginAttempt
from core.trail import record


def _window_start():
    return timezone.now() - timedelta(seconds=settings.TDKT_LOGIN_WINDOW_SECONDS)


def is_locked_out(username: str, ip_address: str | None) -> bool:
    recent = LoginAttempt.objects.filter(at__gte=_window_start(), succeeded=False)
    per_user = recent.filter(username__iexact=username).count()
    if per_user >= settings.TDKT_LOGIN_MAX_FAILURES_PER_USER:
        return True
    return bool(ip_address) and (
        recent.filter(ip_address=ip_address).count() >= settings.TDKT_LOGIN_MAX_FAILURES_PER_ADDRESS
    )


def note_attempt(username: str, ip_address: str | None, *, user=None, succeeded: bool) -> None:
    """Record the attempt; a success also goes to the audit log, a failure to the attempt table."""
    LoginAttempt.objects.create(username=username[:150], ip_address=ip_address,
                                succeeded=succeeded)
    if succeeded:
        record(user, "accounts.sign_in", user, ip_address=ip_address)
