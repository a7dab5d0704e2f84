from django.apps import AppConfig
from django.db.models.signals import post_delete, post_migrate, post_save
from django.utils.translation import gettext_lazy as _


class AwardsConfig(AppConfig):
    name = "awards"
    verbose_name = _("Awards")

    def ready(self):
        from awards.models import AwardRecord  # noqa: PLC0415 a model: after app loading

        # Any record written one by one (the ledger's functions, a revocation, the admin, a
        # factory) starts a new version of the figures computed from the ledger.
        post_save.connect(_ledger_changed, sender=AwardRecord, dispatch_uid="tdkt_ledger_saved")
        post_delete.connect(_ledger_changed, sender=AwardRecord,
                            dispatch_uid="tdkt_ledger_deleted")
        # The award totals' triggers, put back after every migrate (a later migration that
        # remakes the ledger's table on SQLite drops them; awards.models.award_totals).
        post_migrate.connect(_totals_triggers, sender=self, dispatch_uid="tdkt_award_totals")


def _ledger_changed(sender, instance, **kwargs):
    from awards.domain.ledger import LEDGER  # noqa: PLC0415 imports models: after app loading
    from core.caching import bump_version  # noqa: PLC0415 next to its key's import

    bump_version(LEDGER)


def _totals_triggers(sender, using="default", **kwargs):
    from django.db import connections  # noqa: PLC0415 next to its only use

    from awards.models import award_totals  # noqa: PLC0415 the models' package: after loading

    connection = connections[using]
    award_totals.install(connection)
    if connection.vendor == "sqlite":  # after a flush, exact again (proposals.apps: why)
        award_totals.recount(connection)
