"""The migrated SQLite test database, kept as a template between runs.

Migrating the test database (the migrations also load the award catalogue, the criteria, the
holidays and the procedure parameters) took 9–26 s before the first test, longer than most test
modules themselves. On SQLite the suite's database lives in memory; after the first run its
migrated contents are saved to `var/test-db/<key>.sqlite3`, and later runs copy that file into the
in-memory database with SQLite's backup API (a few milliseconds) instead of migrating.

The key is a hash of what decides the migrated contents: the Django version, every migration
file, every app's `data/` package, and the first-party modules the migrations import, followed
through their own first-party imports. A change to any of them builds a new template (the old
ones are removed). `--create-db` builds one whatever the key says. PostgreSQL (`.ci/run`) and a
file-based test database are set up exactly as pytest-django always did; so is every xdist
worker, each copying the same template into its own in-memory database.
"""

import ast
import hashlib
import os
import sqlite3
import tempfile
from pathlib import Path

import django
from django.conf import settings

BASE_DIR = Path(settings.BASE_DIR)
TEMPLATE_DIR = BASE_DIR / "var" / "test-db"


def template_key() -> str:
    digest = hashlib.sha256(django.get_version().encode())
    for path in sorted(_sources()):
        digest.update(str(path.relative_to(BASE_DIR)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _sources() -> set[Path]:
    """Migration files, `data/` packages, and the first-party modules migrations reach."""
    apps = {p.parent.parent.name for p in BASE_DIR.glob("*/migrations/__init__.py")}
    found = set(BASE_DIR.glob("*/migrations/*.py")) | set(BASE_DIR.glob("*/data/**/*.py"))
    todo = list(found)
    while todo:
        for module in _first_party_imports(todo.pop(), apps | {"tdkt"}):
            path = _module_file(module)
            if path is not None and path not in found:
                found.add(path)
                todo.append(path)
    return found


def _first_party_imports(path: Path, packages: set[str]) -> set[str]:
    modules = set()
    for node in ast.walk(ast.parse(path.read_bytes())):
        if isinstance(node, ast.ImportFrom) and node.module and not node.level:
            modules.add(node.module)
            modules.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
    return {m for m in modules if m.split(".")[0] in packages}


def _module_file(module: str) -> Path | None:
    base = BASE_DIR.joinpath(*module.split("."))
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None  # a name imported from a module, not a module


def usable(connection, *, use_migrations: bool, keepdb: bool) -> bool:
    """Only the in-memory SQLite test database, migrated, is templated."""
    return (connection.vendor == "sqlite" and use_migrations and not keepdb
            and connection.creation.is_in_memory_db(connection.creation._get_test_db_name()))


def restore(connection, path: Path) -> str:
    """Point `connection` at its in-memory test database and fill it from the template; returns
    the production name to restore afterwards (what `create_test_db` returns)."""
    old_name = connection.settings_dict["NAME"]
    test_name = connection.creation._get_test_db_name()
    connection.close()
    settings.DATABASES[connection.alias]["NAME"] = test_name
    connection.settings_dict["NAME"] = test_name
    connection.ensure_connection()
    source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        source.backup(connection.connection)
    finally:
        source.close()
    return old_name


def save(connection, path: Path) -> None:
    """Write the migrated in-memory database to `path` (atomically: xdist workers and parallel
    runs may save the same key at once) and remove templates of older keys."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, scratch = tempfile.mkstemp(dir=path.parent, suffix=".part")
    os.close(handle)
    target = sqlite3.connect(scratch)
    try:
        connection.ensure_connection()
        connection.connection.backup(target)
    finally:
        target.close()
    os.replace(scratch, path)
    for old in path.parent.glob("*.sqlite3"):
        if old != path:
            old.unlink(missing_ok=True)
