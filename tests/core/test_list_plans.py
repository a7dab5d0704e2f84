"""Every deep list's queries read an index, never the whole people or ledger table (PostgreSQL:
the plans of the queries the pages really send, captured from the test client and explained
after ANALYZE on some thousands of rows, so the planner weighs realistic statistics)."""

import datetime
import json
from itertools import islice
from urllib.parse import parse_qs, urlencode

import pytest
from django.db import connection
from django.db.models.functions import Now
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from awards.domain import queries
from awards.domain.parameters import CatalogueParameters
from awards.domain.qualify import qualifying
from awards.models import AwardRecord, AwardType, TaskRating
from core.interfaces import paging
from organisations.models import Person
from tests.kept_pages_helpers import page_sql

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db]

WATCHED = {"organisations_person", "awards_awardrecord"}
SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng"]
MIDDLE = ["Văn", "Thị", "Minh", "Ngọc", "Đức", "Thanh", "Quang", "Hữu"]
GIVEN = ["An", "Bình", "Cường", "Dung", "Giang", "Hà", "Hải", "Hạnh", "Hùng", "Lan", "Long",
         "Mai", "Nam", "Phương", "Quân", "Sơn", "Tâm", "Thảo", "Trang", "Tuấn"]


@pytest.fixture(autouse=True)
def _no_kept_verdicts():
    """The planner's verdicts are kept per process by SQL (core.interfaces.paging), and with
    them the statements of the people's searches: another test's data must not choose this
    one's plan."""
    paging._verdicts.clear()
    paging._statements.clear()
    paging._unions.clear()
    queries._TYPE_SHARES.clear()  # the title filter's shares (walks_type_order)


@pytest.fixture
def province_rows(dept_a, school_a):
    """20,000 people and 60,000 award records over 10 years, then ANALYZE."""
    people = Person.objects.bulk_create([Person(
        cccd=f"{i:012d}", full_name=f"{SURNAMES[i % 10]} {MIDDLE[i % 8]} {GIVEN[i % 20]}",
        gender="male" if i % 2 else "female", birth_date=datetime.date(1970 + i % 30, 1, 1),
        unit=dept_a if i % 3 else school_a) for i in range(20_000)], batch_size=5000)
    types = list(AwardType.objects.filter(
        code__in=["ldtt", "cstd_co_so", "giay_khen"]).order_by("code"))
    AwardRecord.objects.bulk_create([AwardRecord(
        person=person, unit_id=person.unit_id, award_type=types[(i + year) % 3], year=year,
        decision_number=f"{i % 900}/QĐ-UBND", decision_date=datetime.date(year + 1, 1 + i % 12, 5),
        issuer="UBND tỉnh") for i, person in enumerate(people) for year in (2016, 2019, 2024)],
        batch_size=5000)
    # Fold the names as Person.save() would have (bulk_create skips save()).
    from core.text import fold_join

    for person in people:
        person.search_text = fold_join(person.full_name, person.cccd)
    Person.objects.bulk_update(people, ["search_text"], batch_size=5000)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


# How much dearer than the planner's chosen plan reading a watched table whole an index plan may
# be and still count as its equal (`seq_scans`).
TOSS_UP = 1.25


def seq_scans(sql: str, params, watched=WATCHED) -> list[str]:
    """Tables among `watched` that the plan of `sql` reads whole, where no index plan is about
    as cheap. On these tests' 20,000 people a search's matches are a few hundred rows, and a
    seek page may read them by the trigram bitmap or the table whole at costs a few per cent
    apart (1,215 against 1,252 for "nguyen van"): which one the planner takes then turns on the
    dead rows earlier tests left in the tables, and CI's whole-suite run once took the other
    (person_list ?q=nguyen+van). Such a scan is a toss-up, not a missing index: it is not
    counted when, with sequential scans priced out (`enable_seqscan = off`), the plan reads no
    watched table whole and costs at most TOSS_UP times as much. A list no index serves (the
    scan stays, at the disabled scan's cost) or serves badly (a walk far dearer) still fails."""
    chosen = _plan(sql, params)
    found = _seq_scans(chosen, watched)
    if not found:
        return []
    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")
        try:
            indexed = _plan(sql, params)
        finally:
            cursor.execute("RESET enable_seqscan")
    # An index read with no condition walks the table whole in another order: not a toss-up.
    if (not _seq_scans(indexed, watched, whole_index=True)
            and indexed["Total Cost"] <= TOSS_UP * chosen["Total Cost"]):
        return []
    return found


def _plan(sql: str, params) -> dict:
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (FORMAT JSON) " + sql, params)
        plan = cursor.fetchone()[0]
    plan = json.loads(plan) if isinstance(plan, str) else plan
    return plan[0]["Plan"]


def _seq_scans(plan: dict, watched, *, whole_index: bool = False) -> list[str]:
    """The watched tables `plan` scans whole (`whole_index`: or walks by an index with no
    condition)."""
    found, stack = [], [plan]
    while stack:
        node = stack.pop()
        whole = node["Node Type"] == "Seq Scan" or (
            whole_index and node["Node Type"] in ("Index Scan", "Index Only Scan")
            and "Index Cond" not in node)
        if whole and node.get("Relation Name") in watched:
            found.append(node["Relation Name"])
        stack.extend(node.get("Plans", []))
    return found


def page_queries(client, url) -> list[str]:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return [sql for sql in page_sql(ctx.captured_queries)
            if sql.startswith("SELECT") and any(t in sql for t in WATCHED)]


PAGES = [
    ("organisations:person_list", ""),
    ("organisations:person_list", "?page=40"),
    ("organisations:person_list", "?q=nguyen+van"),
    ("organisations:person_list", "?q=quan"),
    ("awards:ledger", ""),
    ("awards:ledger", "?page=40"),
    # A name search matches one person in six here ("quan" is also in "Quang"): the planner
    # rightly reads the people whole for the matching ids, but never the ledger.
    ("awards:ledger", "?q=quan", {"awards_awardrecord"}),
    ("awards:ledger", "?award=giay_khen&year=2024"),
    # Decision numbers typed without Đ, in any case: the folded number's trigram index, never
    # the ledger whole. A number word is still looked for in the subjects' names too (a CCCD or
    # an address holds digits and "/"), and pg_trgm keeps few trigrams of "7/qd": the people
    # are read for it, as before the folded number (the same subquery).
    ("awards:ledger", "?q=7/qd", {"awards_awardrecord"}),
    ("awards:ledger", "?q=qd-ubnd", {"awards_awardrecord"}),
    # "nguyen" is one person in ten here: the people are read whole, as for "quan" above.
    ("awards:ledger", "?q=nguyen+17/qđ-ubnd", {"awards_awardrecord"}),
    # The search in parts (awards.domain.queries.search_parts): a name 500 people hold (their
    # records by person id), one person's CCCD (rare), and a common word (the walk).
    ("awards:ledger", "?q=nguyen+van", {"awards_awardrecord"}),
    ("awards:ledger", "?q=000000000040", {"awards_awardrecord"}),
    ("awards:ledger", "?q=van", {"awards_awardrecord"}),
]


def test_a_scan_no_index_serves_is_counted_and_an_index_read_is_not(dept_a):
    """`seq_scans` itself: a toss-up may pass, a list no index serves may not."""
    Person.objects.bulk_create([Person(
        cccd=f"{i:012d}", full_name=f"Người {i}", gender="male", unit=dept_a,
        birth_date=datetime.date(1980, 1, 1), position=f"chức vụ {i % 50}")
        for i in range(5000)])
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE organisations_person")
    by_position = Person.objects.filter(position="chức vụ 7").query.sql_with_params()
    by_cccd = Person.objects.filter(cccd="000000000007").query.sql_with_params()
    assert (seq_scans(*by_position), seq_scans(*by_cccd)) == (["organisations_person"], [])


@pytest.mark.parametrize(("view", "query", "watched"),
                         [(*page, WATCHED)[:3] for page in PAGES])
def test_list_queries_never_scan_the_big_tables(client, board_user, province_rows, view, query,
                                                watched):
    client.force_login(board_user)
    url = reverse(view) + query
    sent = page_queries(client, url)
    following = client.get(url).context["page"].next_key
    if following:  # and the page after, by its seek key
        sent += page_queries(client, f"{url}{'&' if query else '?'}after={following}")
    assert sent != []
    # The captured SQL has its parameters inlined already; EXPLAIN it as sent.
    assert [(sql[:120], seq_scans(sql, None, watched)) for sql in sent
            if seq_scans(sql, None, watched)] == []


def test_ledger_number_search_finds_the_numbers_written_with_d_stroke(client, board_user,
                                                                      province_rows):
    client.force_login(board_user)
    rows = client.get(reverse("awards:ledger"), {"q": "117/QD"}).context["page"].object_list
    assert sorted({r.decision_number for r in rows}) == ["117/QĐ-UBND"]


@pytest.fixture
def two_provinces(province_rows, school_a):
    """The school's third of the rows passes to a second province's unit: the board of the
    first now covers one province among two, and its lists filter on the province key."""
    from tests.factories import UnitFactory

    other = UnitFactory(code="TINH-2", name="Tỉnh Bên Cạnh", level="province",
                        kind="peoples_committee")
    moved = UnitFactory(code="SO-2", name="Sở Bên Cạnh", parent=other, level="province",
                        kind="department")
    Person.objects.filter(unit=school_a).update(unit=moved)
    AwardRecord.objects.filter(unit=school_a).update(unit=moved)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return other


@pytest.mark.parametrize(("view", "query", "watched"),
                         [(*page, WATCHED)[:3] for page in PAGES])
def test_one_province_among_several_reads_its_province_index(client, board_user, two_provinces,
                                                             view, query, watched):
    client.force_login(board_user)
    url = reverse(view) + query
    sent = page_queries(client, url)
    assert [sql for sql in sent if "province_id" in sql] != []
    assert [(sql[:120], seq_scans(sql, None, watched)) for sql in sent
            if seq_scans(sql, None, watched)] == []


def plan_text(sql: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN " + sql)
        return "\n".join(row[0] for row in cursor.fetchall())


def test_people_search_sorts_its_few_matches_instead_of_walking_the_name_order(
        client, board_user, province_rows):
    """"nguyen van" matches 500 of 20,000 people, all sorted together after "le…": the planner
    walked the name index through 8,000 people to find them (94 ms on 100,000). The page now
    reads the trigram index and sorts the matches; the rows and their order are unchanged."""
    client.force_login(board_user)
    url = reverse("organisations:person_list") + "?q=nguyen+van"
    [sql] = [s for s in page_queries(client, url) if "FROM \"organisations_person\"" in s]
    plan = plan_text(sql)
    # The matches are sorted in the narrow copy of the search columns (organisations.models.
    # person_words; read by its trigram index on the kept province, whole here at 20,000 rows
    # of a seventh of a person's width), the page's people read by primary key.
    assert ("organisations_person_words" in plan, "person_name_order" in plan,
            seq_scans(sql, None)) == (True, False, [])
    matches = sorted(Person.objects.filter(search_text__contains="nguyen")
                     .filter(search_text__contains="van").values_list("search_text", "pk"))
    first = client.get(url).context["page"]
    second = client.get(f"{url}&after={first.next_key}").context["page"]
    back = client.get(f"{url}&before={second.previous_key}").context["page"]
    assert [[(p.search_text, p.id) for p in page.object_list] for page in (first, second, back)] \
        == [matches[:50], matches[50:100], matches[:50]]


def test_people_search_for_a_common_word_keeps_walking_the_name_order(client, board_user,
                                                                      province_rows):
    """A word nearly everyone's text holds (here the CCCD's leading zeros; "van", 12,844 of
    100,000, on the kept province) is found by the walk in a few rows; sorting its matches
    would cost more (21 ms against 1.6 ms for "van"): the page reads the order's index."""
    client.force_login(board_user)
    url = reverse("organisations:person_list") + "?q=00000"
    [sql] = [s for s in page_queries(client, url) if "FROM \"organisations_person\"" in s]
    matches = sorted(Person.objects.filter(search_text__contains="00000")
                     .values_list("search_text", "pk"))
    rows = client.get(url).context["page"].object_list
    assert ("person_search_trgm" in plan_text(sql), [(p.search_text, p.id) for p in rows]) \
        == (False, matches[:50])


@pytest.mark.parametrize("q", ["nguyen van", "000000000040"])
def test_ledger_search_for_few_people_reads_their_records_not_the_ledger_order(
        client, board_user, province_rows, q):
    """"nguyen van" (500 of 20,000 people, 1,500 of 60,000 records) and one person's CCCD: the
    search as one OR was estimated at most of the ledger and walked its order (13,000 records
    for 51 on the kept province); in parts, the people's records are read by person id and
    sorted, and the decision number by its trigram index. Rows and order unchanged."""
    client.force_login(board_user)
    url = reverse("awards:ledger") + "?" + urlencode({"q": q})
    plans = [plan_text(sql) for sql in page_queries(client, url)
             if "FROM \"awards_awardrecord\"" in sql]
    assert [("award_ledger_order" in plan, "award_person_history" in plan
             or "person_id" in plan) for plan in plans][:1] == [(False, True)]
    assert [plan for plan in plans if "award_ledger_order" in plan] == []
    from awards.domain.queries import records_for_user  # noqa: PLC0415 next to its use

    rows = client.get(url).context["page"].object_list
    assert [r.id for r in rows] == [r.pk for r in records_for_user(board_user, q)[:50]]


def _ledger_statements(client, url) -> list[str]:
    return [sql for sql in page_queries(client, url) if "awards_awardrecord" in sql]


@pytest.mark.parametrize("q", ["le", "nguyen van", "le van", "zzz"])
def test_ledger_search_page_is_one_statement_kept_per_words(client, board_user, officer_a,
                                                            province_rows, q):
    """A search's page by number was three subject id lookups and a statement a part, built
    and compiled on every request (~14 ms of Python on the kept province): it is now one
    statement, kept per process by (scope shape, filters, folded words, page), the same on
    the next request, its rows those of the one search query, page after page."""
    from awards.domain.queries import records_for_user  # noqa: PLC0415 next to its use

    for user in (board_user, officer_a):
        client.force_login(user)
        expected = [r.pk for r in records_for_user(user, q)[:150]]
        for number in (1, 2, 3):
            url = reverse("awards:ledger") + "?" + urlencode({"q": q, "page": number})
            first, again = _ledger_statements(client, url), _ledger_statements(client, url)
            rows = client.get(url).context["page"].object_list
            assert (len(first), again == first, [r.id for r in rows]) == (
                1, True, expected[(number - 1) * 50:number * 50])


def test_ledger_search_for_many_people_walks_the_ledger_order(client, board_user,
                                                              province_rows):
    """"le": 2,000 of the 20,000 people (the kept province: 4,553 of 100,000, 45,530
    records). The planner estimated a tenth of them (the substring's and the word start's
    estimates multiplied) and sorted all their records (73 ms there); the board's page walks
    the ledger's order, probing a hash of the people's ids (5.5 ms), throwing away a few
    records for each it keeps."""
    client.force_login(board_user)
    url = reverse("awards:ledger") + "?q=le"
    [sql] = _ledger_statements(client, url)
    plan, (scans, thrown) = plan_text(sql), rows_thrown_away(sql, LEDGER | PEOPLE)
    assert ("award_ledger_order" in plan, "hashed SubPlan" in plan, scans, thrown < 2_000) == (
        True, True, [], True)


def rows_thrown_away(sql: str, watched) -> tuple[list[str], int]:
    """The `watched` tables `sql`'s plan reads whole, and the rows of them it read and threw
    away (removed by a filter or by an index's recheck), run once (EXPLAIN ANALYZE)."""
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + sql)
        plan = cursor.fetchone()[0]
    plan = json.loads(plan) if isinstance(plan, str) else plan
    scans, thrown, stack = [], 0, [plan[0]["Plan"]]
    while stack:
        node = stack.pop()
        if node.get("Relation Name") in watched:
            scans += [node["Relation Name"]] if node["Node Type"] == "Seq Scan" else []
            thrown += node.get("Actual Loops", 1) * (node.get("Rows Removed by Filter", 0)
                                                     + node.get("Rows Removed by Index Recheck", 0))
        stack.extend(node.get("Plans", []))
    return scans, thrown


# A page's walk of the ledger order through matches one record in twenty throws a few
# thousand away; a search read by a scan or by every entry of a trigram index throws away the
# table (20,000 people, 60,000 records here).
FEW_THROWN = 10_000
# The ledger's name searches here match one person in ten or twenty ("le", "an"): the planner
# may read the 20,000 people whole for their ids, as for "quan" and "nguyen" (PAGES).
LEDGER = {"awards_awardrecord"}
PEOPLE = {"organisations_person"}


@pytest.mark.parametrize(("view", "q", "watched"), [
    ("organisations:person_list", "le", PEOPLE), ("organisations:person_list", "vu", PEOPLE),
    ("organisations:person_list", "an", PEOPLE), ("organisations:person_list", "le van", PEOPLE),
    ("organisations:person_list", "nguyen le", PEOPLE), ("awards:ledger", "le", LEDGER),
    ("awards:ledger", "vu", LEDGER), ("awards:ledger", "an", LEDGER),
    ("awards:ledger", "a", LEDGER), ("awards:ledger", "le van", LEDGER),
    ("awards:ledger", "nguyen le", LEDGER)])
def test_short_word_searches_read_their_matches_by_index(client, board_user, province_rows,
                                                         view, q, watched):
    """A word of one or two letters has no trigram: `LIKE '%le%'` read every entry of the
    decision numbers' trigram index (330 ms on the kept 1,000,000 records) or the people
    whole. Matched at a word's start (core.search), it reads the trigram " le"."""
    client.force_login(board_user)
    url = reverse(view) + "?" + urlencode({"q": q})
    sent = page_queries(client, url)
    assert sent != []
    assert [(sql[:120], *found) for sql in sent
            if (found := rows_thrown_away(sql, watched))[0] or found[1] > FEW_THROWN] == []


@pytest.fixture
def audit_rows(dept_a, school_a):
    """The kept province's log in small: 30,000 entries about one cluster (its label holds
    "thi", as nearly every entry there does), 300 about people, 60 about a school, then
    ANALYZE."""
    from audit.models import AuditEntry
    from core.text import fold

    labels = ["Cụm thi đua các huyện, thành phố"] * 99 + ["Lê Thị Hồng — Ban Thi đua"]
    rows = [(labels[i % 100], dept_a) for i in range(30_000)] + [
        ("Trường THPT Chuyên", school_a)] * 60
    AuditEntry.objects.bulk_create([AuditEntry(
        action="emulation.cluster.update", object_type="emulation.cluster", object_id=str(i),
        object_label=label, search_text=fold(label), unit=unit, actor_label="system")
        for i, (label, unit) in enumerate(rows)], batch_size=5000)
    AuditEntry.objects.update(at=Now())  # `at` is auto_now_add; ids break the ties
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


AUDIT = {"audit_auditentry"}


@pytest.mark.parametrize("query", ["", "?q=truong", "?q=Hồng", "?q=thi", "?q=zzzq"])
def test_audit_log_search_never_scans_the_log(client, board_user, audit_rows, query):
    """Rare ("truong": 60, "hong": 300), common ("thi": every entry) and absent words: the
    folded label's trigram index or the log's order, never all 30,000 entries (the kept
    province's 300,000: 147–266 ms before, under 0.5 ms after; docs/performance.md)."""
    client.force_login(board_user)
    url = reverse("audit:log") + query
    client.get(url)  # warm-up: the layout caches roles
    with CaptureQueriesContext(connection) as ctx:
        page = client.get(url).context["page"]
    sent = [q["sql"] for q in ctx.captured_queries
            if q["sql"].startswith("SELECT") and "audit_auditentry" in q["sql"]]
    if page.next_key:
        with CaptureQueriesContext(connection) as ctx:
            client.get(f"{url}{'&' if query else '?'}after={page.next_key}")
        sent += [q["sql"] for q in ctx.captured_queries
                 if q["sql"].startswith("SELECT") and "audit_auditentry" in q["sql"]]
    assert sent != []
    assert [(sql[:120], seq_scans(sql, None, AUDIT)) for sql in sent
            if seq_scans(sql, None, AUDIT)] == []


def test_audit_log_search_for_a_rare_word_reads_the_trigram_index(client, board_user,
                                                                  audit_rows):
    client.force_login(board_user)
    url = reverse("audit:log") + "?q=truong"
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        rows = client.get(url).context["page"].object_list
    [sql] = [q["sql"] for q in ctx.captured_queries
             if q["sql"].startswith("SELECT \"audit_auditentry\"")]
    assert ("audit_search_trgm" in plan_text(sql), {e.object_label for e in rows}, len(rows)) \
        == (True, {"Trường THPT Chuyên"}, 60)


@pytest.fixture
def ratings_2025(province_rows):
    """A task rating of 2025 for each of the 20,000 people, one in seven "excellent"."""
    people = Person.objects.order_by("id").values_list("id", "unit_id")
    TaskRating.objects.bulk_create([TaskRating(
        person_id=pid, unit_id=unit_id, year=2025, rating="xuat_sac" if i % 7 == 0 else "tot")
        for i, (pid, unit_id) in enumerate(people)], batch_size=5000)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def test_who_qualifies_for_one_unit_reads_its_window_and_the_excellent_by_range(
        client, board_user, ratings_2025, school_a):
    """CSTĐ cơ sở for one unit (issue 14.2): the year's excellent ratings of the window's id
    range and the window's end are read through indexes, never a scan of the ratings or the
    people; the rows are the first of a screening of the unit's people. Which index reads the
    ratings is the planner's choice: on the benchmark's province `rating_year_level` by range;
    here, after other tests of this module, the ratings' person index by the same range (the
    window's ids start high, the ids the earlier tests used being gone) — both index reads."""
    client.force_login(board_user)
    url = reverse("awards:qualify") + f"?award=cstd_co_so&year=2025&unit={school_a.code}"
    client.get(url)  # warm-up
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    sent = [q["sql"] for q in ctx.captured_queries]
    [excellent] = [sql for sql in sent if "xuat_sac" in sql]
    [window_end] = [sql for sql in sent if "OFFSET 1999" in sql]

    read_whole = {"awards_taskrating", "organisations_person"}
    assert (seq_scans(excellent, None, read_whole), seq_scans(window_end, None)) == ([], [])
    whole = qualifying(Person.objects.filter(unit=school_a).order_by("id"), "cstd_co_so", 2025,
                       CatalogueParameters())
    assert [p.pk for p, _v, _s in response.context["rows"]] == [
        p.pk for p, _v in islice(whole, len(response.context["rows"]))]
    assert len(response.context["rows"]) == 50


@pytest.mark.parametrize("unit", [False, True])
def test_who_qualifies_for_ldtt_walks_the_people_probing_their_rating(
        client, board_user, ratings_2025, school_a, unit):
    """LĐTT for the province or one unit (qualify.NECESSARY_EACH): the page's people are read
    with the year's "good or better" rating as a condition in their own statement, walked in
    id order and each one's rating probed — never the ratings or the people read whole (one
    in three of the province's people has no such rating); the rows are the first of a
    screening of everyone."""
    client.force_login(board_user)
    url = reverse("awards:qualify") + "?award=ldtt&year=2025" + (
        f"&unit={school_a.code}" if unit else "")
    client.get(url)  # warm-up
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    [people] = [q["sql"] for q in ctx.captured_queries if "'xuat_sac'" in q["sql"]]

    assert seq_scans(people, None, {"awards_taskrating", "organisations_person"}) == []
    everyone = Person.objects.filter(unit=school_a) if unit else Person.objects.all()
    whole = qualifying(everyone.order_by("id"), "ldtt", 2025, CatalogueParameters())
    assert [p.pk for p, _v, _s in response.context["rows"]] == [
        p.pk for p, _v in islice(whole, len(response.context["rows"]))]
    assert len(response.context["rows"]) == 50


def _explains(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return sum(q["sql"].startswith("EXPLAIN") for q in ctx.captured_queries)


def test_the_planners_verdict_on_a_search_is_kept_and_asked_again_when_old(
        client, board_user, province_rows):
    """The same search asked again (its officers' common searches under `make load`) reuses
    the planner's verdict on its matches instead of explaining the query again; a verdict
    older than VERDICT_SECONDS is asked again. The rows are the same whichever the verdict."""
    client.force_login(board_user)
    client.get(reverse("organisations:person_list"))  # warm-up: the layout caches roles
    url = reverse("organisations:person_list") + "?q=nguyen+van"
    first = [_explains(client, url), _explains(client, url)]
    paging._verdicts.update({key: (0.0, few) for key, (_until, few) in paging._verdicts.items()})
    # The page's statement holds the verdict, and is kept as long (paginate_kept)
    paging._statements.update({key: (0.0, *kept) for key, (_until, *kept)
                               in paging._statements.items()})
    assert (first, _explains(client, url)) == ([1, 0], 1)


@pytest.mark.parametrize("who", ["board", "officer"])
def test_the_verdict_is_kept_by_the_searchs_conditions(client, board_user, officer_a,
                                                        province_rows, who):
    """The verdict's key is the search's WHERE clause, compiled alone (the whole query was
    compiled for it, 0.2–0.36 ms a request): the same search by page number asks once, an
    officer's scope (a subquery in the WHERE clause) included; another word asks again; the
    rows are those the search holds in name order."""
    client.force_login(board_user if who == "board" else officer_a)
    client.get(reverse("organisations:person_list"))  # warm-up: the layout caches roles
    url = reverse("organisations:person_list") + "?q=nguyen+van"
    asked = [_explains(client, url), _explains(client, url + "&page=2"),
             _explains(client, reverse("organisations:person_list") + "?q=tran+van")]
    rows = client.get(url + "&page=2").context["page"].object_list
    user = board_user if who == "board" else officer_a
    from organisations.domain.queries import people_for_user  # noqa: PLC0415 next to its use

    expected = sorted(people_for_user(user, "nguyen van").values_list("search_text", "pk"))
    assert (asked, [(p.search_text, p.id) for p in rows]) == ([1, 0, 1], expected[50:100])


@pytest.mark.parametrize("who", ["board", "officer"])
def test_a_people_page_by_number_finds_its_ids_then_reads_its_rows(client, board_user,
                                                                   officer_a, province_rows,
                                                                   who):
    """`?page=50` walked the name order through the table's rows (2,501 on the kept province,
    each joined to its unit) to show 51: it now walks the order for the page's ids alone, then
    reads those rows by primary key and joins only them to their units. On a vacuumed table the
    walk reads no row of the table (`person_name_scope` holds the scope's columns: an index-only
    scan, 2,501 rows in 0.3 ms; here, unvacuumed, the planner may prefer the plain order). The
    rows and their order are unchanged."""
    user = board_user if who == "board" else officer_a
    client.force_login(user)
    client.get(reverse("organisations:person_list"))  # warm-up: the layout caches roles
    url = reverse("organisations:person_list") + "?page=40"
    [sql] = [s for s in page_queries(client, url) if "FROM \"organisations_person\"" in s]
    rows = client.get(url).context["page"].object_list
    from organisations.domain.queries import people_for_user  # noqa: PLC0415 next to its use

    expected = list(people_for_user(user).values_list("search_text", "pk")[1950:2000])
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'person_name_scope'")
        [[index]] = cursor.fetchall()
    assert ("organisations_person_pkey" in plan_text(sql), index.split(" USING ")[1],
            [(p.search_text, p.id) for p in rows]) == (
        True, "btree (search_text, id) INCLUDE (unit_id, province_id)", expected)


@pytest.mark.parametrize("who", ["board", "officer"])
def test_people_search_for_a_common_family_name_sorts_its_ids_in_the_narrow_copy(
        client, board_user, officer_a, dept_a, province_rows, who):
    """"hoang" is a family name: its 4,580 people of 100,000 (here 2,000 of 30,000) sort
    together after everyone whose text sorts before "hoang". Estimated too many to sort in the
    people's own wide rows, the page walked the name order past 37,388 people (12 ms); it now
    sorts the matches' ids in the narrow copy of the search columns (organisations.models.
    person_words: by its trigram index on the kept province; here, 20,000 narrow rows, the
    planner may read the copy whole), with no walk of the name order and no scan of the people,
    then reads the page's people by primary key. The rows and their order are unchanged: page 1,
    page 2 by number, and the seek links."""
    # 10,000 more people of a rarer family name: "hoang" is then 2,000 of 30,000 (6.7 %), as on
    # the kept province (5 %), not the fixture's 10 %, where the walk finds a page soon enough.
    Person.objects.bulk_create([Person(
        cccd=f"9{i:011d}", full_name=f"Đỗ Văn {GIVEN[i % 20]}", search_text=f"do van {i}",
        gender="male", birth_date=datetime.date(1980, 1, 1), unit=dept_a) for i in range(10_000)],
        batch_size=5000)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    user = board_user if who == "board" else officer_a
    client.force_login(user)
    client.get(reverse("organisations:person_list"))  # warm-up: the layout caches roles
    url = reverse("organisations:person_list") + "?q=hoang"
    [sql] = [s for s in page_queries(client, url) if "FROM \"organisations_person\"" in s]
    plan = plan_text(sql)
    from organisations.domain.queries import people_for_user  # noqa: PLC0415 next to its use

    matches = list(people_for_user(user, "hoang").values_list("search_text", "pk"))
    first = client.get(url).context["page"]
    second = client.get(url + "&page=2").context["page"]
    after = client.get(f"{url}&after={first.next_key}").context["page"]
    back = client.get(f"{url}&before={after.previous_key}").context["page"]
    assert (("organisations_person_words" in plan, "person_name" in plan, seq_scans(sql, None)),
            [[(p.search_text, p.id) for p in page.object_list]
             for page in (first, second, after, back)]) == (
        (True, False, []), [matches[:50], matches[50:100], matches[50:100], matches[:50]])


def test_a_kept_search_is_not_prepared_where_a_list_is(client, board_user, province_rows):
    """Kept statements run prepared (core.interfaces.paging.kept_cursor), but not a search's:
    the prepared statement's generic plan, made without its words, read 1.5–2.3 times the
    PostgreSQL time of the search's own plan on the kept province. The ledger's page and the
    unsearched people list's are."""
    client.force_login(board_user)
    for _ in range(7):  # past the five executions after which PostgreSQL may go generic
        client.get(reverse("awards:ledger"))
        client.get(reverse("organisations:person_list"))
        client.get(reverse("organisations:person_list") + "?q=hoang")
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement LIKE '%%awards_awardrecord%%', statement LIKE '%%LIKE%%' "
                       "FROM pg_prepared_statements WHERE NOT from_sql ORDER BY 1")
        assert cursor.fetchall() == [(False, False), (True, False)]


@pytest.fixture
def small_unit_officer(province, province_rows):
    """The officer of a unit holding 300 of the 60,000 records (0.5 %: the kept province's
    one-unit scopes hold 0.1 %), then ANALYZE."""
    from accounts.enums import Role  # noqa: PLC0415 next to its use
    from tests.factories import UnitFactory, user_with_role  # noqa: PLC0415 next to its use

    small = UnitFactory(code="XA-NHO", name="Xã Nhỏ", parent=province, level="commune")
    ids = list(AwardRecord.objects.order_by("pk").values_list("pk", flat=True))[::200]
    AwardRecord.objects.filter(pk__in=ids[:300]).update(unit=small)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return user_with_role(Role.UNIT_OFFICER, small, username="officer_small")


def _ledger_plan_and_rows(client, user, query: str) -> tuple[str, list[int]]:
    client.force_login(user)
    url = reverse("awards:ledger") + query
    [sql] = [s for s in page_queries(client, url) if "FROM \"awards_awardrecord\"" in s]
    return plan_text(sql), [r.id for r in client.get(url).context["page"].object_list]


def _expected(user, query: str) -> list[int]:
    """The page's ids as the ledger's plain query reads them (records_for_user, filtered)."""
    params = {name: values[0] for name, values in parse_qs(query.lstrip("?")).items()}
    offset = (int(params.get("page", 1)) - 1) * 50
    return [r.pk for r in queries.filter_ledger(queries.records_for_user(user), params)[
        offset:offset + 50]]


@pytest.mark.parametrize("query", ["", "?page=3", "?year=2024", "?year=2019&revoked=0&page=2"])
def test_an_officers_ledger_page_reads_its_units_own_order(client, officer_a,
                                                           small_unit_officer, query):
    """An officer's page walked the whole ledger's order probing each record's unit against the
    scope: (offset + 51) / share records (a one-unit scope of 0.1 % of the kept province: 217
    ms for page 1). It now reads each of the scope's units' first records from the unit's own
    order, by the index alone, and merges them (awards.domain.queries.first_in_units): a big
    scope and a small one alike. Rows and order unchanged."""
    for user in (officer_a, small_unit_officer):
        plan, rows = _ledger_plan_and_rows(client, user, query)
        assert ("award_unit_ledger_order" in plan, "award_ledger_order" in plan, rows) \
            == (True, False, _expected(user, query))


def test_a_title_filter_walks_the_titles_order_where_the_scope_holds_much_of_it(
        client, board_user, officer_a, small_unit_officer):
    """The title filter joined the titles by code: the planner, not knowing the title, read all
    the title's records of the year and sorted the scope's (a department's 4,500 of 25,674 on
    the kept province, 85 ms). Named by id (a subquery of its code), the title's order is walked
    backward (0.7 ms) — where the scope holds enough of the title's records (AwardTotal) that
    the walk is the shorter: a small unit's few are still sorted (the walk would pass the
    province's, 234 ms for a one-unit scope without a year). Rows and order unchanged."""
    walked = []
    for user, query in ((board_user, "?award=giay_khen&year=2024"),
                        (officer_a, "?award=giay_khen&year=2024&revoked=0"),
                        (officer_a, "?award=giay_khen&page=2"),
                        (small_unit_officer, "?award=giay_khen")):
        plan, rows = _ledger_plan_and_rows(client, user, query)
        walked.append(("Backward using award_type_ledger_order" in plan,
                       rows == _expected(user, query)))
    assert walked == [(True, True), (True, True), (True, True), (False, True)]


@pytest.mark.parametrize("query", ["?q=le", "?q=le&page=3", "?q=le&year=2024",
                                   "?q=an&revoked=0&page=2"])
def test_an_officers_search_of_many_people_walks_its_units_order_probing_them(
        client, officer_a, small_unit_officer, query):
    """"le" (2,000 of the 20,000 people; the kept province: 4,553 people, 45,530 records): an
    officer's page read all the people's records by person and kept the scope's (35–44 ms of
    PostgreSQL for a department there). Its first pages now walk each of the scope's units'
    own order, whose entries carry the person, probing a hash of the people's ids
    (awards.domain.queries.search: ~4 ms), then read the page's rows by id. Rows and order
    unchanged: those of the one search query."""
    params = {name: values[0] for name, values in parse_qs(query.lstrip("?")).items()}
    offset = (int(params.get("page", 1)) - 1) * 50
    for user in (officer_a, small_unit_officer):
        plan, rows = _ledger_plan_and_rows(client, user, query)
        expected = [r.pk for r in queries.filter_ledger(queries.records_for_user(
            user, params["q"]), params)[offset:offset + 50]]
        assert ("award_unit_ledger_order" in plan, "hashed SubPlan" in plan,
                "awards_awardrecord_person_id" in plan, rows) == (True, True, False, expected)


def _read_by_key(sql: str) -> list[int]:
    """The records each of `sql`'s plan's readings by primary key returned, run once."""
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + sql)
        plan = cursor.fetchone()[0]
    plan = json.loads(plan) if isinstance(plan, str) else plan
    found, stack = [], [plan[0]["Plan"]]
    while stack:
        node = stack.pop()
        if node.get("Index Name") == "awards_awardrecord_pkey":
            found.append(node["Actual Rows"] * node["Actual Loops"])
        stack.extend(node.get("Plans", []))
    return found


@pytest.mark.parametrize(("who", "query"), [("officer", "?page=3"),
                                            ("officer", "?year=2019&revoked=0&page=2"),
                                            ("board", "?q=le"), ("board", "?q=le&page=2")])
def test_a_page_reads_only_its_own_rows_from_the_table(client, board_user, officer_a,
                                                       province_rows, who, query):
    """An officer's page past the first found its ids among its units' first records merged,
    then read all of them from the table again to skip the offset's (2,551 for the kept
    province's page 50, 12 ms); the ids are now cut at the offset in the merge, from the
    units' order alone (paging.AtOffset). The board's search of many people read every record
    its walk passed from the table; the walk now reads the ledger's order alone (it carries
    the unit and the person) and only the rows to the page's end are then read by key. Rows
    unchanged."""
    user = officer_a if who == "officer" else board_user
    client.force_login(user)
    url = reverse("awards:ledger") + query
    [sql] = [s for s in page_queries(client, url) if "FROM \"awards_awardrecord\"" in s]
    params = {name: values[0] for name, values in parse_qs(query.lstrip("?")).items()}
    offset = (int(params.get("page", 1)) - 1) * 50
    expected = [r.pk for r in queries.filter_ledger(queries.records_for_user(
        user, params.get("q")), params)[offset:offset + 50]]
    rows = [r.id for r in client.get(url).context["page"].object_list]
    read = _read_by_key(sql)
    # A search's parts are each cut at the page's end before their union and its offset.
    most = 51 if who == "officer" else offset + 51
    assert (read != [], sum(read) <= most, rows) == (True, True, expected)
