"""gunicorn settings for TĐKT behind nginx (see docs/deployment.md)."""

import multiprocessing
import os

bind = os.environ.get("TDKT_BIND", "127.0.0.1:8001")
workers = int(os.environ.get("TDKT_WORKERS", multiprocessing.cpu_count() * 2 + 1))
threads = 2
timeout = 120  # long exports stream; imports run in the task worker, not in requests
# Workers are recycled (a guard against slow leaks), but rarely: starting one costs ~1.8 s of CPU
# (importing Django and the site), which over 2,000 requests was ~0.9 ms a request — more than
# /healthz itself (0.7 ms of server CPU; docs/performance.md, "fixed cost", h3).
max_requests = 20000
max_requests_jitter = 2000
# No access log here: nginx (deploy/nginx-tdkt.conf) logs every request, with the client's own
# address where gunicorn sees only 127.0.0.1. Formatting gunicorn's line cost ~0.07–0.1 ms of CPU
# a request (bench/bench_cpu.py --floor, docs/performance.md, session 13 hD): an eighth of a
# signed-in request. TDKT_ACCESS_LOG=- (or a file) brings it back, e.g. to run without nginx.
accesslog = os.environ.get("TDKT_ACCESS_LOG") or None
forwarded_allow_ips = "127.0.0.1"
