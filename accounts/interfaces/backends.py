"""The authentication backend: Django's ModelBackend, the session's user read through the cache."""

from django.contrib.auth.backends import ModelBackend

from accounts.domain.user_cache import cached_user


class CachedUserBackend(ModelBackend):
    """`get_user` — called once per signed-in request with the session's user id — reads the
    row through the shared cache (accounts.domain.user_cache). Django then checks the session's
    password hash against that row, as with ModelBackend; sign-in is unchanged.

    Permissions come from the rules only (accounts.rules and each app's `rules.py`: roles and
    scope): this backend grants none. Django's own model permissions (a user's or a group's
    `Permission` rows) have no screen here and no part in who may do what, yet ModelBackend read
    them — two queries, ~2 ms — on every page asking for a permission the rules refuse (an
    officer's decision list asks `decisions.draft_decision`; session 15). A superuser is still
    granted everything by `User.has_perm` itself, before any backend."""

    def get_user(self, user_id):
        user = cached_user(user_id)
        return user if user is not None and self.user_can_authenticate(user) else None

    def get_user_permissions(self, user_obj, obj=None):
        return set()

    def get_group_permissions(self, user_obj, obj=None):
        return set()
