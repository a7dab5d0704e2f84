"""WSGI entry point (gunicorn tdkt.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

from core.runtime import settle_startup_heap

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tdkt.settings")
application = get_wsgi_application()
settle_startup_heap()  # after Django and every app are loaded
