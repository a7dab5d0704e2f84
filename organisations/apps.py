from django.apps import AppConfig
from django.db.models.signals import post_delete, post_migrate, post_save
from django.utils.translation import gettext_lazy as _


class OrganisationsConfig(AppConfig):
    name = "organisations"
    verbose_name = _("Organisations and people")

    def ready(self):
        from organisations.models import Unit  # noqa: PLC0415 a model: after app loading

        # The cached scopes count the units (accounts.domain.scope.covers_every_unit): a unit
        # written by any path (the admin, an import, a factory) starts a new tree version.
        # Structural changes also end with rebuild_tree_index, which bumps it again.
        post_save.connect(_unit_saved, sender=Unit, dispatch_uid="tdkt_unit_tree_saved")
        post_delete.connect(_tree_changed, sender=Unit, dispatch_uid="tdkt_unit_tree_deleted")
        # The province key's triggers, put back after every migrate (a later migration that
        # remakes a keyed table on SQLite drops them; organisations.models.province_key).
        post_migrate.connect(_province_triggers, sender=self, dispatch_uid="tdkt_province_key")


def _unit_saved(sender, instance, created, **kwargs):
    if created:
        _tree_changed(sender, instance)


def _tree_changed(sender, instance, **kwargs):
    from accounts.domain.scope import UNIT_TREE  # noqa: PLC0415 imports models: after app loading
    from core.caching import bump_version  # noqa: PLC0415 next to its key's import

    bump_version(UNIT_TREE)


def _province_triggers(sender, using="default", **kwargs):
    from django.db import connections  # noqa: PLC0415 next to its only use

    from organisations.models import province_key  # noqa: PLC0415 imports models

    province_key.install_all(connections[using])
