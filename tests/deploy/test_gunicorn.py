"""gunicorn's settings (deploy/gunicorn.conf.py): no access log of its own — nginx logs every
request, with the client's address — unless TDKT_ACCESS_LOG asks for one."""

import runpy
from pathlib import Path

CONF = Path(__file__).resolve().parents[2] / "deploy" / "gunicorn.conf.py"


def test_no_access_log_unless_asked(monkeypatch):
    monkeypatch.delenv("TDKT_ACCESS_LOG", raising=False)
    quiet = runpy.run_path(str(CONF))["accesslog"]
    monkeypatch.setenv("TDKT_ACCESS_LOG", "-")
    assert (quiet, runpy.run_path(str(CONF))["accesslog"]) == (None, "-")


def test_nginx_keeps_the_access_log():
    nginx = (CONF.parent / "nginx-tdkt.conf").read_text()
    lines = [line.strip() for line in nginx.splitlines()]
    assert [line for line in lines if line.startswith("access_log")] == [
        "access_log /var/log/nginx/tdkt-access.log;"]
