"""The templates' `user`: the request's user itself, not the lazy wrapper around it.

Django's `auth` context processor hands templates `request.user`, the `SimpleLazyObject` that
AuthenticationMiddleware sets. Every page's layout reads it (`{% if user.is_authenticated %}`,
`{{ user }}`, the menu's and the unread count's processors), and through the wrapper each
attribute, `str()` and `isinstance()` is a proxied call: rendering `{{ user }}` alone took
~20 µs through it (the template's `localize` asks `isinstance` six times) against ~4 µs on the
user (docs/performance.md, session 16, hB). The user is evaluated on every page anyway (the
menu asks who it is), so nothing is read that was not read before.
"""

from django.contrib.auth.context_processors import PermWrapper
from django.contrib.auth.models import AnonymousUser
from django.utils.functional import LazyObject, empty


def request_user(request):
    """`request.user` unwrapped (evaluated if not yet), or None on a request without one."""
    user = getattr(request, "user", None)
    if isinstance(user, LazyObject):
        if user._wrapped is empty:  # noqa: SLF001 the wrapper's own state
            user._setup()  # noqa: SLF001 evaluated as any attribute would
        user = user._wrapped  # noqa: SLF001 what it wraps
    return user


def auth(request):
    """`django.contrib.auth.context_processors.auth` with the user unwrapped."""
    user = request_user(request)
    if user is None:
        user = AnonymousUser()
    return {"user": user, "perms": PermWrapper(user)}
