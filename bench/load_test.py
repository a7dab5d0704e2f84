"""Load test: 50 users browsing and submitting for 60 s against gunicorn + PostgreSQL with the
100,000-person province (`make load`; not in CI: it takes 15–25 minutes, most of it seeding).

    python bench/load_test.py [--users 50] [--seconds 60] [--people 100000] [--think 0.5]

1. starts a throw-away PostgreSQL cluster under var/load-…/ on a free loopback port (as
   `.ci/run` does: the `postgres` OS user when run as root, fsync off while seeding, then the
   durable defaults back on before the measurement);
2. migrates, builds the demo province with --people people and adds 2,000 proposals waiting in
   the board's appraisal inbox (bulk insert, as bench/bench_proposals.py does);
3. serves it with gunicorn and deploy/gunicorn.conf.py (its worker and thread counts) on
   loopback, DEBUG off;
4. signs every virtual user in through the login form (real sessions and CSRF tokens), then for
   --seconds runs them all at once, each waiting --think seconds on average between requests:
   - board staff (60%): people list (first and a deep page), search, person detail, appraisal
     inbox, award ledger, dashboard, and /healthz, the trivial view every page is compared with;
   - unit officers (20%): the proposal list, then create a proposal, add a nominee, attach the
     three dossier files (multipart upload) and submit it — every step a form POST;
   - the public (20%): portal home, certificate verification, exemplary models, /healthz;
5. prints requests/s, p50/p95 latency and errors per page, and the ratio of the busiest list
   page (highest median) to /healthz measured in the same run.

gunicorn, PostgreSQL and the scratch directory are stopped and removed on exit, whatever
happens (Ctrl-C included). Exits non-zero when any request failed.
"""

import argparse
import contextlib
import glob
import http.client
import math
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode, urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]
from serve import free_port, gunicorn, print_errors_from, site_env  # noqa: E402

DEMO_PASSWORD = "TdktDemo@2025"
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
DOSSIER = ["to_trinh", "bao_cao_thanh_tich", "bien_ban_xet"]
LIST_PAGES = ["people list", "people page 50", "people search", "inbox", "ledger", "dashboard",
              "proposal list"]


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--think", type=float, default=0.5,
                        help="mean pause between a user's requests, seconds (0: none)")
    parser.add_argument("--keep", action="store_true", help="keep the scratch directory")
    parser.add_argument("--kept", type=Path, metavar="DIR",
                        help="run on the province `make bench-pages` keeps in DIR "
                             "(its BENCH_PAGES_HOME) instead of building one: minutes saved")
    parser.add_argument("--not-kept", action="store_true",
                        help="signed-in pages not kept (TDKT_KEEP_PAGES=0): every list page "
                             "rendered as the first request after a write is")
    return parser.parse_args()


# ---------------------------------------------------------------------------- PostgreSQL
class Postgres:
    """A throw-away cluster in `directory`, listening on 127.0.0.1 only."""

    FAST = "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"

    def __init__(self, directory: Path):
        bins = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"),
                      key=lambda p: [int(x) for x in re.findall(r"\d+", p)])
        if not bins:
            raise SystemExit("no PostgreSQL under /usr/lib/postgresql (apt-get install "
                             "postgresql)")
        self.bin = Path(bins[-1]).parent
        self.dir = directory
        self.data = directory / "data"
        self.port = free_port()
        self.password = uuid.uuid4().hex
        self.started = False
        directory.mkdir(mode=0o700)
        self.as_root = os.geteuid() == 0
        if self.as_root:  # initdb refuses root: the cluster belongs to the postgres user
            shutil.chown(directory, "postgres", "postgres")

    def run(self, *args: str, **kwargs) -> subprocess.CompletedProcess:
        prefix = ["runuser", "-u", "postgres", "--"] if self.as_root else []
        return subprocess.run(prefix + [str(self.bin / args[0]), *args[1:]], cwd=self.dir,
                              check=True, **kwargs)

    def start(self) -> str:
        self.run("initdb", "-D", str(self.data), "-U", "postgres", "-E", "UTF8",
                 "--locale=C.UTF-8", "--auth-local=peer" if self.as_root else "--auth-local=trust",
                 "--auth-host=scram-sha-256", stdout=subprocess.DEVNULL)
        self.started = True
        self.run("pg_ctl", "-D", str(self.data), "-l", str(self.dir / "postgres.log"), "-w",
                 "-t", "60", "start", "-o",
                 f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.dir} -c "
                 f"max_connections=200 {self.FAST}", stdout=subprocess.DEVNULL)
        self.sql(f"CREATE ROLE tdkt LOGIN CREATEDB PASSWORD '{self.password}'")
        self.sql("CREATE DATABASE tdkt OWNER tdkt")
        return f"postgresql://tdkt:{self.password}@127.0.0.1:{self.port}/tdkt"

    def sql(self, statements: str) -> None:
        self.run("psql", "-h", str(self.dir), "-p", str(self.port), "-U", "postgres", "-d",
                 "postgres", "-q", "-v", "ON_ERROR_STOP=1", "-c", statements)

    def durable(self) -> None:
        """Back to the defaults a production server runs with, for the measurement."""
        for name in ("fsync", "synchronous_commit", "full_page_writes"):
            self.sql(f"ALTER SYSTEM SET {name} = on")
        self.sql("SELECT pg_reload_conf()")

    def stop(self) -> None:
        if self.started:
            with contextlib.suppress(subprocess.CalledProcessError):
                self.run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "-t", "30", "stop",
                         stdout=subprocess.DEVNULL)


# ---------------------------------------------------------------------------- data
def prepare(people: int) -> dict:
    """Migrate, seed, add an inbox's worth of proposals; return what the users need."""
    import django
    from django.core.management import call_command

    django.setup()
    import datetime

    from django.db import connection

    from accounts.models import User
    from organisations.models import Unit
    from proposals.enums import ProposalState
    from proposals.models import Proposal

    started = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    print(f"migrate: {time.perf_counter() - started:.0f} s", flush=True)
    started = time.perf_counter()
    call_command("seed_demo", people=people, reset=True, verbosity=1)
    print(f"seed_demo --people {people}: {time.perf_counter() - started:.0f} s", flush=True)

    board = User.objects.get(username="banthidua")
    province = Unit.objects.get(code="TQ")
    states = [ProposalState.SUBMITTED, ProposalState.APPRAISING, ProposalState.APPRAISED]
    today = datetime.date.today()
    Proposal.objects.bulk_create([Proposal(
        code=f"DN2025-L{i:05d}", title=f"Đề nghị khen thưởng số {i}", unit=province,
        recipient_unit=province, authority_level="province", year=2025, state=states[i % 3],
        due_on=today + datetime.timedelta(days=i % 40 - 20), created_by=board)
        for i in range(2000)], batch_size=1000)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")  # what autovacuum would have done after the load
    return users_data()


def users_data() -> dict:
    """What the virtual users need from a built province (rating more nominees if needed)."""
    from accounts.models import RoleAssignment, User
    from awards.models import AwardType, TaskRating
    from decisions.models import Certificate
    from organisations.domain.queries import people_for_user
    from organisations.models import Person

    officer = User.objects.get(username="canbo_sgd")
    unit = (RoleAssignment.objects.filter(user=officer, is_active=True)
            .select_related("unit").first().unit)
    rated = TaskRating.objects.filter(year=2025, rating="tot").values("person_id")
    nominees = list(people_for_user(officer).filter(pk__in=rated, unit=unit)
                    .values_list("cccd", flat=True)[:5000])
    if len(nominees) < 200:  # the demo rated few of them: rate more, as the unit would
        extra = (people_for_user(officer).filter(unit=unit)
                 .exclude(task_ratings__year=2025)[:2000])
        TaskRating.objects.bulk_create([TaskRating(person=p, unit=unit, year=2025, rating="tot")
                                        for p in extra])
        nominees += [p.cccd for p in extra]
    people = Person.objects.count()
    person = Person.objects.order_by("pk").values_list("public_id", flat=True)[people // 2]
    certificate = Certificate.objects.values_list("code", flat=True).first() or "KHONG-CO"
    from django.db import connections

    connections.close_all()
    return {"unit": unit.pk, "award": AwardType.objects.get(code="giay_khen").pk,
            "nominees": nominees, "person": str(person), "certificate": certificate}


# ---------------------------------------------------------------------------- HTTP users
@dataclass
class Sample:
    label: str
    started: float
    ms: float
    ok: bool
    detail: str = ""


@dataclass
class Recorder:
    window: tuple[float, float] = (0.0, math.inf)
    samples: list = field(default_factory=list)
    load_before: float = 0.0  # the machine's 1-minute load average as the measurement starts
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, sample: Sample) -> None:
        with self.lock:
            self.samples.append(sample)


STALE = (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError)


class RequestFailed(Exception):
    pass


class Browser:
    """One browser: its own keep-alive connection, cookies (session, CSRF) and pages."""

    def __init__(self, port: int, recorder: Recorder, rng: random.Random):
        self.port, self.recorder, self.rng = port, recorder, rng
        self.cookies: dict[str, str] = {}
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)

    def request(self, label: str, method: str, path: str, *, body: bytes | None = None,
                content_type: str | None = None, expect=(200,)) -> tuple[int, dict, str]:
        headers = {"Host": f"127.0.0.1:{self.port}", "Accept-Language": "vi"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if method == "POST":
            headers["Origin"] = f"http://127.0.0.1:{self.port}"
            headers["Referer"] = f"http://127.0.0.1:{self.port}{path}"
            headers["Content-Type"] = content_type or "application/x-www-form-urlencoded"
        started = time.monotonic()
        try:
            try:
                response = self.send(method, path, body, headers)
            except STALE:
                # gunicorn closed the idle keep-alive connection (its keepalive is 2 s); a
                # browser resends on a new one, and so do we, timed from the resend.
                self.connection.close()
                started = time.monotonic()
                response = self.send(method, path, body, headers)
            text = response.read().decode("utf-8", "replace")
        except (OSError, http.client.HTTPException) as error:
            self.connection.close()  # reconnects on the next request
            self.recorder.add(Sample(label, started, (time.monotonic() - started) * 1000,
                                     False, repr(error)))
            raise RequestFailed(label) from error
        ms = (time.monotonic() - started) * 1000
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        location = response.headers.get("Location", "")
        ok = response.status in expect and "/accounts/login/" not in location
        self.recorder.add(Sample(label, started, ms, ok,
                                 "" if ok else f"{method} {path} → {response.status} {location}"))
        if not ok:
            raise RequestFailed(label)
        return response.status, {"location": location}, text

    def send(self, method, path, body, headers) -> http.client.HTTPResponse:
        self.connection.request(method, path, body=body, headers=headers)
        return self.connection.getresponse()

    def csrf(self, html: str) -> str:
        match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
        if not match:
            raise RequestFailed("no CSRF token in the form")
        return match.group(1)

    def post_form(self, label: str, path: str, fields: dict, *, expect=(302,)):
        _s, _h, page = self.request(f"{label} (form)", "GET", path)
        data = {"csrfmiddlewaretoken": self.csrf(page), **fields}
        return self.request(label, "POST", path, body=urlencode(data).encode(), expect=expect)

    def sign_in(self, username: str) -> None:
        self.post_form("sign-in", "/accounts/login/", {
            "username": username, "password": DEMO_PASSWORD, "next": "/"})

    def think(self, mean: float) -> None:
        if mean > 0:
            time.sleep(self.rng.uniform(0, 2 * mean))


def board_step(user: Browser, data: dict) -> None:
    page = user.rng.choice([
        ("people list", "/organisations/people/"),
        ("people page 50", "/organisations/people/?page=50"),
        ("people search", "/organisations/people/?q=" + user.rng.choice(
            ["nguyen+van", "tran+thi", "hoang", "le+minh"])),
        ("person detail", f"/organisations/people/{data['person']}/"),
        ("inbox", "/proposals/inbox/"),
        ("ledger", "/awards/ledger/"),
        ("dashboard", "/reports/"),
        ("healthz", "/healthz"),
    ])
    user.request(page[0], "GET", page[1])


def public_step(user: Browser, data: dict) -> None:
    page = user.rng.choice([
        ("portal home", "/cong-khai/"),
        ("certificate check", f"/cong-khai/xac-minh/{data['certificate']}/"),
        ("exemplary models", "/cong-khai/dien-hinh/"),
        ("healthz", "/healthz"),
    ])
    user.request(page[0], "GET", page[1])


def multipart(fields: dict, filename: str, content: bytes) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    parts = [f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'
             .encode() for k, v in fields.items()]
    parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="file"; '
                 f'filename="{filename}"\r\nContent-Type: application/pdf\r\n\r\n'.encode()
                 + content + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def officer_submission(user: Browser, data: dict, think: float) -> None:
    """Create a proposal, add a nominee, attach the dossier and submit: the UI's forms."""
    user.request("proposal list", "GET", "/proposals/")
    user.think(think)
    _s, headers, _p = user.post_form("create proposal", "/proposals/new/", {
        "unit": data["unit"], "recipient_unit": data["unit"], "title": "Đề nghị tặng Giấy khen",
        "authority_level": "unit", "track": "annual", "procedure": "normal", "year": 2025})
    # The proposal's own path: after creating, the app may send the user on to a step of it
    # (the nominee form) rather than to the detail page.
    detail = re.match(r"/proposals/[^/]+/", urlsplit(headers["location"]).path).group(0)
    user.think(think)
    with data["lock"]:
        cccd = data["nominees"].pop() if data["nominees"] else None
    if cccd is None:
        return
    user.post_form("add nominee", f"{detail}nominees/add/", {
        "subject_kind": "individual", "subject": cccd, "award_type": data["award"],
        "summary": "Hoàn thành xuất sắc nhiệm vụ năm 2025."})
    for doc_type in DOSSIER:
        user.think(think)
        _s, _h, page = user.request("upload document (form)", "GET", f"{detail}documents/add/")
        body, content_type = multipart({"csrfmiddlewaretoken": user.csrf(page),
                                        "doc_type": doc_type, "title": doc_type},
                                       f"{doc_type}.pdf", PDF)
        user.request("upload document", "POST", f"{detail}documents/add/", body=body,
                     content_type=content_type, expect=(302,))
    user.think(think)
    user.post_form("submit proposal", f"{detail}submit/", {"override_reason": ""})


def run_user(kind: str, user: Browser, data: dict, begin: float, stop_at: float,
             think: float) -> None:
    time.sleep(max(0.0, begin - time.monotonic()))  # everyone starts together
    while time.monotonic() < stop_at:
        # A failed step is recorded where it failed; the user carries on with the next one.
        with contextlib.suppress(RequestFailed):
            if kind == "board":
                board_step(user, data)
            elif kind == "officer":
                officer_submission(user, data, think)
            else:
                public_step(user, data)
        user.think(think)


def sign_in_all(people: list) -> None:
    for kind, user in people:
        if kind != "public":
            user.sign_in("banthidua" if kind == "board" else "canbo_sgd")


def load(port: int, data: dict, args) -> Recorder:
    recorder = Recorder()
    kinds = ["board"] * 6 + ["officer"] * 2 + ["public"] * 2
    people = [(kinds[i % len(kinds)], Browser(port, recorder, random.Random(i)))
              for i in range(args.users)]
    started = time.monotonic()
    # Signing in hashes a password (slow on purpose): done before the measured window, four
    # at a time.
    signing_in = [threading.Thread(target=sign_in_all, args=(people[i::4],)) for i in range(4)]
    for thread in signing_in:
        thread.start()
    for thread in signing_in:
        thread.join()
    print(f"{sum(k != 'public' for k, _u in people)} users signed in in "
          f"{time.monotonic() - started:.1f} s", flush=True)
    data["lock"] = threading.Lock()
    begin = time.monotonic() + 1
    recorder.window = (begin, begin + args.seconds)
    recorder.load_before = os.getloadavg()[0]
    threads = [threading.Thread(target=run_user, args=(
        kind, user, data, begin, begin + args.seconds, args.think)) for kind, user in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return recorder


# ---------------------------------------------------------------------------- report
def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


def report(recorder: Recorder, args) -> int:
    begin, end = recorder.window
    measured = [s for s in recorder.samples if begin <= s.started < end]
    by_label = defaultdict(list)
    for sample in measured:
        by_label[sample.label].append(sample)
    seconds = end - begin
    print(f"\n== {args.users} users, {seconds:.0f} s, think time {args.think} s mean, "
          f"{args.people:,} people; {os.cpu_count()} CPUs, load average "
          f"{recorder.load_before:.1f} before, {os.getloadavg()[0]:.1f} after"
          f"{'; pages not kept' if args.not_kept else ''} ==")
    print(f"{'page':<30} {'requests':>9} {'req/s':>7} {'p50 ms':>8} {'p95 ms':>8} {'errors':>7}")
    for label in sorted(by_label, key=lambda k: -len(by_label[k])):
        samples = by_label[label]
        ms = [s.ms for s in samples]
        print(f"{label:<30} {len(samples):>9} {len(samples) / seconds:>7.1f} "
              f"{percentile(ms, 0.5):>8.0f} {percentile(ms, 0.95):>8.0f} "
              f"{sum(not s.ok for s in samples):>7}")
    errors = [s for s in measured if not s.ok]
    all_ms = [s.ms for s in measured]
    print(f"{'all':<30} {len(measured):>9} {len(measured) / seconds:>7.1f} "
          f"{percentile(all_ms, 0.5):>8.0f} {percentile(all_ms, 0.95):>8.0f} {len(errors):>7}")
    submitted = sum(s.ok for s in by_label.get("submit proposal", []))
    print(f"proposals created and submitted through the forms: {submitted}")
    health = by_label.get("healthz")
    lists = {k: percentile([s.ms for s in by_label[k]], 0.5) for k in LIST_PAGES
             if by_label.get(k)}
    if health and lists:
        base = percentile([s.ms for s in health], 0.5)
        busiest = max(lists, key=lists.get)
        print(f"busiest list page: {busiest}, p50 {lists[busiest]:.0f} ms = "
              f"{lists[busiest] / base:.1f} × /healthz p50 ({base:.0f} ms), same run")
        # When in the run its slowest requests came (a p95 of a few dozen requests is its two
        # or three slowest: the everyone-starts-at-once burst, or a pattern through the run?).
        slowest = sorted(by_label[busiest], key=lambda s: -s.ms)[:5]
        print("  its slowest: " + ", ".join(f"{s.ms:.0f} ms at {s.started - begin:.1f} s"
                                             for s in slowest))
    for sample in errors[:10]:
        print(f"error: {sample.label}: {sample.detail}")
    return 1 if errors else 0


def kept_province(home: Path):
    """The cluster `make bench-pages` keeps in `home` (built there first if need be)."""
    import json

    from bench_pages import KeptPostgres  # noqa: PLC0415 it imports this module

    state = home / "state.json"
    if not (state.exists() and json.loads(state.read_text()).get("built")):
        raise SystemExit(f"no province kept in {home}: run BENCH_PAGES_HOME={home} "
                         "make bench-pages PAGES_ARGS=--build-only first")
    postgres = KeptPostgres(home / "pg", rebuild=False)
    postgres.kept_password = json.loads(state.read_text())["password"]
    return postgres


def main() -> int:
    args = parse_args()
    (ROOT / "var").mkdir(exist_ok=True)
    var_dir = Path(tempfile.mkdtemp(prefix="load-", dir=ROOT / "var"))
    var_dir.chmod(0o755)  # the postgres user reaches its cluster below
    postgres = kept_province(args.kept) if args.kept else Postgres(var_dir / "pg")
    # Ctrl-C or a kill: unwind through the `finally` blocks (gunicorn, PostgreSQL, files).
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    try:
        url = postgres.start(*([postgres.kept_password] if args.kept else []))
        print(f"PostgreSQL on 127.0.0.1:{postgres.port} (data in {postgres.data})", flush=True)
        env = site_env(var_dir, DATABASE_URL=url,
                       # 50 sign-ins from one address are not an attack here.
                       TDKT_LOGIN_MAX_FAILURES_PER_ADDRESS="100000",
                       **({"TDKT_KEEP_PAGES": "0"} if args.not_kept else {}))
        os.environ.clear()
        os.environ.update(env)
        if args.kept:
            from bench_pages import migrate_kept  # noqa: PLC0415 it imports this module

            migrate_kept()
            data = users_data()
        else:
            data = prepare(args.people)
            postgres.durable()
        log = var_dir / "gunicorn.log"
        with gunicorn(env, workers=int(os.environ.get("TDKT_WORKERS", 0)) or None,
                      log=log) as port:
            print(f"gunicorn (deploy/gunicorn.conf.py) on 127.0.0.1:{port}", flush=True)
            recorder = load(port, data, args)
        code = report(recorder, args)
        if code:
            print_errors_from(log)
        return code
    finally:
        postgres.stop()
        if args.keep:
            print(f"scratch directory kept: {var_dir}")
        else:
            shutil.rmtree(var_dir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
