"""Server CPU per request, page by page — what a page costs whatever the neighbours do (issue 14.2).

    BENCH_PAGES_HOME=… python bench/bench_cpu.py [--requests 300] [--floor] [--only WORD,…]

`make bench-pages` compares requests per second with /healthz's measured moments before; on a
machine shared with other work both swing with the load. This measures instead the CPU the server
spends on a request: on the kept province of bench_pages.py (same gunicorn, same settings, same
signed-in user), one keep-alive connection sends --requests requests of a page one after the
other, and the CPU time (user + system, from /proc) of the gunicorn workers and of the PostgreSQL
processes is read before and after. CPU time is not stretched by waiting for a busy CPU, so the
ratio of a page's CPU to /healthz's holds at any load (within a few per cent: caches and
frequency still vary). On 2 CPUs a page can serve at most (2 CPUs / its total CPU) requests a
second, and its share of /healthz's rate cannot exceed /healthz's CPU over the page's (less the
load generator's own CPU, the same for every page).

--floor adds bench/floor_urls.py's two pages that do nothing: a signed-in request with no page,
and an empty page in the layout.
"""

import argparse
import json
import os
import random
import signal
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]
from bench_pages import HOME, STATE, KeptPostgres, ensure_province, kept_note, pages  # noqa: E402
from load_test import Browser, Recorder  # noqa: E402
from serve import gunicorn, site_env  # noqa: E402

TICK = os.sysconf("SC_CLK_TCK")


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--floor", action="store_true")
    parser.add_argument("--not-kept", action="store_true",
                        help="signed-in pages not kept (TDKT_KEEP_PAGES=0): each costs what the "
                             "first request after a write does")
    parser.add_argument("--only", default="")
    parser.add_argument("--user", default="banthidua",
                        help="who signs in (the board by default; canbo_sgd: an officer)")
    parser.add_argument("--path", action="append", default=[], metavar="LABEL=PATH",
                        help="a signed-in page not in bench_pages.py's list, e.g. \"person "
                             "detail=/organisations/people/<public_id>/\" (repeatable)")
    return parser.parse_args()


def _stat(pid: int) -> tuple[int, float, float] | None:
    """(parent pid, CPU seconds, CPU seconds of its exited children) of a process, from
    /proc/<pid>/stat: PostgreSQL's parallel workers and recycled gunicorn workers exit."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (FileNotFoundError, ProcessLookupError, IndexError):
        return None
    return (int(fields[1]), (int(fields[11]) + int(fields[12])) / TICK,
            (int(fields[13]) + int(fields[14])) / TICK)


def cpu_of(roots: set[int]) -> float:
    """CPU seconds of `roots` and their children (gunicorn's master and workers; the
    postmaster and its backends)."""
    total = 0.0
    for entry in os.listdir("/proc"):
        if entry.isdigit() and (stat := _stat(int(entry))):
            if int(entry) in roots:
                total += stat[1] + stat[2]
            elif stat[0] in roots:
                total += stat[1]
    return total


def gunicorn_master(port: int) -> int:
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                command = Path(f"/proc/{entry}/cmdline").read_bytes().replace(b"\0", b" ")
            except OSError:
                continue
            if b"gunicorn" in command and f"127.0.0.1:{port}".encode() in command:
                stat = _stat(int(entry))
                if stat and b"gunicorn" not in Path(f"/proc/{stat[0]}/cmdline").read_bytes():
                    return int(entry)
    raise SystemExit("gunicorn's master not found")


def measure(port: int, postmaster: int, data: dict, args) -> list[str]:
    office, public = Browser(port, Recorder(), random.Random(1)), Browser(
        port, Recorder(), random.Random(2))
    office.sign_in(args.user)
    server = {gunicorn_master(port)}
    rows = [("healthz", "/healthz", True)] + [
        row for row in pages(data)
        if not args.only or any(word in row[0] for word in args.only.split(","))] + [
        (*extra.split("=", 1), True) for extra in args.path]
    lines = [f"{'page':<26} {'python ms':>9} {'pg ms':>7} {'total ms':>8} {'× healthz':>9}"]
    print(lines[0], flush=True)
    base = None
    for label, path, signed_in in rows:
        browser = office if signed_in else public
        for _ in range(40):  # warm-up: caches, every worker's first render
            browser.request(label, "GET", path)
        # The trivial pages three times as often: CPU time is counted in ticks of 10 ms.
        count = args.requests * (3 if path.startswith(("/healthz", "/bench/")) else 1)
        python, postgres = cpu_of(server), cpu_of({postmaster})
        for _ in range(count):
            browser.request(label, "GET", path)
        python = (cpu_of(server) - python) / count * 1000
        postgres = (cpu_of({postmaster}) - postgres) / count * 1000
        base = base or python + postgres
        line = (f"{label:<26} {python:>9.2f} {postgres:>7.2f} {python + postgres:>8.2f} "
                f"{(python + postgres) / base:>9.1f}")
        print(line, flush=True)
        lines.append(line)
    return lines


def main() -> int:
    args = parse_args()
    postgres = KeptPostgres(HOME / "pg", rebuild=False)
    if postgres.fresh:
        raise SystemExit("no kept province: run bench_pages.py --build-only first")
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    env = site_env(HOME / "site", TDKT_LOGIN_MAX_FAILURES_PER_ADDRESS="100000")
    try:
        data = ensure_province(postgres, argparse.Namespace(), env)
        # No worker recycling (deploy's max_requests): with one keep-alive connection a single
        # worker serves every request, and its restart (seconds of CPU importing the site) would
        # land on whichever page reaches its 2,000th request.
        env, options = dict(os.environ), ("--max-requests", "0")
        if args.not_kept:
            env["TDKT_KEEP_PAGES"] = "0"
        if args.floor:
            env["DJANGO_SETTINGS_MODULE"] = "floor_settings"
            options, data = (*options, "--pythonpath", str(ROOT / "bench")), {**data, "floor": True}
        postmaster = int((postgres.data / "postmaster.pid").read_text().split()[0])
        load_before = os.getloadavg()
        with gunicorn(env, workers=None, log=HOME / "gunicorn.log", options=options) as port:
            lines = measure(port, postmaster, data, args)
        header = (f"== server CPU per request, {args.requests} sequential requests a page, "
                  f"{json.loads(STATE.read_text())['people']:,} people; load average "
                  f"{load_before[0]:.1f} before, {os.getloadavg()[0]:.1f} after; "
                  f"{time.strftime('%Y-%m-%d %H:%M')}; {kept_note(env)} ==")
        print(header)
        (HOME / f"cpu-{time.strftime('%Y%m%d-%H%M%S')}.txt").write_text(
            "\n".join([header, *lines]) + "\n")
        return 0
    finally:
        postgres.stop()


if __name__ == "__main__":
    sys.exit(main())
