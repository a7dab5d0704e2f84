from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "portal"
    verbose_name = _("Public portal")

    def ready(self):
        from awards.domain.queries.search import watch_ledger  # noqa: PLC0415 after app loading
        from portal.domain.public_epoch import LEDGER_EPOCH_SQL  # noqa: PLC0415 next to its use

        # The public epoch watches every table the back office's ledger search reads but the
        # people's copy (LEDGER_WATCHED): the search keeps a page's ids under it.
        watch_ledger(LEDGER_EPOCH_SQL)
