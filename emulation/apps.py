from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EmulationConfig(AppConfig):
    name = "emulation"
    verbose_name = _("Emulation")

    def ready(self):
        from core import home
        from emulation.interfaces.home import overdue_tasks_panel

        home.register(overdue_tasks_panel)
