"""gunicorn settings for TĐKT behind nginx (see docs/deployment.md)."""

import multiprocessing
import os

bind = os.environ.get("TDKT_BIND", "127.0.0.1:8001")
workers = int(os.environ.get("TDKT_WORKERS", multiprocessing.cpu_count() * 2 + 1))
threads = 2
timeout = 120  # long exports stream; imports run in the task worker, not in requests
max_requests = 2000
max_requests_jitter = 200
accesslog = "-"
forwarded_allow_ips = "127.0.0.1"
