from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from core import home


class EmulationConfig(AppConfig):
    name = "emulation"
    verbose_name = _("Emulation")

    def ready(self):
        from emulation.interfaces.home import overdue_tasks_panel  # noqa: PLC0415 imports models: after app loading

        home.register(overdue_tasks_panel)
