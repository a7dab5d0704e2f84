"""WSGI entry point (gunicorn tdkt.wsgi)."""

import os

from core.handler import application as wsgi_application
from core.runtime import settle_startup_heap

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tdkt.settings")
application = wsgi_application()  # Django's, its requests freed when closed
settle_startup_heap()  # after Django and every app are loaded
