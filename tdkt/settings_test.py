"""Settings for the test suite: the production settings with fast hashing, tasks run
immediately, and private files in a throw-away folder. DATABASE_URL still chooses the database,
so `.ci/run` runs the same suite on PostgreSQL."""

import atexit
import shutil
import tempfile
from pathlib import Path

from tdkt.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
PRIVATE_MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="tdkt-test-private-"))
atexit.register(shutil.rmtree, PRIVATE_MEDIA_ROOT, ignore_errors=True)
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TDKT_SITE_URL = "https://tdkt.test"
# Each test run (and each xdist worker) its own memory cache, cleared before every test.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# One process: its memory cache is shared by every request, as the file cache is in production.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
