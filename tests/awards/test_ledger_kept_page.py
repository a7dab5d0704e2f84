"""The ledger page's statement is kept per process by the user's scope shape and the filters
(awards.views.ledger, core.interfaces.paging.paginate_kept): for every kind of scope — the
board of the only province, the board of one province among two, officers of a department and
of a commune, the administrator, a user without a role — the statement the page sends is the
one the ORM compiles for that user (on PostgreSQL inside `around_the_page`, which reads the
rows' subjects with them), when it was kept from another user's request as well, and its rows
are the ORM's."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.domain.scope import scope_shape
from accounts.enums import Role
from awards.domain.parameters import law_tables_stamp
from awards.domain.queries import (
    around_the_page,
    filter_ledger,
    filtered,
    first_in_units,
    ledger_filters,
    ledger_page,
    merges_units,
    page_subjects,
    records_for_user,
    records_in_scope,
    walks_type_order,
)
from awards.models import AwardRecord, AwardType
from core.interfaces import paging
from organisations.enums import UnitKind, UnitLevel
from tests.factories import (
    CollectiveFactory,
    HouseholdFactory,
    PersonFactory,
    UnitFactory,
    user_with_role,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _nothing_kept():
    paging._statements.clear()


@pytest.fixture
def personas(province, dept_a, school_a, dept_b, board_user, admin_user, officer_a, outsider):
    """Every scope shape, with ~60 records in each unit (a page 2 for the wider scopes)."""
    district = UnitFactory(code="HUYEN", name="UBND huyện Thử", parent=province,
                           level=UnitLevel.DISTRICT, kind=UnitKind.PEOPLES_COMMITTEE)
    commune = UnitFactory(code="XA", name="UBND xã Thử", parent=district,
                          level=UnitLevel.COMMUNE, kind=UnitKind.PEOPLES_COMMITTEE)
    giay_khen, cstd = AwardType.objects.filter(code__in=["giay_khen", "cstd_co_so"]).order_by(
        "code")
    units = [province, dept_a, school_a, dept_b, district, commune]
    AwardRecord.objects.bulk_create([AwardRecord(
        person=PersonFactory(unit=unit), unit=unit, award_type=(giay_khen, cstd)[i % 2],
        year=2015 + i % 10, decision_number=f"{i}/QĐ-UBND", issuer="UBND",
        decision_date=datetime.date(2016 + i % 10, 1 + i % 12, 1 + i % 28), revoked=i % 7 == 0)
        for unit in units for i in range(60)])
    return {
        "board": board_user, "admin": admin_user, "officer of a department": officer_a,
        "officer of another department": outsider,
        "second officer of the department": user_with_role(Role.UNIT_OFFICER, dept_a),
        "officer of a commune": user_with_role(Role.UNIT_OFFICER, commune),
        "officer of a district": user_with_role(Role.UNIT_OFFICER, district),
        "no role": user_with_role(Role.UNIT_OFFICER, None),
    }


def sent(client, params) -> tuple[list[str], list]:
    """The ledger statements the page sends and its rows."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("awards:ledger"), params)
    assert response.status_code == 200
    return ([q["sql"] for q in captured.captured_queries if '"awards_awardrecord"' in q["sql"]],
            response.context["page"].object_list)


def orm(user, params, number) -> tuple[list[str], list]:
    """The statement the ORM compiles for the user's page `number` and its rows: from offset
    0 the page's queryset, deeper its ids first (the records without the page's joins; an
    officer's units' entries cut at the offset: `first_in_units(..., start=)`). Built
    in the form the view chooses for the scope (a title filter walking the title's order, an
    officer's units' first records: `walks_type_order`, `merges_units`); its rows are checked
    against the plain scoped queryset's as well, so each form keeps the same records."""
    shape, filters = scope_shape(user, AwardRecord), ledger_filters(params)
    offset = (number - 1) * 50
    records = filtered(records_in_scope(shape), filters,
                       by_type_order=walks_type_order(shape, filters, offset, 50))
    if not merges_units(shape, filters):
        qs = ledger_page(records)
        if offset:
            qs = qs.filter(pk__in=records.values("pk")[offset:offset + 51])
    elif offset:  # a later page's own ids, cut at its offset among the units' entries
        qs = ledger_page(records).filter(first_in_units(shape, filters, offset + 51,
                                                        start=offset))
    else:
        qs = ledger_page(records.filter(first_in_units(shape, filters, 51)))
    with CaptureQueriesContext(connection) as captured:
        rows = list(qs[:51])
    plain = filter_ledger(records_for_user(user), params)
    assert rows[:50] == list(ledger_page(plain)[offset:offset + 50])
    statements = [q["sql"] for q in captured.captured_queries]
    if connection.vendor == "postgresql":  # kept: sent with its subjects and the stamp
        statements = [around_the_page(sql, ORDER) for sql in statements]
    return statements, rows[:50]


# The ledger's order (AwardRecord.Meta.ordering) of the kept statement's rows.
ORDER = 'page."year" DESC, page."decision_date" DESC, page."id" DESC'


PARAMS = [{}, {"page": "2"}, {"award": "giay_khen", "year": "2020"}, {"revoked": "1"},
          {"revoked": "0", "page": "2"}, {"award": "giay_khen"}, {"year": "2019", "revoked": "0"}]


def test_the_kept_statement_is_the_users_own(client, personas, province, neighbour_province):
    shapes = {name: scope_shape(user, AwardRecord) for name, user in personas.items()}
    assert sorted({kind for kind, _ids in shapes.values()}) == [
        "all", "closure", "none", "provinces"]
    assert shapes["officer of a department"] == shapes["second officer of the department"]
    # Twice round: the second time every page's statement is the kept one, kept by the first
    # user of its shape (the two officers of a department share theirs).
    for _round in range(2):
        for name, user in personas.items():
            client.force_login(user)
            for params in PARAMS:
                number = int(params.get("page", 1))
                assert (name, params, sent(client, params)) == (
                    name, params, orm(user, params, number))
    # One statement for each shape, filters and page number; none for the user without a
    # role, whose page matches nothing. SQLite's dates, booleans and UUIDs are converted after
    # reading: there the ORM reads every page (`paging._statement`).
    assert set(paging._statements) == (set() if connection.vendor != "postgresql" else {
        # (key, page size, seek, a search's `matches`, page number)
        ("awards:ledger", shape, ledger_filters(params), _walks(shape, params), 50, True,
         False, int(params.get("page", 1)))
        for shape in shapes.values() if shape[0] != "none" for params in PARAMS})


def _walks(shape, params) -> bool:
    """The page's title-order verdict, part of its key (awards.views.ledger)."""
    return walks_type_order(shape, ledger_filters(params), (int(params.get("page", 1)) - 1) * 50,
                            50)


def test_the_board_of_the_only_province_is_the_whole_tree(client, personas):
    """Without the second province the board's scope is the tree: `unit IS NOT NULL`."""
    assert scope_shape(personas["board"], AwardRecord) == ("tree", ())
    client.force_login(personas["board"])
    for params in PARAMS:
        assert sent(client, params) == orm(personas["board"], params,
                                           int(params.get("page", 1)))


@pytest.fixture
def neighbour_province(db):
    """A second province on the database: the board then covers one province among two."""
    return UnitFactory(code="TINH-2", name="Ủy ban nhân dân tỉnh Bên Cạnh",
                       level=UnitLevel.PROVINCE, kind=UnitKind.PEOPLES_COMMITTEE)


@pytest.mark.postgres_only
def test_the_page_reads_its_subjects_and_the_stamp_with_its_rows(client, personas, dept_a,
                                                                 pages_not_kept):
    """One statement a page on PostgreSQL (`around_the_page`): the rows, what the page shows of
    their subjects — a person's public id and name, a collective's name, a household's in the
    model's wording — and the law tables' stamp; they were three statements (the rows, the
    people by id, the stamp). The subjects are those the lookups by id give."""
    giay_khen = AwardType.objects.get(code="giay_khen")
    AwardRecord.objects.bulk_create([AwardRecord(
        award_type=giay_khen, unit=dept_a, year=2030, decision_number=f"{i}/QĐ", issuer="UBND",
        decision_date=datetime.date(2031, 1, 1), **subject)
        for i, subject in enumerate([{"collective": CollectiveFactory(unit=dept_a)},
                                     {"household": HouseholdFactory(unit=dept_a)},
                                     {"person": PersonFactory(unit=dept_a)}])])
    user = personas["board"]
    client.force_login(user)
    for params in ({}, {"page": "2"}, {"year": "2030"}):
        client.get(reverse("awards:ledger"), params)  # kept
        with CaptureQueriesContext(connection) as captured:
            response = client.get(reverse("awards:ledger"), params)
        reads = [q["sql"] for q in captured.captured_queries if any(
            table in q["sql"] for table in ('"awards_awardrecord"', '"organisations_person"',
                                            "awards_law_tables_stamp"))]
        assert len(reads) == 1
        _statements, rows = orm(user, params, int(params.get("page", 1)))
        assert response.context["subjects"] == page_subjects(rows)  # rows of the ORM: by ids
    assert sorted({kind for kind, _pk in response.context["subjects"]}) == [
        "collective", "household", "person"]
    assert response.context["law_stamp"] == law_tables_stamp()


@pytest.mark.postgres_only
def test_the_kept_statement_is_prepared_once_a_connection(client, personas):
    """Executed prepared (core.interfaces.paging.kept_cursor): planned by PostgreSQL once a
    connection and shape, not on every request."""
    client.force_login(personas["officer of a department"])
    for _ in range(3):
        client.get(reverse("awards:ledger"))
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_prepared_statements "
                       "WHERE statement LIKE 'SELECT page.*%%' AND NOT from_sql")
        assert cursor.fetchone() == (1,)
