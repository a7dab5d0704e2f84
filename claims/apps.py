from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ClaimsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "claims"
    verbose_name = _("Wartime backlog claims")

    def ready(self):
        # A backlog claim ends where its nominee's fate is settled (proposals, decisions):
        # those apps sit below claims and call these through their port.
        from claims.domain.closing import (  # noqa: PLC0415 imports models: after app loading
            close_by_decision,
            reopen_for_nominees,
        )
        from proposals.domain import settlement  # noqa: PLC0415 imports models: after app loading

        settlement.install(released=reopen_for_nominees, decided=close_by_decision)
