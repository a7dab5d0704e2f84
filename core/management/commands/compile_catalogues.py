"""Compile every locale/*/LC_MESSAGES/*.po to .mo with polib (pure Python), so a fresh machine
needs no gettext tools to build the Vietnamese interface."""

from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Compile translation catalogues (.po → .mo) without GNU gettext."

    def handle(self, *args, **options):
        compiled = 0
        for locale_dir in settings.LOCALE_PATHS:
            for po_path in Path(locale_dir).glob("*/LC_MESSAGES/*.po"):
                catalogue = polib.pofile(str(po_path))
                broken = [e.msgid for e in catalogue if "fuzzy" in e.flags]
                if broken:
                    raise CommandError(f"{po_path}: fuzzy entries must be reviewed: {broken[:3]}")
                catalogue.save_as_mofile(str(po_path.with_suffix(".mo")))
                compiled += 1
        self.stdout.write(f"compiled {compiled} catalogue(s)")
