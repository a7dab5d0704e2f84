"""`make run`: the development server plus a background-task worker in one command, so long
imports show their progress exactly as in production (where the worker is its own service)."""

import subprocess
import sys

from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Run the development server and the django-tasks database worker together."

    def add_arguments(self, parser):
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")

    def handle(self, *args, **options):
        worker = subprocess.Popen([sys.executable, "manage.py", "db_worker"])
        try:
            call_command("runserver", options["addrport"], use_reloader=False)
        finally:
            worker.terminate()
            worker.wait(timeout=10)
