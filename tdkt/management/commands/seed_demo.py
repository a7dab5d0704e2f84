"""Build the demo province in stages (see organisations/interfaces/demo.py for the story)."""

import random
import time

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from accounts.interfaces.demo import DEMO_PASSWORD, build_accounts
from awards.interfaces import demo as awards_demo
from claims.interfaces import demo as claims_demo
from core.domain.calendar import SEED_YEARS, seed_holidays
from decisions.interfaces import demo as decisions_demo
from emulation.exemplars.interfaces import demo as records_demo
from emulation.initiatives.interfaces import demo as emulation_demo
from emulation.movements.interfaces import demo as movements_demo
from organisations.interfaces import demo as org_demo
from organisations.models import Unit
from proposals.interfaces import demo as proposals_demo
from tdkt.reference_data import reload_reference_data


class Command(BaseCommand):
    help = ("Load a realistic demo province (units, merger, clusters, people, awards, "
            "initiatives, personas).")

    def add_arguments(self, parser):
        parser.add_argument("--people", type=int, default=3000,
                            help="Number of people to create (benchmarks use 100000).")
        parser.add_argument("--reset", action="store_true",
                            help="Empty the database first (development only).")
        parser.add_argument("--if-empty", action="store_true",
                            help="Do nothing when units already exist (used by `make run`).")
        parser.add_argument("--seed", type=int, default=2025, help="Random seed.")
        parser.add_argument("--no-history", dest="history", action="store_false",
                            help="Skip the 2019–2025 ratings and awards (benchmarks that bring "
                                 "their own history).")

    def handle(self, *args, people, reset, if_empty, seed, history, **options):
        if if_empty and Unit.objects.exists():
            self.stdout.write("Demo data already present; skipping (use `make seed` to rebuild).")
            return
        if reset:
            # flush empties every table, the catalogue loaded by a data migration included.
            call_command("flush", interactive=False, verbosity=0)
            reload_reference_data()
        demo = org_demo.Demo(actor=None, rng=random.Random(seed))
        households = max(3, min(40, people // 200))
        voted = {}  # the proposals stage leaves these to the decisions stage
        stages = [
            ("holidays", lambda: seed_holidays(*SEED_YEARS)),  # flush empties the table too
            ("tree before 1/7/2025", lambda: org_demo.build_old_provinces(demo)),
            (f"{people} people", lambda: org_demo.populate_people(demo, people)),
            ("transfers 2022–2024", lambda: org_demo.transfer_some_people(demo)),
            ("reorganisation 1/7/2025", lambda: org_demo.reorganise_2025(demo)),
            ("staff of new units", lambda: org_demo.add_people_to_new_units(
                demo, per_unit=max(2, people // 1000), serial_start=people + 1)),
            ("collectives and households", lambda: org_demo.build_subjects(
                demo, households, serial_start=people + 200_000)),
            ("clusters and blocks", lambda: org_demo.build_clusters(demo)),
            ("emulation staff and training", lambda: org_demo.build_staff(demo)),
            ("ratings and awards 2019–2025",
             lambda: awards_demo.build_history(demo.rng) if history else 0),
            ("initiatives", lambda: emulation_demo.build_initiatives(demo.rng)),
            ("exemplary models and an inspection",
             lambda: records_demo.build_exemplars_and_inspections(demo.rng)),
            ("accounts", build_accounts),
            ("plan, movements, registrations, cluster rounds",
             lambda: movements_demo.build_emulation_year(demo.rng)),
            ("proposals and councils", lambda: voted.update(proposals_demo.build_proposals())),
            ("decisions, a correction, a revocation",
             lambda: decisions_demo.build_decisions(voted)),
            ("wartime backlog claims", lambda: claims_demo.build_backlog(demo.rng)),
        ]
        for label, stage in stages:
            started = time.perf_counter()
            with transaction.atomic():
                result = stage()
            if label == "accounts":
                logins = result
            self.stdout.write(f"  {label}: {time.perf_counter() - started:.1f} s")
        self.stdout.write(self.style.SUCCESS(
            f"Demo province ready: {Unit.objects.count()} units. Logins (password "
            f"{DEMO_PASSWORD}): " + ", ".join(f"{u} ({r})" for u, r in logins)))
