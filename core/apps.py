from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Core")

    def ready(self):
        from django.apps import apps
        from django.contrib.auth.signals import user_logged_in

        from core import choices

        choices.install(apps.get_models())

        from core.middleware import stamp_session_on_sign_in

        user_logged_in.connect(stamp_session_on_sign_in, dispatch_uid="core.stamp_session")
