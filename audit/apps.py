from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from core import trail


class AuditConfig(AppConfig):
    name = "audit"
    verbose_name = _("Audit log")

    def ready(self):
        # core's own changes (the holiday calendar) are audited through core.trail.
        from audit.domain.record import record  # noqa: PLC0415 imports models: after app loading

        trail.install(record)
