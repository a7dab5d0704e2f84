from django.apps import AppConfig, apps
from django.contrib.auth.signals import user_logged_in
from django.utils.translation import gettext_lazy as _

from core import choices
from core.middleware import stamp_session_on_sign_in


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Core")

    def ready(self):
        choices.install(apps.get_models())
        user_logged_in.connect(stamp_session_on_sign_in, dispatch_uid="core.stamp_session")
