"""Run the site from outside, as production does: gunicorn with deploy/gunicorn.conf.py on a free
loopback port, production-like settings (DEBUG off, no HTTPS redirect: plain HTTP on loopback).
Used by bench/fuzz_api.py (`make fuzz`) and bench/load_test.py (`make load`)."""

import contextlib
import http.client
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable


def site_env(var_dir: Path, **extra: str) -> dict[str, str]:
    """The environment of every process of the run: a scratch TDKT_VAR_DIR, DEBUG off."""
    env = dict(os.environ)
    env.update({
        "DJANGO_SETTINGS_MODULE": "tdkt.settings",
        "TDKT_VAR_DIR": str(var_dir),
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "bench-only-not-a-secret",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_SSL_REDIRECT": "0",
        "PYTHONUNBUFFERED": "1",
    })
    env.update(extra)
    return env


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def manage(env: dict[str, str], *args: str) -> None:
    """Run one management command in its own process; its failure ends the run."""
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True)


def wait_until_up(port: int, process: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"gunicorn exited with code {process.returncode} before answering")
        with contextlib.suppress(OSError):
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", "/healthz")
            if connection.getresponse().status == 200:
                return
        time.sleep(0.3)
    raise SystemExit(f"gunicorn did not answer /healthz on port {port} within {timeout:.0f} s")


@contextlib.contextmanager
def gunicorn(env: dict[str, str], *, workers: int | None, log: Path,
             options: tuple[str, ...] = ()) -> Iterator[int]:
    """Start gunicorn (deploy/gunicorn.conf.py; `workers` None keeps its count) on a free
    loopback port and yield the port; stop it, and every process it started, on the way out
    whatever happens."""
    port = free_port()
    command = [PYTHON, "-m", "gunicorn", "-c", str(ROOT / "deploy" / "gunicorn.conf.py"),
               "--bind", f"127.0.0.1:{port}",
               # deploy's setting (no access log, nginx has it) unless asked for.
               *(["--access-logfile", "-"] if os.environ.get("BENCH_ACCESS_LOG") else [])]
    if workers:
        command += ["--workers", str(workers)]
    command += [*options, "tdkt.wsgi"]
    with log.open("ab") as out:
        # Its own session: on the way out the whole group (master and workers) is signalled.
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out,
                                   stderr=subprocess.STDOUT, start_new_session=True)
    try:
        wait_until_up(port, process)
        yield port
    finally:
        stop(process)


def stop(process: subprocess.Popen) -> None:
    if process.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def print_errors_from(log: Path, limit: int = 80) -> None:
    """Show the server-side tracebacks (Django logs unhandled errors at ERROR) from the log."""
    lines = log.read_text(errors="replace").splitlines() if log.exists() else []
    errors = [i for i, line in enumerate(lines) if "Traceback" in line]
    if errors:
        print(f"\n-- server tracebacks in {log} (first {limit} lines) --")
        print("\n".join(lines[max(0, errors[0] - 2):errors[0] + limit]))
