"""Response headers every page carries: a strict Content-Security-Policy (no inline script or
style, nothing from another origin) and a permissions policy."""

import logging
import time

from django.conf import settings
from django.core.exceptions import BadRequest, PermissionDenied, SuspiciousOperation
from django.http import Http404
from django.http.multipartparser import MultiPartParserError
from django.utils import translation
from django.utils.cache import patch_vary_headers

from core.views.errors import not_found, server_error

logger = logging.getLogger("django.request")

CSP = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "base-uri 'self'",
        "object-src 'none'",
    ]
)


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Content-Security-Policy", CSP)
        response.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        return response


class VietnameseFirstLocaleMiddleware:
    """Vietnamese unless the user chose another language (the footer's switch sets the cookie).

    Django's LocaleMiddleware would follow the browser's Accept-Language, and many officials'
    browsers are in English; the back office must still open in Vietnamese. API clients may ask
    for another language with Accept-Language (they have no cookie).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        supported = dict(settings.LANGUAGES)
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if chosen not in supported:
            chosen = settings.LANGUAGE_CODE
            if request.path.startswith("/api/"):
                chosen = translation.get_language_from_request(request) or chosen
        translation.activate(chosen)
        request.LANGUAGE_CODE = translation.get_language()
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", request.LANGUAGE_CODE)
        patch_vary_cookie(response)
        return response


def patch_vary_cookie(response) -> None:
    patch_vary_headers(response, ("Cookie", "Accept-Language"))


class SlidingSessionMiddleware:
    """Idle sessions expire SESSION_COOKIE_AGE after the last request, without writing the
    session on every request: Django's SESSION_SAVE_EVERY_REQUEST costs an UPDATE and a commit
    (a disk flush on PostgreSQL) per page, more than some pages take to render. Here a signed-in
    session is saved — its expiry moved forward — only when its last save is more than
    TDKT_SESSION_REFRESH_SECONDS old, so a session still ends between AGE − REFRESH and AGE
    seconds after its last use. Sits after SessionMiddleware (it runs before it on the way out).
    """

    KEY = "_refreshed"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        # A session that is empty (anonymous, or just flushed by sign-out) is not created here.
        if session is not None and not session.modified and not session.is_empty():
            now = int(time.time())
            if now - session.get(self.KEY, 0) >= settings.TDKT_SESSION_REFRESH_SECONDS:
                session[self.KEY] = now
        return response


def stamp_session_on_sign_in(sender, request, user, **kwargs) -> None:
    """Signing in saves the session anyway: stamp it then, so the next request need not."""
    request.session[SlidingSessionMiddleware.KEY] = int(time.time())


class FriendlyErrorPagesMiddleware:
    """Under DEBUG (`make run`) Django answers a missing page or a crash with its technical
    page, which lists every URL pattern and the settings: a newcomer trying the demo sees our
    own 404/500 pages instead, as in production. The traceback still goes to the console
    (the "django.request" logger); TDKT_TECHNICAL_ERROR_PAGES=1 brings the technical pages
    back for whoever debugs. Without DEBUG this does nothing: handler404/handler500 answer."""

    def __init__(self, get_response):
        self.get_response = get_response

    def _active(self) -> bool:
        return settings.DEBUG and not getattr(settings, "TDKT_TECHNICAL_ERROR_PAGES", False)

    def __call__(self, request):
        response = self.get_response(request)
        # No view matched the address: Django's resolver 404 (the page with the URL list).
        if (self._active() and response.status_code == 404
                and getattr(request, "resolver_match", None) is None):
            return not_found(request)
        return response

    def process_exception(self, request, exception):
        if not self._active():
            return None
        if isinstance(exception, Http404):
            return not_found(request, exception)
        if isinstance(exception, (PermissionDenied, BadRequest, SuspiciousOperation,
                                  MultiPartParserError)):
            return None  # Django answers these itself: 403 through handler403, 400
        logger.error("Internal Server Error: %s", request.path, exc_info=exception,
                     extra={"status_code": 500, "request": request})
        return server_error(request)
