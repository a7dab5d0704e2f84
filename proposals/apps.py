from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class ProposalsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "proposals"
    verbose_name = _("Award proposals")

    def ready(self):
        # Where a subject stands for an award reads the open nominees (awards sits below).
        from awards.domain import providers  # noqa: PLC0415 imports models: after app loading
        from proposals.domain.queries.standing import (  # noqa: PLC0415 imports models: after app loading
            open_nominations,
        )

        providers.install(proposed=open_nominations)
        # A movement's review drafts its award proposal here (emulation sits below).
        from emulation.movements.domain import results  # noqa: PLC0415 imports models: after app loading
        from proposals.domain.from_movements import (  # noqa: PLC0415 imports models: after app loading
            draft_from_review,
        )

        results.install_drafter(draft_from_review)
        # The proposal totals' triggers, put back after every migrate (a later migration that
        # remakes the proposals' or nominees' table on SQLite drops them;
        # proposals.models.proposal_totals).
        post_migrate.connect(_totals_triggers, sender=self, dispatch_uid="tdkt_proposal_totals")


def _totals_triggers(sender, using="default", **kwargs):
    from django.db import connections  # noqa: PLC0415 next to its only use

    from proposals.models import proposal_totals  # noqa: PLC0415 the models' package: after loading

    connection = connections[using]
    proposal_totals.install(connection)
    if connection.vendor == "sqlite":
        # Django's flush (tests, `seed_demo --reset`; it emits post_migrate) deletes SQLite's
        # tables one by one in no fixed order: the totals emptied before the proposals leave the
        # proposals' delete triggers writing negative totals, and a table remade by a migration
        # wrote rows uncounted until the triggers came back here. One writer and small data on
        # SQLite: a recount makes them exact. PostgreSQL's flush truncates every table at once,
        # and a remake never drops its triggers.
        proposal_totals.recount(connection)
