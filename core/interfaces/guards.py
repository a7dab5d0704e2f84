"""The two guards every view and API operation opens with: a permission (403) and a lookup
within the reader's scope (404, so nobody can probe what exists outside it)."""

from django.core.exceptions import PermissionDenied
from django.http import Http404


def require(request, perm: str, obj=None) -> None:
    """Raise 403 unless the user has `perm` (on `obj`)."""
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied


def get_in(qs, **lookup):
    """Fetch one row from a permission-restricted queryset, 404 when out of scope or missing
    (so a user cannot probe which records exist outside their scope)."""
    obj = qs.filter(**lookup).first()
    if obj is None:
        raise Http404
    return obj
