"""The REST API, version 1: /api/v1/ (OpenAPI at /api/v1/openapi.json, docs at /api/v1/docs).

Every endpoint checks the same rules permissions and uses the same permission-aware queries as
the back office; errors are JSON `{"detail": "…"}` in the caller's language (Vietnamese by
default, from Accept-Language)."""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from ninja.errors import AuthenticationError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.throttling import AnonRateThrottle, AuthRateThrottle

from api.auth import AUTH
from api.openapi import DocumentedErrorsAPI
from api.routers import awards, exchange, initiatives, organisations, proposals
from api.routers import emulation as emulation_api
from api.routers import statistics as statistics_api

api = DocumentedErrorsAPI(
    title="TĐKT API", version="1", urls_namespace="api-v1", auth=AUTH,
    description="Quản lý thi đua, khen thưởng — REST API",
    throttle=[AnonRateThrottle(settings.TDKT_API_RATE_ANON),
              AuthRateThrottle(settings.TDKT_API_RATE_USER)],
)
api.add_router("/", organisations.router)
api.add_router("/", awards.router)
api.add_router("/", proposals.router)
api.add_router("/", proposals.public)
api.add_router("/", initiatives.router)
api.add_router("/", exchange.router)
api.add_router("/", emulation_api.router)
api.add_router("/", statistics_api.router)


@api.exception_handler(AuthenticationError)
def unauthenticated(request, exc):
    return api.create_response(request, {"detail": _("Sign in or send a valid API token.")},
                               status=401)


@api.exception_handler(PermissionDenied)
def forbidden(request, exc):
    # A domain refusal that explains itself (e.g. "only the granting authority…") says so.
    detail = str(exc) if exc.args else _("You do not have permission for this.")
    return api.create_response(request, {"detail": detail}, status=403)


@api.exception_handler(Http404)
def not_found(request, exc):
    return api.create_response(request, {"detail": _("Not found.")}, status=404)


@api.exception_handler(ValidationError)
def invalid(request, exc):
    return api.create_response(request, {"detail": " ".join(exc.messages)}, status=422)


@api.exception_handler(NinjaValidationError)
def malformed(request, exc):
    fields = ", ".join(".".join(str(p) for p in e.get("loc", [])) for e in exc.errors)
    return api.create_response(request, {"detail": _("Invalid request: %(fields)s.") % {
        "fields": fields}}, status=422)
