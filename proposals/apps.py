from django.apps import AppConfig
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
