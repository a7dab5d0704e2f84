"""The engine's parameters read from the law tables, row for row, and kept per process."""

import datetime

import pytest
from django.db import connection, transaction
from django.db.models import Q
from django.test.utils import CaptureQueriesContext

from awards.data.lawbook import Row
from awards.domain.granting import in_force, powers
from awards.domain.parameters import CatalogueParameters, law_tables, one_reading
from awards.enums import AuthorityPower
from awards.models import AwardParameter, AwardType, GrantingAuthority, LegalValue
from organisations.models import Unit
from proposals.domain.deadlines import LEGAL_KEYS, parameter

pytestmark = pytest.mark.django_db


def test_the_rows_are_the_law_tables_rows(db):
    LegalValue.objects.create(key="procedure.test_days", value=7,
                              valid_from=datetime.date(2024, 1, 1), citation="Điều 1",
                              verified=False)
    AwardParameter.objects.create(award_type=AwardType.objects.get(code="ldtt"),
                                  key="coefficient_individual", value="0.3",
                                  valid_from=datetime.date(2024, 1, 1),
                                  valid_to=datetime.date(2025, 6, 30), citation="Điều 2")
    expected = [Row(v.key, v.value, v.valid_from, v.valid_to, v.citation, v.verified)
                for v in LegalValue.objects.all()]
    expected += [Row(p.key, p.value, p.valid_from, p.valid_to, p.citation, p.verified,
                     award=p.award_type.code)
                 for p in AwardParameter.objects.filter(key__startswith="coefficient_")]
    rows = CatalogueParameters()._rows
    assert sorted((r for found in rows.values() for r in found), key=repr) \
        == sorted(expected, key=repr)
    assert CatalogueParameters().value("procedure.test_days", datetime.date(2024, 5, 1)) \
        .value == 7


# The law tables kept per process (issue 14, session 11 h3): every way of writing them moves
# the stamp the database keeps, so a process never answers from a reading that is out of date.

D = datetime.date
JULY = D(2026, 7, 1)


def _queries(call) -> tuple[object, int]:
    with CaptureQueriesContext(connection) as queries:
        result = call()
    return result, len(queries)


def test_the_law_tables_are_read_again_only_when_they_change():
    first = law_tables()
    again, count = _queries(law_tables)
    assert (again is first, count) == (True, 1)  # the stamp only
    LegalValue.objects.filter(key="base_salary").update(citation="Nghị định mới")
    assert law_tables() is not first


def _base_salary(on=JULY):
    return law_tables().params.value("base_salary", on).value


def _ordinary_save():
    row = LegalValue.objects.get(key="base_salary", valid_from=D(2026, 7, 1))
    row.value = 1
    row.save()


def _bulk_update():
    rows = list(LegalValue.objects.filter(key="base_salary", valid_from=D(2026, 7, 1)))
    rows[0].value = 1
    LegalValue.objects.bulk_update(rows, ["value"])


def _queryset_update():
    LegalValue.objects.filter(key="base_salary", valid_from=D(2026, 7, 1)).update(value=1)


def _hand_written_sql():
    with connection.cursor() as cursor:
        cursor.execute("UPDATE awards_legalvalue SET value = %s WHERE key = %s AND "
                       "valid_from = %s", ["1", "base_salary", D(2026, 7, 1)])


def _bulk_create():
    LegalValue.objects.bulk_create([LegalValue(key="base_salary", value=1,
                                               valid_from=D(2026, 7, 2), citation="Điều 1")])


def _delete_and_insert():
    LegalValue.objects.filter(key="base_salary", valid_from=D(2026, 7, 1)).delete()
    LegalValue.objects.create(key="base_salary", value=1, valid_from=D(2026, 6, 30),
                              citation="Điều 1")


@pytest.mark.parametrize("write", [_ordinary_save, _bulk_update, _queryset_update,
                                   _hand_written_sql, _bulk_create, _delete_and_insert])
def test_every_way_of_writing_a_legal_value_is_seen(write):
    assert _base_salary(D(2026, 7, 3)) != 1  # the tables read (and kept) before the write
    write()
    assert _base_salary(D(2026, 7, 3)) == 1


def test_a_changed_award_parameter_authority_and_code_are_seen():
    ldtt = AwardType.objects.get(code="ldtt")
    tables = law_tables()
    documents = tables.award_parameter(ldtt.pk, "documents", D(2026, 1, 1))
    AwardParameter.objects.filter(pk=documents.pk).update(value=["x"])
    assert law_tables().award_parameter(ldtt.pk, "documents", D(2026, 1, 1)).value == ["x"]
    GrantingAuthority.objects.filter(award_type=ldtt).delete()
    assert [a for rows in law_tables().authorities.values() for a in rows
            if a.award_type_id == ldtt.pk] == []
    AwardType.objects.filter(pk=ldtt.pk).update(code="ldtt_moi")
    assert law_tables().codes[ldtt.pk] == "ldtt_moi"


def test_a_rolled_back_write_is_never_taken_for_a_later_one():
    """A counter would give the rolled-back write's number to the next write: the reading
    made inside the rolled-back transaction would then pass for the committed one."""
    with pytest.raises(RuntimeError), transaction.atomic():
        _queryset_update()
        assert _base_salary() == 1  # read, and kept, inside the transaction
        raise RuntimeError("rolled back")
    LegalValue.objects.filter(key="base_salary", valid_from=D(2026, 7, 1)).update(value=2)
    assert _base_salary() == 2


def test_one_reading_checks_the_stamp_once():
    def three_reads():
        with one_reading():
            return [law_tables(), law_tables(), law_tables()]

    law_tables()  # warm
    tables, count = _queries(three_reads)
    assert (count, tables[0] is tables[1] is tables[2]) == (1, True)
    assert _queries(law_tables)[1] == 1  # the block ended: each call checks again


def test_the_kept_award_parameters_answer_as_the_query_did():
    """Every form, key and a date on each side of every row's bounds: the kept rows give
    the row the query `valid_from <= on`, `valid_to` empty or `>= on`, newest first gave."""
    tables = law_tables()
    for row in AwardParameter.objects.all():
        days = {row.valid_from, row.valid_from - datetime.timedelta(days=1)}
        days |= {row.valid_to, row.valid_to + datetime.timedelta(days=1)} if row.valid_to \
            else set()
        for on in days:
            expected = (AwardParameter.objects.filter(award_type_id=row.award_type_id,
                                                      key=row.key, valid_from__lte=on)
                        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=on))
                        .order_by("-valid_from").first())
            assert tables.award_parameter(row.award_type_id, row.key, on) == expected


def test_the_kept_procedure_values_answer_as_the_query_did():
    for key in LEGAL_KEYS:
        for row in LegalValue.objects.filter(key=f"procedure.{key}"):
            for on in (row.valid_from, row.valid_from - datetime.timedelta(days=1)):
                expected = (LegalValue.objects.filter(key=f"procedure.{key}", valid_from__lte=on)
                            .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=on))
                            .order_by("-valid_from").values_list("value", flat=True).first())
                assert parameter(key, "none", on) == ("none" if expected is None else expected)


def test_the_kept_powers_answer_as_the_query_did():
    award_types = list(AwardType.objects.all())
    pairs = set(GrantingAuthority.objects.values_list("unit_level", "unit_kind"))
    for level, kind in pairs:
        for on in (D(2024, 12, 31), D(2025, 6, 30), D(2025, 7, 1), D(2026, 12, 6)):
            expected = {}
            for award_id, power in in_force(on).filter(unit_level=level, unit_kind=kind) \
                    .values_list("award_type_id", "power"):
                if expected.get(award_id) != AuthorityPower.GRANTS:
                    expected[award_id] = power
            assert powers(Unit(level=level, kind=kind), award_types, on) == expected
