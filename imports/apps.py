from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class ImportsConfig(AppConfig):
    name = "imports"
    verbose_name = _("Imports")

    def ready(self):
        # Importers live with the data they write (`<app>/interfaces/importers.py`) and register
        # themselves on import; loading them here fills the registry before any request or task.
        autodiscover_modules("interfaces.importers")
