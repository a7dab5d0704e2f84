"""The award totals (awards.models.award_totals) equal the ledger grouped, after every write path,
and the dashboard's figures read from them equal the same figures counted from the records, for
every persona, over random sequences of writes, revocations, imports and reorganisations."""

import datetime

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import Count, F, Q
from django.test import RequestFactory
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accounts.domain.scope import restrict_to_scope
from accounts.enums import Role
from awards.apps import _totals_triggers
from awards.models import AwardRecord, AwardTotal, AwardType, award_totals
from core.bulk import insert_objects, insert_rows
from organisations.domain import tree
from organisations.enums import UnitKind, UnitLevel
from organisations.models import UnitClosure
from reports.domain import dashboard
from reports.domain.scope import default_root, subtree_ids
from reports.enums import STATISTICS_ROLES
from reports.interfaces.figures import _award_figures
from tests.factories import PersonFactory, UnitFactory, user_with_role

pytestmark = pytest.mark.django_db

THIS_YEAR = timezone.localdate().year
DAY = datetime.date(2025, 7, 1)
ACT = {"decision_number": "129/2025/NĐ-CP", "issuer": "Chính phủ"}
CODES = ("giay_khen", "bang_khen_tinh", "ldtt", "cstd_co_so")


def grouped() -> dict:
    """The ledger's live records per (unit, award type, year): what the totals must hold."""
    rows = (AwardRecord.objects.filter(revoked=False).order_by()
            .values_list("unit_id", "award_type_id", "year").annotate(n=Count("id")))
    return {(u, t, y): n for u, t, y, n in rows}


def kept() -> dict:
    # Each total carries its unit's province (the key of a board's scope on a shared database).
    assert list(AwardTotal.objects.exclude(province=F("unit__province"))) == []
    return {(u, t, y): n for u, t, y, n in AwardTotal.objects.exclude(live=0).values_list(
        "unit_id", "award_type_id", "year", "live")}


def _record(unit, person, year=2024, code="giay_khen", **extra) -> AwardRecord:
    return AwardRecord(award_type=AwardType.objects.get(code=code), unit=unit, person=person,
                       year=year, decision_number=f"{year}/QĐ-UBND",
                       decision_date=datetime.date(year + 1, 1, 20), issuer="UBND", **extra)


FIELDS = ("award_type_id", "person_id", "unit_id", "year", "decision_number", "decision_date",
          "issuer")


def _row(record: AwardRecord) -> tuple:
    return tuple(getattr(record, name) for name in FIELDS)


# ---------------------------------------------------------------------------- each write path
@pytest.fixture
def people(dept_a, school_a, dept_b):
    return [PersonFactory(unit=unit) for unit in (dept_a, school_a, dept_b, dept_a)]


def _orm_save(people):
    _record(people[0].unit, people[0]).save()


def _bulk_create(people):
    AwardRecord.objects.bulk_create([_record(p.unit, p, 2023) for p in people])


def _insert_rows(people):  # COPY on PostgreSQL
    insert_rows(AwardRecord, FIELDS, [_row(_record(p.unit, p, 2022)) for p in people])


def _insert_objects(people):
    insert_objects([_record(p.unit, p, 2021, "ldtt") for p in people])


def _raw_insert_select(people):
    """The demo's and the benchmarks' way: INSERT … SELECT in SQL (every record, ten years
    earlier)."""
    uuid = ("gen_random_uuid()" if connection.vendor == "postgresql"
            else "lower(hex(randomblob(16)))")
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO awards_awardrecord (public_id, award_type_id, person_id, unit_id, year,"
            " kind, decision_number, decision_date, issuer, revoked, revoked_reason,"
            " revoking_decision_number, revoking_issuer, source, note, created_at)"
            f" SELECT {uuid}, award_type_id, person_id, unit_id, year - 10, kind,"
            " decision_number, decision_date, issuer, revoked, '', '', '', source, note,"
            " created_at FROM awards_awardrecord")


def _revoke_by_save(people):
    record = AwardRecord.objects.filter(revoked=False).first()
    record.revoked, record.revoked_on = True, DAY
    record.save(update_fields=["revoked", "revoked_on"])


def _revoke_in_bulk(people):
    AwardRecord.objects.filter(year=2020).update(revoked=True)


def _correct_by_save(people):
    record = AwardRecord.objects.filter(revoked=False).first()
    record.year, record.award_type = 2019, AwardType.objects.get(code="cstd_co_so")
    record.save(update_fields=["year", "award_type"])


def _move_in_bulk(people):
    AwardRecord.objects.filter(unit=people[0].unit).update(unit=people[2].unit,
                                                           year=F("year") - 1)


def _delete(people):
    AwardRecord.objects.filter(year=2018).delete()


def _merge(people):
    tree.merge_units(None, [people[2].unit], into=people[0].unit, effective_date=DAY, **ACT)


PATHS = [_orm_save, _bulk_create, _insert_rows, _insert_objects, _raw_insert_select,
         _revoke_by_save, _revoke_in_bulk, _correct_by_save, _move_in_bulk, _delete, _merge]


@pytest.mark.parametrize("path", PATHS, ids=lambda f: f.__name__.strip("_"))
def test_totals_equal_the_ledger_grouped_after_each_write_path(people, path):
    # Records to start from (years no path writes), so updates and deletes have some to change.
    AwardRecord.objects.bulk_create([_record(p.unit, p, 2020, "bang_khen_tinh") for p in people])
    insert_rows(AwardRecord, FIELDS, [_row(_record(p.unit, p, 2018)) for p in people])
    path(people)
    assert kept() == grouped()
    assert grouped() != {}


def test_a_revoked_record_written_adds_nothing(people):
    _record(people[0].unit, people[0], revoked=True).save()
    insert_objects([_record(p.unit, p, revoked=True) for p in people])
    assert (kept(), grouped()) == ({}, {})


def test_post_migrate_puts_the_triggers_back(people):
    award_totals.uninstall(connection)
    _orm_save(people)
    assert kept() == {}  # the test can fail: without the triggers nothing is counted
    award_totals.recount(connection)
    _totals_triggers(sender=apps.get_app_config("awards"), using=connection.alias)
    _bulk_create(people)
    assert kept() == grouped()


# ---------------------------------------------------------------------------- the dashboard
def reference_figures(user, root) -> dict:
    """The dashboard's award figures counted from the records themselves (how they were
    computed before the totals): the definition the totals must reproduce."""

    records = restrict_to_scope(AwardRecord.objects.filter(revoked=False), user,
                                roles=STATISTICS_ROLES)
    if root is not None:
        records = records.filter(unit__in=subtree_ids(root))
    years5 = range(THIS_YEAR - 4, THIS_YEAR + 1)
    by_form = {c: dict.fromkeys(years5, 0) for c in ("title", "form")}
    for row in (records.filter(year__in=years5).order_by()
                .values("award_type__category", "year").annotate(n=Count("id"))):
        by_form[row["award_type__category"]][row["year"]] = row["n"]
    levels, by_level = dashboard.granting_levels(timezone.localdate()), {}
    for row in records.order_by().values("award_type_id").annotate(n=Count("id")):
        level = levels.get(row["award_type_id"], "")
        by_level[level] = by_level.get(level, 0) + row["n"]
    unit_root = root or default_root(user)
    last = THIS_YEAR - 1
    counted = records.filter(year__gte=last - 4, year__lte=last).values("id")
    by_unit = [] if unit_root is None else [
        {"code": r["ancestor__code"], "name": r["ancestor__name"], "last_year": r["last_year"],
         "five_years": r["five_years"]}
        for r in UnitClosure.objects.filter(ancestor__parent=unit_root,
                                            descendant__award_records__in=counted)
        .order_by().values("ancestor__code", "ancestor__name")
        .annotate(five_years=Count("descendant__award_records"),
                  last_year=Count("descendant__award_records",
                                  filter=Q(descendant__award_records__year=last)))
        .order_by("-five_years", "ancestor__code")[:dashboard.TOP_UNITS]]
    trend_years = range(THIS_YEAR - 9, THIS_YEAR + 1)
    trend = dict.fromkeys(trend_years, 0)
    for row in records.filter(year__in=trend_years).order_by().values("year").annotate(
            n=Count("id")):
        trend[row["year"]] = row["n"]
    return {"by_form": by_form, "by_level": by_level, "unit_root": unit_root,
            "by_unit": by_unit, "trend": trend}


def assert_dashboard_parity(users, roots):
    for user in users:
        request = RequestFactory().get("/")
        request.user = user
        for root in roots:
            assert _award_figures(request, root) == reference_figures(user, root), (user, root)


# One operation: (kind, which person, which unit, which award type, year offset).
OPERATIONS = st.lists(st.tuples(
    st.sampled_from(["save", "bulk", "copy", "objects", "raw", "revoke", "revoke_all",
                     "unrevoke", "correct", "move", "delete", "merge", "move_unit",
                     "merge_provinces"]),
    st.integers(0, 5), st.integers(0, 3), st.sampled_from(CODES), st.integers(0, 11)),
    min_size=1, max_size=12)


def _apply(op, people, units):
    kind, who, where, code, back = op
    person, unit, year = people[who], units[where], THIS_YEAR - back
    live = AwardRecord.objects.filter(revoked=False).order_by("pk")
    if kind == "save":
        _record(unit, person, year, code).save()
    elif kind == "bulk":
        AwardRecord.objects.bulk_create([_record(unit, p, year, code) for p in people[who:]])
    elif kind == "copy":
        insert_rows(AwardRecord, FIELDS, [_row(_record(p.unit, p, year, code))
                                          for p in people[:who + 1]])
    elif kind == "objects":
        insert_objects([_record(unit, p, year, code) for p in people[who:]])
    elif kind == "raw":
        _raw_insert_select(people)
    elif kind == "revoke" and (record := live[who:who + 1].first()):
        record.revoked = True
        record.save(update_fields=["revoked"])
    elif kind == "revoke_all":
        AwardRecord.objects.filter(year=year).update(revoked=True)
    elif kind == "unrevoke":
        AwardRecord.objects.filter(revoked=True, person=person).update(revoked=False)
    elif kind == "correct" and (record := live[who:who + 1].first()):
        record.year, record.unit = year, unit
        record.save(update_fields=["year", "unit"])
    elif kind == "move":
        AwardRecord.objects.filter(person=person).update(unit=unit)
    elif kind == "delete":
        AwardRecord.objects.filter(year=year).delete()
    elif kind == "merge":
        tree.merge_units(None, [units[2]], into=units[where % 2], effective_date=DAY, **ACT)
    elif kind == "move_unit":
        tree.move_unit(None, units[1], new_parent=units[2 * (where % 2)], effective_date=DAY,
                       **ACT)
    elif kind == "merge_provinces":  # the other province's root merged into this one
        tree.merge_units(None, [units[3].parent], into=units[where % 3], effective_date=DAY,
                         **ACT)


@pytest.fixture
def commune_b(db):
    """A commune of a second province on the same database: its board's scope is a whole
    province (the province key's path), the first board's too while the two stay apart."""
    other = UnitFactory(code="TINH-2", name="Ủy ban nhân dân tỉnh Bên Cạnh",
                        level=UnitLevel.PROVINCE, kind=UnitKind.PEOPLES_COMMITTEE)
    return UnitFactory(code="XA-B2", name="UBND xã Bên Cạnh", parent=other,
                       level=UnitLevel.COMMUNE, kind=UnitKind.PEOPLES_COMMITTEE)


@settings(max_examples=25, deadline=None, suppress_health_check=[
    HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(operations=OPERATIONS)
def test_dashboard_from_totals_equals_the_records_over_random_writes(
        operations, province, dept_a, school_a, dept_b, commune_b, board_user, officer_a,
        outsider, admin_user):
    with transaction.atomic():  # each example from the same start
        other_board = user_with_role(Role.BOARD_STAFF, commune_b.parent)
        units = [dept_a, school_a, dept_b, commune_b]
        people = [PersonFactory(unit=units[i % 4]) for i in range(6)]
        for op in operations:
            try:
                with transaction.atomic():
                    _apply(op, people, units)
            except (IntegrityError, ValidationError):
                pass  # a live duplicate or a reorganisation refused: rolled back, totals too
            assert kept() == grouped()
        assert_dashboard_parity([board_user, other_board, officer_a, outsider, admin_user],
                                [None])
        assert_dashboard_parity([board_user, admin_user], [dept_a, dept_b])
        transaction.set_rollback(True)
