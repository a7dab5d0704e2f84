"""The site's own error pages (handler403/404/500 in tdkt/urls.py, and under DEBUG
core.middleware.FriendlyErrorPagesMiddleware): a refused action, a missing page or a failure is
explained in the site's layout and language, never Django's bare "403 Forbidden" nor its
technical page with the URL list and the settings."""

import logging

from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template.loader import render_to_string

logger = logging.getLogger("django.request")


def permission_denied(request, exception=None):
    """403: the action exists but the user's roles do not allow it (out-of-scope objects answer
    404 before this, so nothing about them is revealed here)."""
    return render(request, "core/403.html", status=403)


def not_found(request, exception=None):
    """404: the same page for a mistyped address and for an object outside the user's scope,
    so it never tells which."""
    return render(request, "core/404.html", status=404)


def server_error(request):
    """500 in the site's layout; if that layout cannot be rendered (the database is what
    failed: the menu and the notification count read it), a page that needs no context."""
    try:
        return render(request, "core/500.html", status=500)
    except Exception:  # noqa: BLE001 — whatever broke the page may break its layout too
        logger.exception("The 500 page could not be rendered in the site layout")
        return HttpResponseServerError(render_to_string("core/500_plain.html"))
