"""Response headers every page carries: a strict Content-Security-Policy (no inline script or
style, nothing from another origin) and a permissions policy."""

from django.conf import settings
from django.utils import translation
from django.utils.cache import patch_vary_headers

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
