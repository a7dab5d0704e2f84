"""The signed-in user's row, read through the shared cache (issue 14.2).

Every signed-in request loads its user: one query, and a twentieth of a list page's Python. The
row is kept in the shared cache and dropped whenever a user is saved or deleted — any writer: the
domain functions (deactivation, password reset), sign-in's `last_login`, the admin, factories —
by the signals in accounts.apps, now and again at commit. Django still checks, on every request,
that the row allows signing in (`is_active`) and that the session's password hash matches it, so
a deactivated user or a changed password ends every session on the next request.
"""

import hashlib

from django.core.cache import cache
from django.db import transaction

from accounts.models import User

# At most this old anyway: a writer that bypasses save() (a bulk UPDATE) is seen within it.
USER_CACHE_SECONDS = 300
# The row's columns are part of the key: after a deploy that changes them, no old pickle is read.
_SHAPE = hashlib.sha256(" ".join(
    f.attname for f in User._meta.concrete_fields).encode()).hexdigest()[:8]


def _key(user_id) -> str:
    return f"tdkt:user:{user_id}:{_SHAPE}"


def cached_user(user_id) -> User | None:
    """The user with this primary key, or None if there is none."""
    key = _key(user_id)
    user = cache.get(key)
    if user is None:
        try:
            user = User._default_manager.get(pk=user_id)
        except User.DoesNotExist:
            return None
        cache.set(key, user, USER_CACHE_SECONDS)
    return user


def forget_cached_user(user_id) -> None:
    """Drop the cached row now and when the transaction commits: a request between the two would
    otherwise cache the old row again."""
    key = _key(user_id)
    cache.delete(key)
    transaction.on_commit(lambda: cache.delete(key))
