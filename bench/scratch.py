"""What every benchmark starts with: a scratch SQLite database in a fresh TDKT_VAR_DIR (a real
DATABASE_URL is ignored, so no real database is ever flushed), production-like settings, then
Django. Call `setup_django` before importing any of the project's models."""

import os
import resource
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def setup_django(var_dir: Path, *, task_backend: str | None = None,
                 database_url: str | None = None) -> None:
    """`database_url`: a scratch database the caller has created (never DATABASE_URL)."""
    if os.environ.pop("DATABASE_URL", None):
        print("note: DATABASE_URL ignored; the benchmark uses a scratch database")
    if database_url:
        os.environ["DATABASE_URL"] = database_url
    os.environ["TDKT_VAR_DIR"] = str(var_dir)
    os.environ["DJANGO_SETTINGS_MODULE"] = "tdkt.settings"
    # Production-like: no debug query log, no debug templates.
    os.environ.setdefault("DJANGO_DEBUG", "0")
    os.environ.setdefault("DJANGO_SECRET_KEY", "bench-only-not-a-secret")
    os.environ["TDKT_TASK_BACKEND"] = (
        task_backend or "django_tasks.backends.immediate.ImmediateBackend")
    import django

    django.setup()


def max_rss_mb() -> float:
    """Peak resident memory of this process so far (Linux reports KiB, macOS bytes)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (2**20 if sys.platform == "darwin" else 2**10)
