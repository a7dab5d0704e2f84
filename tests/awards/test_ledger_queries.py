"""The ledger page's queries do not grow with its rows, whatever the subjects' kinds (issue 14:
subjects are read by kind, `with_subjects`, not joined)."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from awards.domain import ledger, queries
from awards.domain.queries import ledger_page, page_subjects
from awards.models import AwardRecord, AwardType
from tests.factories import CollectiveFactory, HouseholdFactory, PersonFactory

pytestmark = pytest.mark.django_db


def _records(unit, n, start):
    """n records of each subject kind: a person, a collective, a household."""
    giay_khen = AwardType.objects.get(code="giay_khen")
    for i in range(start, start + n):
        person = PersonFactory(unit=unit)
        for subject in ({"person": person}, {"collective": CollectiveFactory(unit=unit)},
                        {"household": HouseholdFactory(head=PersonFactory(unit=unit),
                                                       unit=unit)}):
            ledger.record_award(None, award_type=giay_khen, year=2000 + i,
                                decision_number=f"{i}/QĐ-UBND",
                                decision_date=datetime.date(2001 + i, 1, 20), issuer="UBND",
                                issuer_unit=unit, **subject)


def _queries(client, params=None) -> tuple[int, list]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("awards:ledger"), params or {})
    assert response.status_code == 200
    return len(captured.captured_queries), response.context["page"].object_list


@pytest.mark.parametrize("params", [{}, {"q": "ubnd"}, {"award": "giay_khen", "year": ""}])
def test_ledger_queries_are_the_same_for_3_or_30_rows(client, board_user, dept_a, params):
    client.force_login(board_user)
    # The menu is computed once per role set and process, the filter form once per law tables'
    # version: an uncounted first page.
    client.get(reverse("awards:ledger"), params)
    _records(dept_a, 1, 0)
    few, rows = _queries(client, params)
    assert len(rows) == 3
    _records(dept_a, 9, 1)
    many, rows = _queries(client, params)
    assert len(rows) == 30
    assert many == few


def test_ledger_rows_name_each_kind_of_subject(client, board_user, dept_a):
    client.force_login(board_user)
    _records(dept_a, 1, 0)
    _count, rows = _queries(client)
    records = AwardRecord.objects.filter(pk__in=[r.id for r in rows])
    assert sorted(type(r.subject).__name__ for r in records) == ["Collective", "Household",
                                                                "Person"]
    page = client.get(reverse("awards:ledger")).content.decode()
    for record in records:
        assert str(record.subject) in page


@pytest.mark.parametrize(("q", "found"), [
    ("nguyen van", ["Nguyễn Văn An"]),            # every word in one subject's name
    ("nguyen 7/kt", ["Nguyễn Văn An"]),            # a word in the name, one in the number
    ("7/kt", ["Nguyễn Văn An", "Trần Văn Bình"]),  # the number alone
    ("tran 8/kt", []),                            # each word somewhere, but not on one record
    ("nguyen binh", []),                          # two subjects' words, no one subject's
    ("hop tac xa", ["Hợp tác xã Văn Lang"]),      # a collective
    ("van", ["Hợp tác xã Văn Lang", "Nguyễn Văn An", "Trần Văn Bình"]),
])
def test_ledger_search_needs_every_word_in_the_subject_or_the_number(dept_a, board_user, q,
                                                                     found):
    from awards.domain.queries import records_for_user  # noqa: PLC0415 next to its use

    giay_khen = AwardType.objects.get(code="giay_khen")
    subjects = [({"person": PersonFactory(unit=dept_a, full_name="Nguyễn Văn An")}, "7"),
                ({"person": PersonFactory(unit=dept_a, full_name="Trần Văn Bình")}, "7"),
                ({"collective": CollectiveFactory(unit=dept_a, name="Hợp tác xã Văn Lang")},
                 "8")]
    for subject, number in subjects:
        ledger.record_award(None, award_type=giay_khen, year=2024,
                            decision_number=f"{number}/KT-UBND",
                            decision_date=datetime.date(2025, 1, 20), issuer="UBND",
                            issuer_unit=dept_a, **subject)
    records = records_for_user(board_user, q)
    assert sorted(r.person.full_name if r.person else r.collective.name
                  for r in records) == found


def _numbered_records(dept_a, dept_b):
    """7/QĐ-UBND awarded in DEPT_A and in DEPT_B (the outsider's), 8/KT-UBND in DEPT_A."""
    giay_khen = AwardType.objects.get(code="giay_khen")
    for unit, name, number in ((dept_a, "Nguyễn Văn An", "7/QĐ-UBND"),
                               (dept_a, "Trần Văn Bình", "8/KT-UBND"),
                               (dept_b, "Lê Thị Cúc", "7/QĐ-UBND")):
        ledger.record_award(None, award_type=giay_khen, year=2024, decision_number=number,
                            person=PersonFactory(unit=unit, full_name=name),
                            decision_date=datetime.date(2025, 1, 20), issuer="UBND",
                            issuer_unit=unit)


@pytest.mark.parametrize("q", ["7/QĐ", "7/qđ", "7/QD", "7/qd", "qd-ubnd", "QĐ-UBND",
                               "an 7/qđ-ubnd"])
def test_ledger_search_finds_a_number_with_d_stroke_however_typed(dept_a, dept_b, officer_a, q):
    from awards.domain.queries import records_for_user  # noqa: PLC0415 next to its use

    _numbered_records(dept_a, dept_b)
    assert [(r.person.full_name, r.decision_number)
            for r in records_for_user(officer_a, q)] == [("Nguyễn Văn An", "7/QĐ-UBND")]


def test_ledger_search_by_number_stays_in_the_outsiders_scope(dept_a, dept_b, outsider):
    from awards.domain.queries import records_for_user  # noqa: PLC0415 next to its use

    _numbered_records(dept_a, dept_b)
    assert [r.person.full_name for r in records_for_user(outsider, "7/qd")] == ["Lê Thị Cúc"]
    assert list(records_for_user(outsider, "8/kt")) == []


def test_ledger_page_search_by_unaccented_number_lists_the_record(client, officer_a, dept_a,
                                                                   dept_b):
    _numbered_records(dept_a, dept_b)
    client.force_login(officer_a)
    response = client.get(reverse("awards:ledger"), {"q": "7/qd-ubnd"})
    subjects = response.context["subjects"]
    assert [subjects["person", r.person_id][1] for r in response.context["page"].object_list] \
        == ["Nguyễn Văn An"]


@pytest.mark.django_db(transaction=True)
def test_migration_folds_the_numbers_of_existing_records(reference_data):
    before = [("awards", "0018_h8_screening_runs")]
    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes()
    executor.migrate(before)
    apps = executor.loader.project_state(before).apps
    unit = apps.get_model("organisations", "Unit").objects.create(
        code="SO-X", name="Sở Nội vụ", level="province", kind="department", path="SO-X")
    person = apps.get_model("organisations", "Person").objects.create(
        cccd="001085000001", full_name="Phạm Văn Cũ", unit=unit, gender="male",
        birth_date=datetime.date(1985, 1, 1))
    apps.get_model("awards", "AwardRecord").objects.create(
        award_type=apps.get_model("awards", "AwardType").objects.get(code="ldtt"),
        person=person, unit=unit, year=2024, decision_number="7/QĐ-UBND",
        decision_date=datetime.date(2025, 1, 5), issuer="Sở Nội vụ")
    MigrationExecutor(connection).migrate(latest)

    from awards.models import AwardRecord  # noqa: PLC0415 the model after the migration

    assert list(AwardRecord.objects.values_list("decision_number", "decision_number_folded")) == [
        ("7/QĐ-UBND", "7/qd-ubnd")]


def test_the_ledger_reads_no_titles_once_its_filter_is_rendered(client, board_user, dept_a):
    # The filter's options are kept rendered by the law tables' stamp (awards.templatetags.
    # ledger_rows.ledger_filter): a second page reads the titles only through its rows' join.
    client.force_login(board_user)
    _records(dept_a, 1, 0)
    client.get(reverse("awards:ledger"))
    for params in ({}, {"award": "giay_khen"}, {"q": "ubnd"}):
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("awards:ledger"), params).status_code == 200
        assert [q["sql"] for q in captured.captured_queries
                if q["sql"].startswith('SELECT "awards_awardtype"."code"')] == []


def test_page_subjects_are_what_the_models_say(dept_a):
    # On PostgreSQL the lookups by id are statements compiled once per process (`_by_ids`):
    # asked twice, for two pages, each answers for its own rows.
    _records(dept_a, 2, 0)
    records = list(AwardRecord.objects.order_by("pk"))
    for page in (records[:3], records[3:]):
        rows = list(ledger_page(AwardRecord.objects.filter(pk__in=[r.pk for r in page])))
        assert page_subjects(rows) == {
            (kind, getattr(r, f"{kind}_id")): (
                str(r.person.public_id) if r.person_id else "",
                r.person.full_name if r.person_id else str(r.subject))
            for r in page for kind in ("person", "collective", "household")
            if getattr(r, f"{kind}_id")}


@pytest.mark.parametrize("words", [["nguyen", "van"], ["le"], ["van"], ["<\"&"], ["an", "le"]])
def test_the_subjects_ids_are_those_of_their_query(dept_a, words):
    """The search's subject ids by a statement kept per (kind, words) on PostgreSQL: the ids
    its query gives, for each kind, and one statement a kind and words, however often asked."""
    for name in ("Nguyễn Văn An", "Lê Thị Lan", "Lê Văn Le", "Trần Văn Bình"):
        PersonFactory(unit=dept_a, full_name=name)
        CollectiveFactory(unit=dept_a, name=f"Tổ {name}")
        HouseholdFactory(head=PersonFactory(unit=dept_a, full_name=name), unit=dept_a)
    queries._SUBJECT_LOOKUPS.clear()
    for _ in range(2):
        for _field, model in queries.SUBJECT_KINDS:
            assert (model, sorted(queries._subject_ids(model, words))) == (model, sorted(
                queries._subjects(model, words).values_list("pk", flat=True)))
    assert len(queries._SUBJECT_LOOKUPS) == (3 if connection.vendor == "postgresql" else 0)


def test_a_title_filter_walks_its_order_where_the_scope_holds_enough_of_it(dept_a, dept_b):
    """`walks_type_order`: the walk passes (offset + page) / share of the title's records, the
    sort handles the scope's own; read from the totals the database keeps (AwardTotal): the
    department holding 30 of the 90 giay_khen walks for its first page, not for its second,
    nor for 2024 (1 of 3); the board always walks, a list without a title never."""
    queries._TYPE_SHARES.clear()
    giay_khen = AwardType.objects.get(code="giay_khen")
    AwardRecord.objects.bulk_create([AwardRecord(
        person=person, unit=person.unit, award_type=giay_khen, year=year,
        decision_number="1/QĐ-UBND", decision_date=datetime.date(year, 5, 1), issuer="UBND")
        for person in (PersonFactory(unit=dept_a), PersonFactory(unit=dept_b),
                       PersonFactory(unit=dept_b)) for year in range(1995, 2025)])
    closure = ("closure", (dept_a.pk,))
    assert [queries.walks_type_order(shape, filters, offset, 50) for shape, filters, offset in (
        (closure, ("giay_khen", None, None), 0),
        (closure, ("giay_khen", None, False), 50),
        (closure, ("giay_khen", 2024, None), 0),
        (("tree", ()), ("giay_khen", 2024, None), 5000),
        (closure, ("", 2024, None), 0))] == [True, False, False, True, False]
