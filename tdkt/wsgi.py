"""WSGI entry point (gunicorn tdkt.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tdkt.settings")
application = get_wsgi_application()
