from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts and roles")

    def ready(self):
        from accounts.models import RoleAssignment, User  # noqa: PLC0415 a model: after app loading

        # Any write of an assignment (the domain functions, the admin, a factory) drops the
        # cached roles of its user: a revoked role must not outlive its revocation.
        post_save.connect(_assignment_changed, sender=RoleAssignment,
                          dispatch_uid="tdkt_roles_cache")
        post_delete.connect(_assignment_changed, sender=RoleAssignment,
                            dispatch_uid="tdkt_roles_cache_delete")
        # Any write of a user drops its cached row (the session's user): a deactivated account
        # or a new password must end its sessions on the next request.
        post_save.connect(_user_changed, sender=User, dispatch_uid="tdkt_user_cache")
        post_delete.connect(_user_changed, sender=User, dispatch_uid="tdkt_user_cache_delete")
        # A kept page (core.interfaces.kept_pages) was rendered with the user's roles: its menu,
        # its permissions and its scope. A change of role asks a new page.
        from accounts.domain.scope import roles_key_part  # noqa: PLC0415 imports models: after app loading
        from core.interfaces.kept_pages import KEY_PARTS  # noqa: PLC0415 beside the import above

        if roles_key_part not in KEY_PARTS:
            KEY_PARTS.append(roles_key_part)


def _assignment_changed(sender, instance, **kwargs):
    from accounts.domain.scope import forget_cached_roles  # noqa: PLC0415 imports models: after app loading

    forget_cached_roles(instance.user)


def _user_changed(sender, instance, **kwargs):
    from accounts.domain.user_cache import forget_cached_user  # noqa: PLC0415 imports models: after app loading

    forget_cached_user(instance.pk)
