"""Every list page at province scale, as users feel it (`make bench-pages`; not in CI).

    python bench/bench_pages.py [--rebuild] [--seconds 20] [--connections 8] [--only WORD]
    BENCH_PAGES_HOME=/work/wt/bench-national python bench/bench_pages.py --provinces 10
    python bench/bench_pages.py --floor --only floor,people   # + two pages that do nothing

With --provinces N the kept data set holds N copies of the province (units and people copied in
SQL, each its own tree) and the history of all of them: 10 gives the national benchmark of issue
14.6 (1,000,000 people, 10,000,000 award records; docs/performance.md).

1. keeps a PostgreSQL cluster under var/bench-pages/ between runs: the first run (or --rebuild)
   migrates, builds the demo province with 100,000 people (seed_demo --no-history) and then, in
   SQL inside PostgreSQL (INSERT … SELECT over generate_series: seconds, not the ORM's minutes),
   7 task ratings and 10 award records per person — 1,000,000 records —, 2,000 proposals in the
   appraisal inbox, a published decision with 333 awardees and a few hundred thousand audit
   entries; later runs start the kept cluster and go straight to measuring;
2. serves it with gunicorn and deploy/gunicorn.conf.py on loopback, DEBUG off (bench/serve.py);
3. for every list page of the back office and the portal — page 1, a deep page, a search and a
   filter where the page has them — runs --connections keep-alive connections for --seconds
   against /healthz and then the page (the two runs alternate, page after page, so each page is
   compared with the trivial view measured moments before on the same busy machine); with
   --rounds N each page's two runs are cut into N slices that alternate (/healthz, page, …) and
   summed, so a swing of the machine's speed lasting a few seconds falls on both (on a shared
   2-CPU machine /healthz alone swung 600–2,300 req/s between neighbouring rows, session 18);
4. prints one table — req/s, p50, p95, the page's req/s as a share of /healthz's, errors — and
   writes it to var/bench-pages/results-<time>.txt (and --out if given).

Signed in as the province's emulation board (banthidua), whose scope is the whole province; the
portal pages are requested without a session, as the public does.
"""

import argparse
import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]
from load_test import Browser, Postgres, Recorder, RequestFailed, percentile  # noqa: E402
from serve import free_port, gunicorn, print_errors_from, site_env  # noqa: E402

HOME = Path(os.environ.get("BENCH_PAGES_HOME") or ROOT / "var" / "bench-pages")
STATE = HOME / "state.json"


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rebuild", action="store_true",
                        help="drop the kept province and build it again")
    parser.add_argument("--build-only", action="store_true", help="build (if needed), no run")
    parser.add_argument("--people", type=int, default=100_000, help="people per province")
    parser.add_argument("--provinces", type=int, default=1,
                        help="province trees on the one database (10: the national benchmark)")
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--healthz-seconds", type=float, default=5)
    parser.add_argument("--rounds", type=int, default=1,
                        help="alternate /healthz and the page this many times, each run cut "
                             "into as many slices (their requests summed)")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--only", default="",
                        help="measure only pages whose label contains one of these (a,b,…)")
    parser.add_argument("--out", type=Path, help="also write the table to this file")
    parser.add_argument("--not-kept", action="store_true",
                        help="signed-in pages not kept (TDKT_KEEP_PAGES=0): each costs what the "
                             "first request after a write does")
    parser.add_argument("--floor", action="store_true",
                        help="also measure the floor pages of bench/floor_urls.py")
    return parser.parse_args()


def kept_note(env: dict) -> str:
    """Whether the signed-in pages were kept (core.interfaces.kept_pages), for the header."""
    if env.get("TDKT_KEEP_PAGES", "1").lower() in ("0", "false", "no", "off"):
        return "signed-in pages not kept: each as the first request after a write"
    return "signed-in pages kept: a repeated request reads its tables' epochs"


# ---------------------------------------------------------------------------- PostgreSQL
class KeptPostgres(Postgres):
    """load_test's throw-away cluster, kept: initdb only when the data directory is new."""

    def __init__(self, directory: Path, *, rebuild: bool):
        if rebuild:
            shutil.rmtree(directory, ignore_errors=True)
        self.fresh = not (directory / "data" / "PG_VERSION").exists()
        if self.fresh:  # a half-built cluster from an interrupted first run is started over
            shutil.rmtree(directory, ignore_errors=True)
            super().__init__(directory)
        else:
            self._existing(directory)

    def _existing(self, directory: Path) -> None:
        # Postgres.__init__ without the mkdir: the binaries, paths and a new port.
        import glob
        import re

        bins = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"),
                      key=lambda p: [int(x) for x in re.findall(r"\d+", p)])
        self.bin = Path(bins[-1]).parent
        self.dir, self.data = directory, directory / "data"
        self.port, self.started = free_port(), False
        self.as_root = os.geteuid() == 0

    def start(self, password: str | None = None) -> str:
        if self.fresh:
            return super().start()
        self.started = True
        self.run("pg_ctl", "-D", str(self.data), "-l", str(self.dir / "postgres.log"), "-w",
                 "-t", "120", "start", "-o",
                 f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.dir} -c "
                 "max_connections=200", stdout=subprocess.DEVNULL)
        self.password = password
        return f"postgresql://tdkt:{password}@127.0.0.1:{self.port}/tdkt"


# ---------------------------------------------------------------------------- the province
HISTORY_SQL = """
-- 7 yearly task ratings per person (2019–2025), mostly "good".
INSERT INTO awards_taskrating (person_id, unit_id, year, rating, source)
SELECT p.id, p.unit_id, y,
       (ARRAY['xuat_sac','tot','tot','tot','hoan_thanh','khong_hoan_thanh'])
         [1 + (hashint8(p.id * 31 + y) & 2147483647) % 6], 'import'
FROM organisations_person p CROSS JOIN generate_series(2019, 2025) y
WHERE p.unit_id IS NOT NULL AND NOT EXISTS (
    SELECT 1 FROM awards_taskrating r WHERE r.person_id = p.id AND r.year = y);
-- 10 award records per person, one a year 2016–2025, of the four common forms; 0.2 % revoked.
INSERT INTO awards_awardrecord (public_id, award_type_id, person_id, unit_id, year, kind,
    decision_number, decision_date, issuer, revoked, revoked_on, revoked_reason,
    revoking_decision_number, revoking_issuer, source, note, created_at)
SELECT gen_random_uuid(), t.ids[1 + (hashint8(p.id * 17 + y) & 2147483647) % 4], p.id, p.unit_id,
       y, 'cong_trang', ((p.id + y) % 900 + 1)::text || '/QĐ-UBND',
       make_date(y + 1, 1 + (p.id % 12)::int, 1 + (p.id % 27)::int), 'Ủy ban nhân dân tỉnh',
       (hashint8(p.id * 7 + y) & 1023) < 2, NULL, '', '', '', 'import', '', now()
FROM organisations_person p CROSS JOIN generate_series(2016, 2025) y
CROSS JOIN (SELECT array_agg(id ORDER BY code) AS ids FROM awards_awardtype
            WHERE code IN ('ldtt', 'cstd_co_so', 'giay_khen', 'bang_khen_tinh')) t
WHERE p.unit_id IS NOT NULL AND NOT EXISTS (  -- the demo's own awards (one per person and year)
    SELECT 1 FROM awards_awardrecord a WHERE a.person_id = p.id AND a.year = y);
UPDATE awards_awardrecord SET revoked_on = make_date(year::int + 2, 3, 1),
       revoked_reason = 'Kết luận thanh tra' WHERE revoked AND revoked_on IS NULL;
"""


def build(people: int, provinces: int = 1) -> dict:
    """Migrate, seed, copy the province `provinces - 1` times, add the history in SQL (indexes
    dropped during the load and built after it); return what the pages need."""
    import django
    from django.core.management import call_command

    django.setup()
    from django.db import connection

    step = time.perf_counter()

    def done(label: str) -> None:
        nonlocal step
        print(f"  {label}: {time.perf_counter() - step:.0f} s", flush=True)
        step = time.perf_counter()

    call_command("migrate", verbosity=0, interactive=False)
    done("migrate")
    call_command("seed_demo", people=people, history=False, verbosity=1)
    done(f"seed_demo --people {people} --no-history")
    if provinces > 1:
        copy_provinces(provinces)
        done(f"{provinces - 1} more provinces (SQL)")
    with connection.cursor() as cursor, indexes_after_load(
            cursor, ["awards_taskrating", "awards_awardrecord"], done):
        # With the indexes dropped and the tables empty after `seed_demo --no-history`, the
        # planner takes NOT EXISTS for a nested loop over a seq scan of the table being filled:
        # quadratic (over ten minutes for the ratings alone). A hash/merge anti join reads the
        # table's snapshot once.
        cursor.execute("SET enable_nestloop = off")
        cursor.execute(HISTORY_SQL)
        cursor.execute("RESET enable_nestloop")
        done("ratings and award records (SQL)")
    add_inbox_and_big_decision()
    done("inbox proposals and a 333-awardee decision")
    add_audit_entries()
    done("audit entries (SQL)")
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")  # what autovacuum would have done after the load
    done("VACUUM ANALYZE")
    return page_data()


PROVINCE_SQL = """
-- Province k: the demo's unit tree under new codes (T<k>.<code>), the same parents.
INSERT INTO organisations_unit (code, name, short_name, level, kind, parent_id, valid_from,
    valid_to, address, note, path, depth, search_text)
SELECT %(prefix)s || code, CASE WHEN parent_id IS NULL THEN name || ' ' || %(label)s ELSE name END,
       short_name, level, kind, NULL, valid_from, valid_to, address, note, '', 0, search_text
FROM organisations_unit WHERE code !~ '^T[0-9]{{2}}[.]';
UPDATE organisations_unit c SET parent_id = np.id
FROM organisations_unit o, organisations_unit op, organisations_unit np
WHERE c.code = %(prefix)s || o.code AND op.id = o.parent_id AND np.code = %(prefix)s || op.code;
-- Its people: the demo's, with citizen numbers of province 1<k> (the demo uses 001–019).
INSERT INTO organisations_person ({columns}, public_id, cccd, search_text, unit_id)
SELECT {p_columns}, gen_random_uuid(), %(cccd)s || substr(p.cccd, 4),
       replace(p.search_text, p.cccd, %(cccd)s || substr(p.cccd, 4)), nu.id
FROM organisations_person p JOIN organisations_unit u ON u.id = p.unit_id
JOIN organisations_unit nu ON nu.code = %(prefix)s || u.code
WHERE u.code !~ '^T[0-9]{{2}}[.]';
"""


def copy_provinces(provinces: int) -> None:
    """Provinces 2…N: copies of the seeded province's units and people (ratings and awards come
    with the history SQL, for everyone). Each copy is its own tree: the province's officers see
    only theirs, as ten provinces sharing one server would."""
    from django.db import connection

    from organisations.domain.tree import rebuild_tree_index
    from organisations.models import Person

    skip = {"id", "public_id", "cccd", "search_text", "unit_id"}
    columns = [f.column for f in Person._meta.concrete_fields if f.column not in skip]
    sql = PROVINCE_SQL.format(columns=", ".join(columns),
                              p_columns=", ".join("p." + c for c in columns))
    with connection.cursor() as cursor:
        for k in range(2, provinces + 1):
            values = {"prefix": f"T{k:02d}.", "label": f"(bản sao {k:02d})", "cccd": f"1{k:02d}"}
            for statement in filter(str.strip, sql.split(";\n")):  # one statement per call
                cursor.execute(statement, values)
    rebuild_tree_index()


@contextlib.contextmanager
def indexes_after_load(cursor, tables: list[str], done):
    """Drop the tables' indexes and constraints (the primary key stays) for a bulk load and
    build them again after it: one sort per index instead of ten million index insertions."""
    cursor.execute(
        "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint "
        "WHERE conrelid = ANY(%s::regclass[]) AND contype <> 'p'", [tables])
    constraints = cursor.fetchall()
    cursor.execute(
        "SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) FROM pg_index i "
        "WHERE i.indrelid = ANY(%s::regclass[]) AND NOT i.indisprimary AND NOT EXISTS ("
        "SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)", [tables])
    indexes = cursor.fetchall()
    for table, name, _definition in constraints:
        cursor.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
    for name, _definition in indexes:
        cursor.execute(f"DROP INDEX {name}")
    yield
    cursor.execute("SET maintenance_work_mem = '1GB'")
    for _name, definition in indexes:
        cursor.execute(definition)
    for table, name, definition in constraints:
        cursor.execute(f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}')
    done(f"{len(indexes)} indexes and {len(constraints)} constraints built after the load")


def add_inbox_and_big_decision() -> None:
    """2,000 proposals waiting for appraisal (as load_test does) and one published decision
    with 333 awardees (`add_big_decision`)."""
    import datetime

    from accounts.models import User
    from organisations.models import Unit
    from proposals.enums import ProposalState
    from proposals.models import Proposal

    board = User.objects.get(username="banthidua")
    province = Unit.objects.get(code="TQ")
    states = [ProposalState.SUBMITTED, ProposalState.APPRAISING, ProposalState.APPRAISED]
    today = datetime.date.today()
    Proposal.objects.bulk_create([Proposal(
        code=f"DN2025-B{i:05d}", title=f"Đề nghị khen thưởng số {i}", unit=province,
        recipient_unit=province, authority_level="province", year=2025, state=states[i % 3],
        due_on=today + datetime.timedelta(days=i % 40 - 20), created_by=board)
        for i in range(2000)], batch_size=1000)
    add_big_decision()


def big_decision_source():
    """The demo decision the 333-awardee one is cloned from: an issued award decision (the
    portal publishes only issued ones). The newest decision with items is one of the drafts
    the demo leaves for the signers (issue 18.8): cloned, it made the portal rows answer 404."""
    from decisions.enums import DecisionKind, DecisionState
    from decisions.models import Decision

    return (Decision.objects.filter(state=DecisionState.ISSUED, kind=DecisionKind.AWARD,
                                    items__isnull=False).distinct().order_by("-pk").first())


def add_big_decision():
    """Clone `big_decision_source` as number 9999 of its series with items for the first 333
    people (PostgreSQL SQL); return its public id, or None when the demo issued nothing."""
    from django.db import connection

    from decisions.models import Decision, DecisionItem, item_search_text

    source = big_decision_source()
    if source is None:
        return None
    item_columns = [f.column for f in DecisionItem._meta.concrete_fields
                    if f.column not in ("id", "public_id", "decision_id", "person_id", "ordinal",
                                        "award_record_id", "recipient_name", "corrects_id")]
    decision_columns = [f.column for f in Decision._meta.concrete_fields
                        if f.column not in ("id", "public_id", "number")]
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO decisions_decision (public_id, number, {', '.join(decision_columns)}) "
            f"SELECT gen_random_uuid(), 9999, {', '.join(decision_columns)} "
            "FROM decisions_decision WHERE id = %s RETURNING id", [source.pk])
        big = cursor.fetchone()[0]
        template = source.items.order_by("pk").first()
        cursor.execute(
            f"INSERT INTO decisions_decisionitem (public_id, decision_id, person_id, ordinal, "
            f"award_record_id, recipient_name, corrects_id, {', '.join(item_columns)}) "
            f"SELECT gen_random_uuid(), %s, p.id, row_number() OVER (ORDER BY p.id), NULL, "
            f"p.full_name, NULL, {', '.join('i.' + c for c in item_columns)} "
            "FROM (SELECT id, full_name FROM organisations_person ORDER BY id LIMIT 333) p, "
            "decisions_decisionitem i WHERE i.id = %s", [big, template.pk])
    # The copied search_text is the template awardee's: fold each awardee's own name, so the
    # portal's search within the decision finds them as it finds real awardees.
    items = list(DecisionItem.objects.filter(decision_id=big)
                 .select_related("unit", "award_type"))
    for item in items:
        item.search_text = item_search_text(item.recipient_name, item.recipient_detail,
                                            item.unit.name, item.award_type.name)
    DecisionItem.objects.bulk_update(items, ["search_text"])
    return Decision.objects.values_list("public_id", flat=True).get(pk=big)


def add_audit_entries() -> None:
    """A busy year's audit log: 300,000 entries (the demo writes a few thousand)."""
    from django.db import connection

    from audit.models import AuditEntry

    columns = {f.column: f for f in AuditEntry._meta.concrete_fields}
    # An entry without field changes: the log's rendering of changes is another issue's (h1).
    source = (AuditEntry.objects.filter(changes={}).order_by("pk").values_list("pk", flat=True)
              .first())
    if source is None:
        return
    copied = [c for c in columns if c not in ("id", "created_at", "at", "timestamp")]
    stamp = [c for c in columns if c in ("created_at", "at", "timestamp")]
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {AuditEntry._meta.db_table} ({', '.join(copied + stamp)}) "
            f"SELECT {', '.join('a.' + c for c in copied)}"
            f"{''.join(', now() - g * interval %s' for _ in stamp)} "
            f"FROM {AuditEntry._meta.db_table} a CROSS JOIN generate_series(1, 300000) g "
            "WHERE a.id = %s", ["1 minute"] * len(stamp) + [source])


def page_data() -> dict:
    """Identifiers the pages need, read once from the built province."""
    from decisions.models import Certificate, Decision
    from organisations.models import Person, Unit

    big = Decision.objects.filter(number=9999).values_list("public_id", flat=True).first()
    district = (Unit.objects.filter(parent__code="TQ", people__isnull=False)
                .values_list("code", flat=True).first())
    return {
        "person": str(Person.objects.order_by("pk").values_list("public_id", flat=True).first()),
        "certificate": Certificate.objects.values_list("code", flat=True).first() or "KHONG-CO",
        "decision": str(big) if big else "",
        "unit": district or "TQ",
    }


def ensure_province(postgres: KeptPostgres, args, env: dict) -> dict:
    """Start the kept cluster, building the province first when it is new."""
    state = json.loads(STATE.read_text()) if not postgres.fresh else {}
    url = postgres.start(state.get("password"))
    os.environ.clear()
    os.environ.update({**env, "DATABASE_URL": url})
    if postgres.fresh:
        print(f"building the province in {postgres.data} (kept for later runs)", flush=True)
        started = time.perf_counter()
        data = build(args.people, args.provinces)
        postgres.durable()
        state = {"password": postgres.password, "built": True, "data": data,
                 "people": args.people * args.provinces, "provinces": args.provinces,
                 "build_seconds": round(time.perf_counter() - started)}
        STATE.write_text(json.dumps(state, indent=1))
        print(f"built in {time.perf_counter() - started:.0f} s", flush=True)
    else:
        migrate_kept()
        from django.db import connection

        if issued_big_decision(state["data"]):
            STATE.write_text(json.dumps(state, indent=1))
        connection.close()
    return state["data"]


def issued_big_decision(data: dict) -> bool:
    """Point `data` at an issued 333-awardee decision on a kept province, cloning one if need
    be; True when `data` changed. Provinces built before the clone's source was fixed kept a
    decision cloned from a draft, which the portal rightly answers 404 for: its rows measured
    the 404 page, not the decision."""
    from django.db.models import Count

    from decisions.enums import DecisionState
    from decisions.models import Decision

    issued = Decision.objects.filter(state=DecisionState.ISSUED)
    if data.get("decision") and issued.filter(public_id=data["decision"]).exists():
        return False
    found = (issued.annotate(awardees=Count("items")).filter(awardees__gte=333)
             .order_by("-pk").values_list("public_id", flat=True).first())
    found = found or add_big_decision()
    if found is None:
        return False
    data["decision"] = str(found)
    print(f"portal decision rows: issued decision {found} (the kept one was not issued)",
          flush=True)
    return True


def migrate_kept() -> None:
    """The kept province follows the code: new migrations (indexes) are applied to it, then
    ANALYZE, as a deployment would."""
    import django
    from django.core.management import call_command

    django.setup()
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        started = time.perf_counter()
        call_command("migrate", verbosity=1, interactive=False)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        print(f"kept province migrated in {time.perf_counter() - started:.0f} s", flush=True)
    connection.close()


# ---------------------------------------------------------------------------- the pages
def pages(data: dict) -> list[tuple[str, str, bool]]:
    """(label, path, signed in) of every list page: page 1, a deep page, a search, a filter."""
    unit, decision = data["unit"], data["decision"]
    office = [
        ("people", "/organisations/people/"),
        ("people page 50", "/organisations/people/?page=50"),
        ("people search", "/organisations/people/?q=nguyen+van"),
        # Words of one or two letters have no trigram (core.search; session 10, h3).
        ("people search short", "/organisations/people/?q=le"),
        ("people search short+long", "/organisations/people/?q=le+van"),
        ("people filter", f"/organisations/people/?unit={unit}&gender=female"),
        ("collectives", "/organisations/collectives/"),
        ("collectives search", "/organisations/collectives/?q=truong"),
        ("collectives search short", "/organisations/collectives/?q=an"),
        ("ledger", "/awards/ledger/"),
        ("ledger page 50", "/awards/ledger/?page=50"),
        ("ledger search", "/awards/ledger/?q=nguyen+van"),
        ("ledger search short", "/awards/ledger/?q=le"),
        ("ledger search short+long", "/awards/ledger/?q=le+van"),
        ("ledger filter", "/awards/ledger/?award=giay_khen&year=2024&revoked=0"),
        ("ratings (who qualifies)", "/awards/qualify/"),
        ("who qualifies filter", f"/awards/qualify/?award=cstd_co_so&unit={unit}"),
        ("proposals", "/proposals/"),
        ("proposals page 20", "/proposals/?page=20"),
        ("proposals search", "/proposals/?q=khen+thuong"),
        ("proposals filter", "/proposals/?state=submitted"),
        ("appraisal inbox", "/proposals/inbox/"),
        ("appraisal inbox page 20", "/proposals/inbox/?page=20"),
        ("decisions", "/decisions/"),
        ("audit log", "/audit/"),
        ("audit log page 50", "/audit/?page=50"),
        # A filter the log's form offers (`object_type` is not one: it measured page 1).
        ("audit log filter", "/audit/?action=proposals.proposal"),
        # The object search, rare and common word (the folded label's trigram index; h8).
        ("audit log search", "/audit/?q=truong"),
        ("audit log search common", "/audit/?q=thi+dua"),
        ("movements", "/emulation/movements/"),
        ("initiatives", "/emulation/initiatives/"),
        ("initiatives search", "/emulation/initiatives/?q=cai+tien"),
        ("dashboard", "/reports/"),
    ]
    portal = [
        ("portal home", "/cong-khai/"),
        ("portal decisions", "/cong-khai/quyet-dinh/"),
        ("portal search", "/cong-khai/quyet-dinh/?q=khen+thuong"),
        ("portal decision (333)", f"/cong-khai/quyet-dinh/{decision}/"),
        ("portal decision search", f"/cong-khai/quyet-dinh/{decision}/?q=nguyen"),
        ("portal exemplars", "/cong-khai/dien-hinh/"),
        ("certificate check", f"/cong-khai/xac-minh/{data['certificate']}/"),
    ]
    if data.get("floor"):  # bench/floor_urls.py: the fixed cost of a signed-in request
        office[:0] = [("floor: signed in, no page", "/bench/signed-in"),
                      ("floor: empty layout page", "/bench/layout"),
                      ("floor: raw list, plain text", "/bench/raw-list"),
                      ("floor: raw list in the layout", "/bench/raw-list-layout")]
    return [(label, path, True) for label, path in office] + [
        (label, path, False) for label, path in portal if decision or "(333)" not in label]


def hammer(browsers: list, label: str, path: str, seconds: float) -> Recorder:
    """Every browser requests `path` back to back for `seconds`; requests started inside the
    window count (the last ones are waited for)."""
    recorder = Recorder()
    begin = time.monotonic() + 0.2
    recorder.window = (begin, begin + seconds)

    def loop(browser):
        browser.recorder = recorder
        time.sleep(max(0.0, begin - time.monotonic()))
        while time.monotonic() < begin + seconds:
            with contextlib.suppress(RequestFailed):
                browser.request(label, "GET", path)

    threads = [threading.Thread(target=loop, args=(b,)) for b in browsers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return recorder


def rate(*recorders: Recorder) -> tuple[float, list[float], int]:
    """Requests a second over the recorders' windows together, their times and errors."""
    samples = [s for r in recorders for s in r.samples if r.window[0] <= s.started < r.window[1]]
    seconds = sum(end - begin for begin, end in (r.window for r in recorders))
    return len(samples) / seconds, [s.ms for s in samples], sum(not s.ok for s in samples)


def alternate(browsers: list, label: str, path: str, args) -> tuple[list, list]:
    """/healthz and the page in turn, args.rounds times: their recorders."""
    health, page = [], []
    for _round in range(args.rounds):
        health.append(hammer(browsers, "healthz", "/healthz", args.healthz_seconds / args.rounds))
        page.append(hammer(browsers, label, path, args.seconds / args.rounds))
    return health, page


def measure(port: int, data: dict, args) -> list[str]:
    import random

    signed_in = [Browser(port, Recorder(), random.Random(i)) for i in range(args.connections)]
    for browser in signed_in:
        browser.sign_in("banthidua")
    public = [Browser(port, Recorder(), random.Random(i)) for i in range(args.connections)]
    lines = [f"{'page':<26} {'req/s':>7} {'p50 ms':>8} {'p95 ms':>8} {'healthz/s':>9} "
             f"{'share':>6} {'errors':>6}"]
    print(lines[0], flush=True)
    for label, path, office in pages(data):
        if args.only and not any(word in label for word in args.only.split(",")):
            continue
        browsers = signed_in if office else public
        health_runs, page_runs = alternate(browsers, label, path, args)
        health, _ms, _e = rate(*health_runs)
        per_second, ms, errors = rate(*page_runs)
        line = (f"{label:<26} {per_second:>7.1f} {percentile(ms, 0.5):>8.0f} "
                f"{percentile(ms, 0.95):>8.0f} {health:>9.0f} {per_second / health:>6.1%} "
                f"{errors:>6}")
        for sample in [s for r in page_runs for s in r.samples if not s.ok][:1]:
            line += f"  ({sample.detail[:80]})"
        print(line, flush=True)
        lines.append(line)
    return lines


def main() -> int:
    args = parse_args()
    HOME.mkdir(parents=True, exist_ok=True)
    HOME.chmod(0o755)  # the postgres user reaches its cluster below
    built = STATE.exists() and json.loads(STATE.read_text()).get("built")
    # A first run that was interrupted left a half-built province: start it over.
    postgres = KeptPostgres(HOME / "pg", rebuild=args.rebuild or not built)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    env = site_env(HOME / "site", TDKT_LOGIN_MAX_FAILURES_PER_ADDRESS="100000")
    (HOME / "site").mkdir(exist_ok=True)
    try:
        data = ensure_province(postgres, args, env)
        if args.build_only:
            return 0
        env, options = dict(os.environ), ()
        if args.not_kept:
            env["TDKT_KEEP_PAGES"] = "0"
        if args.floor:
            env["DJANGO_SETTINGS_MODULE"] = "floor_settings"
            options, data = ("--pythonpath", str(ROOT / "bench")), {**data, "floor": True}
        log = HOME / "gunicorn.log"
        load_before = os.getloadavg()
        with gunicorn(env, workers=None, log=log, options=options) as port:
            print(f"gunicorn (deploy/gunicorn.conf.py) on 127.0.0.1:{port}; "
                  f"{args.connections} connections, {args.seconds:.0f} s a page", flush=True)
            lines = measure(port, data, args)
        header = (f"== {args.connections} connections, {args.seconds:.0f} s a page "
                  f"(/healthz {args.healthz_seconds:.0f} s before each"
                  f"{f', in {args.rounds} alternating slices' if args.rounds > 1 else ''}), "
                  f"{json.loads(STATE.read_text())['people']:,} people; {os.cpu_count()} CPUs, "
                  f"load average {load_before[0]:.1f} before, {os.getloadavg()[0]:.1f} after; "
                  f"{time.strftime('%Y-%m-%d %H:%M')}; {kept_note(env)} ==")
        text = "\n".join([header, *lines]) + "\n"
        print(header)
        out = HOME / f"results-{time.strftime('%Y%m%d-%H%M%S')}.txt"
        for path in [out, args.out] if args.out else [out]:
            path.write_text(text)
        print(f"written to {out}")
        if any(line.split()[-1] != "0" and "(" not in line for line in lines[1:]):
            print_errors_from(log)
        return 0
    finally:
        postgres.stop()


if __name__ == "__main__":
    sys.exit(main())
