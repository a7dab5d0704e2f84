from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from emulation.movements.enums import CriterionFeed


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Statistics")

    def ready(self):
        # Criterion 2.2 of the emulation rounds is scored from reporting discipline.
        from emulation.movements.domain import (  # noqa: PLC0415 imports models: after app loading
            feeds,
        )
        from reports.domain.feeds import ON_TIME  # noqa: PLC0415 imports models: after app loading

        feeds.register(CriterionFeed.REPORTING_ON_TIME, ON_TIME)
