"""The two guards every view and API operation opens with: a permission (403) and a lookup
within the reader's scope (404, so nobody can probe what exists outside it)."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from core.context_processors import request_user


def require(request, perm: str, obj=None) -> None:
    """Raise 403 unless the user has `perm` (on `obj`).

    From here on `request.user` is the user itself, not AuthenticationMiddleware's lazy
    wrapper (evaluated now anyway, to ask the permission), as Django's own `login()` sets it:
    a list page then reads the user's roles and scope (`accounts.domain.scope`: `is_active`,
    the per-request attributes kept on it, a dozen calls) and its permissions without each
    attribute being a proxied call — ~60 of them a list page (session 17)."""
    user = request_user(request)
    if user is not None:
        request.user = user
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied


def get_in(qs, **lookup):
    """Fetch one row from a permission-restricted queryset, 404 when out of scope or missing
    (so a user cannot probe which records exist outside their scope)."""
    obj = qs.filter(**lookup).first()
    if obj is None:
        raise Http404
    return obj
