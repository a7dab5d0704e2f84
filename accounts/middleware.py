"""Send a user who must use two-factor sign-in, and has not enrolled yet, to enrolment."""

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse

from accounts.domain import twofactor

# Pages that stay reachable before enrolment (enrolment itself, signing out, assets, language).
_OPEN_NAMES = ("accounts:two_factor_enrol", "accounts:two_factor_qr", "accounts:logout",
               "set_language")


class TwoFactorEnrolmentMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self._open_paths = None

    def __call__(self, request):
        if settings.TDKT_REQUIRE_2FA_FOR_STAFF and self._must_enrol(request):
            return redirect("accounts:two_factor_enrol")
        return self.get_response(request)

    def _must_enrol(self, request) -> bool:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return False
        path = request.path
        # The API authenticates by token or session on its own; static files need no guard.
        if path.startswith(("/api/", settings.STATIC_URL)) or path in self._open():
            return False
        return twofactor.is_required(user) and not twofactor.is_enabled(user)

    def _open(self) -> set[str]:
        if self._open_paths is None:
            self._open_paths = {reverse(name) for name in _OPEN_NAMES}
        return self._open_paths
