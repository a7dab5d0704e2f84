"""Production settings pass Django's deployment checks (run in a subprocess with the production
environment, as a real deployment reads it)."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

from tdkt.settings import database_from_url

ROOT = Path(__file__).resolve().parents[2]


def test_check_deploy_is_clean_with_production_environment(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "TDKT_"))}
    env |= {"DJANGO_SETTINGS_MODULE": "tdkt.settings", "DJANGO_DEBUG": "0",
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
            "DJANGO_ALLOWED_HOSTS": "tdkt.tuyenquang.gov.vn", "TDKT_VAR_DIR": str(tmp_path)}
    env.pop("DATABASE_URL", None)
    result = subprocess.run([sys.executable, "manage.py", "check", "--deploy", "--fail-level",
                             "WARNING"], cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "TDKT_"))}
    env |= {"DJANGO_SETTINGS_MODULE": "tdkt.settings", "DJANGO_DEBUG": "0",
            "TDKT_VAR_DIR": str(tmp_path)}
    result = subprocess.run([sys.executable, "manage.py", "check"], cwd=ROOT, env=env,
                            capture_output=True, text=True)
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is required" in result.stderr


def test_database_url_parsing():
    assert database_from_url("postgresql://tdkt:p%40ss@db.local:5433/tdkt") | {
        "CONN_MAX_AGE": 0} == {
        "ENGINE": "django.db.backends.postgresql", "NAME": "tdkt", "USER": "tdkt",
        "PASSWORD": "p@ss", "HOST": "db.local", "PORT": "5433", "CONN_MAX_AGE": 0,
        "OPTIONS": {"options": "-c max_parallel_workers_per_gather=0"}}
    assert database_from_url("sqlite:////var/lib/tdkt/db.sqlite3")["NAME"] == (
        "/var/lib/tdkt/db.sqlite3")


def test_a_reporting_host_may_allow_parallel_query(monkeypatch):
    monkeypatch.setenv("DATABASE_PARALLEL_WORKERS", "2")
    assert database_from_url("postgresql://tdkt@db/tdkt")["OPTIONS"] == {
        "options": "-c max_parallel_workers_per_gather=2"}


@pytest.mark.postgres_only
@pytest.mark.django_db
def test_pages_query_without_parallel_workers():
    """Parallel workers cost a page's query more CPU in all (the ledger searched for "le":
    24 ms over three processes against 10 ms in one) on a host whose CPUs serve many requests."""
    from django.db import connection  # noqa: PLC0415 test-local

    with connection.cursor() as cursor:
        cursor.execute("SHOW max_parallel_workers_per_gather")
        assert cursor.fetchone() == ("0",)
