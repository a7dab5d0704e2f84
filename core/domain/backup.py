"""Backup and restore of a TĐKT installation: the database and the private files (uploads).

An archive is a .tar.gz holding `manifest.json` (engine, time, migrations), the database — a
SQLite file copied with SQLite's online-backup API, or a `pg_dump` custom-format dump — and the
`private/` tree. Restoring replaces both. The database engine of the archive must match.
"""

import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

MANIFEST = "manifest.json"


class BackupError(RuntimeError):
    pass


def _engine() -> str:
    return "postgresql" if connection.vendor == "postgresql" else "sqlite"


def _pg_env() -> dict:
    db = connection.settings_dict
    env = dict(os.environ)
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    return env


def _pg_args() -> list[str]:
    db = connection.settings_dict
    args = []
    if db.get("HOST"):
        args += ["--host", db["HOST"]]
    if db.get("PORT"):
        args += ["--port", str(db["PORT"])]
    if db.get("USER"):
        args += ["--username", db["USER"]]
    return args


def _run(command: list[str]) -> None:
    done = subprocess.run(command, env=_pg_env(), capture_output=True, text=True)
    if done.returncode != 0:
        raise BackupError(f"{command[0]} failed: {done.stderr.strip()[:500]}")


def _dump_database(folder: Path) -> str:
    if _engine() == "postgresql":
        target = folder / "db.pgdump"
        _run(["pg_dump", "--format=custom", "--no-owner", *_pg_args(),
              "--dbname", connection.settings_dict["NAME"], "--file", str(target)])
        return target.name
    connection.ensure_connection()
    target = folder / "db.sqlite3"
    with sqlite3.connect(target) as copy:
        connection.connection.backup(copy)
    copy.close()
    return target.name


def create_backup(output_dir: Path) -> Path:
    """Write a backup archive into `output_dir` and return its path."""
    output_dir.mkdir(parents=True, exist_ok=True)
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
    archive = output_dir / f"tdkt-backup-{stamp}.tar.gz"
    with tempfile.TemporaryDirectory() as work:
        folder = Path(work)
        manifest = {"engine": _engine(), "created": stamp, "database": _dump_database(folder),
                    "migrations": sorted(MigrationRecorder.Migration.objects.values_list(
                        "app", "name"))}
        (folder / MANIFEST).write_text(json.dumps(manifest, indent=1), encoding="utf-8")
        with tarfile.open(archive, "w:gz") as tar:
            tar.add(folder / MANIFEST, MANIFEST)
            tar.add(folder / manifest["database"], manifest["database"])
            private = Path(settings.PRIVATE_MEDIA_ROOT)
            if private.exists():
                tar.add(private, "private")
    return archive


def restore_backup(archive: Path) -> dict:
    """Replace the database and the private files with those of `archive`; return the
    manifest. The caller confirms first: everything since the backup is lost."""
    with tempfile.TemporaryDirectory() as work, tarfile.open(archive, "r:gz") as tar:
        tar.extractall(work, filter="data")
        folder = Path(work)
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        if manifest["engine"] != _engine():
            raise BackupError(f"The archive is a {manifest['engine']} backup; this installation "
                              f"uses {_engine()}.")
        _restore_database(folder / manifest["database"])
        private = Path(settings.PRIVATE_MEDIA_ROOT)
        if private.exists():
            shutil.rmtree(private)
        if (folder / "private").exists():
            shutil.copytree(folder / "private", private)
        else:
            private.mkdir(parents=True, exist_ok=True)
    return manifest


def _restore_database(dump: Path) -> None:
    if _engine() == "postgresql":
        connection.close()
        _run(["pg_restore", "--clean", "--if-exists", "--no-owner", "--single-transaction",
              *_pg_args(), "--dbname", connection.settings_dict["NAME"], str(dump)])
        return
    connection.ensure_connection()
    with sqlite3.connect(dump) as source:
        source.backup(connection.connection)
    source.close()
