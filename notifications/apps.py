from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = _("Notifications")

    def ready(self):
        # A kept page (core.interfaces.kept_pages) shows the unread count in its header.
        from core.interfaces.kept_pages import KEY_PARTS  # noqa: PLC0415 app loading first
        from notifications.domain.notify import unread_key_part  # noqa: PLC0415 imports models: after app loading

        if unread_key_part not in KEY_PARTS:
            KEY_PARTS.append(unread_key_part)
