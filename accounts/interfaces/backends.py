"""The authentication backend: Django's ModelBackend, the session's user read through the cache."""

from django.contrib.auth.backends import ModelBackend

from accounts.domain.user_cache import cached_user


class CachedUserBackend(ModelBackend):
    """`get_user` — called once per signed-in request with the session's user id — reads the
    row through the shared cache (accounts.domain.user_cache). Django then checks the session's
    password hash against that row, as with ModelBackend; sign-in and permissions are unchanged."""

    def get_user(self, user_id):
        user = cached_user(user_id)
        return user if user is not None and self.user_can_authenticate(user) else None
