"""The site's own error pages (handler403 in tdkt/urls.py): a refused action is explained in
the site's layout and language, never Django's bare "403 Forbidden"."""

from django.shortcuts import render


def permission_denied(request, exception=None):
    """403: the action exists but the user's roles do not allow it (out-of-scope objects answer
    404 before this, so nothing about them is revealed here)."""
    return render(request, "core/403.html", status=403)
