from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EmulationConfig(AppConfig):
    name = "emulation"
    verbose_name = _("Emulation")

    def ready(self):
        # An eligibility case reads initiatives and registrations (awards sits below).
        from awards.domain import providers  # noqa: PLC0415 imports models: after app loading
        from emulation.initiatives.domain.queries.initiatives import (  # noqa: PLC0415 imports models: after app loading
            initiative_authors,
            initiative_facts,
        )
        from emulation.movements.domain.queries.movements import (  # noqa: PLC0415 imports models: after app loading
            collective_registration,
            registration_facts,
            registration_possible,
        )

        providers.install(initiative_facts=initiative_facts,
                          initiative_authors=initiative_authors,
                          registration_facts=registration_facts,
                          registration_possible=registration_possible,
                          collective_registration=collective_registration)
