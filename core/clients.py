"""The address of the client behind our own reverse proxy. Behind nginx (deploy/) every request
comes from 127.0.0.1, so a limit keyed on REMOTE_ADDR would be one limit for the whole province;
nginx appends the address it saw to X-Forwarded-For, and that last entry is the one to trust —
the ones before it are whatever the client chose to send."""

from django.conf import settings

TRUSTED_PROXIES = {"127.0.0.1", "::1"}


def client_address(request) -> str:
    peer = request.META.get("REMOTE_ADDR", "")
    trusted = getattr(settings, "TDKT_TRUSTED_PROXIES", TRUSTED_PROXIES)
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if peer in trusted and forwarded:
        return forwarded.split(",")[-1].strip()[:45]
    return peer
