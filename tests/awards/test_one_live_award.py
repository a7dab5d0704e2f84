"""One live award per subject, award type and year: the partial unique indexes, the one ledger
writer (`record_awards`) used by manual entry, decision issue and import, and the data
migration that settles duplicates from before (never deleting)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor

from audit.models import AuditEntry
from awards.domain import ledger
from awards.models import AwardRecord, AwardType
from decisions.domain import issuing
from decisions.enums import DecisionState
from decisions.models import NumberSeries
from tests.decisions.helpers import DECIDED_ON, draft_for
from tests.factories import CollectiveFactory, HouseholdFactory, PersonFactory
from tests.proposals.helpers import appraised

D = datetime.date


def raw(subject: dict, unit, *, code="ldtt", year=2024, revoked=False, number="1/QĐ"):
    """A ledger row written past the domain function, as a loader or a script would."""
    return AwardRecord.objects.create(
        award_type=AwardType.objects.get(code=code), unit=unit, year=year, revoked=revoked,
        decision_number=number, decision_date=D(2025, 1, 20), issuer="UBND", **subject)


@pytest.mark.parametrize("kind", ["person", "collective", "household"])
def test_the_database_refuses_a_second_live_award(dept_a, kind):
    subject = {"person": lambda: PersonFactory(unit=dept_a),
               "collective": lambda: CollectiveFactory(unit=dept_a),
               "household": lambda: HouseholdFactory(head=PersonFactory(unit=dept_a))}[kind]()
    code = {"person": "ldtt", "collective": "tt_ldtt", "household": "giay_khen"}[kind]
    raw({kind: subject}, dept_a, code=code)
    with pytest.raises(IntegrityError), transaction.atomic():
        raw({kind: subject}, dept_a, code=code, number="2/QĐ")
    raw({kind: subject}, dept_a, code=code, number="3/QĐ", revoked=True)  # history: allowed
    raw({kind: subject}, dept_a, code=code, year=2023)                   # another year
    assert AwardRecord.objects.count() == 3


def test_revoking_frees_the_place_for_a_new_award(province, dept_a, board_user):
    person = PersonFactory(unit=dept_a)
    first = raw({"person": person}, dept_a)
    first.issuer_unit = province
    first.save()
    ledger.revoke_award(board_user, first, reason="Sai đối tượng", decision_number="4/QĐ",
                        decision_date=D(2026, 1, 5), decision_issuer="Chủ tịch UBND tỉnh")
    again = ledger.record_award(None, award_type=first.award_type, year=2024,
                                decision_number="7/QĐ", decision_date=D(2026, 2, 1),
                                issuer="Chủ tịch UBND tỉnh", person=person)
    assert list(AwardRecord.objects.filter(revoked=False)) == [again]


def test_one_writer_refuses_a_batch_repeating_itself_and_writes_nothing(dept_a):
    person = PersonFactory(unit=dept_a, full_name="Lê Thị Hoa")
    ldtt = AwardType.objects.get(code="ldtt")
    entries = [AwardRecord(award_type=ldtt, person=person, unit=dept_a, year=2024,
                           decision_number=f"{n}/QĐ", decision_date=D(2025, 1, 20),
                           issuer="UBND") for n in (1, 2)]
    with pytest.raises(ledger.LedgerConflict) as refused:
        ledger.record_awards(entries)
    assert refused.value.messages == ["Lê Thị Hoa appears twice for Lao động tiên tiến 2024."]
    assert AwardRecord.objects.count() == 0


def _import_row(person, ldtt, number: str, *, revoked=False) -> tuple:
    values = {"award_type_id": ldtt.pk, "person_id": person.pk, "collective_id": None,
              "unit_id": person.unit_id, "year": 2024, "kind": "cong_trang",
              "decision_number": number, "decision_date": "2025-01-20", "issuer": "UBND",
              "issuer_unit_id": None, "revoked": revoked, "revoked_reason": "",
              "source": "import"}
    return tuple(values[name] for name in ledger.IMPORT_FIELDS)


def test_imported_rows_repeating_themselves_are_named_and_nothing_is_written(dept_a):
    person = PersonFactory(unit=dept_a, full_name="Lê Thị Hoa")
    ldtt = AwardType.objects.get(code="ldtt")
    rows = [_import_row(person, ldtt, "1/QĐ"), _import_row(person, ldtt, "2/QĐ", revoked=True),
            _import_row(person, ldtt, "3/QĐ")]

    with pytest.raises(ledger.LedgerConflict) as refused, transaction.atomic():
        ledger.record_award_rows(rows)

    assert (refused.value.conflicts.keys(), refused.value.messages) == (
        {2}, ["Lê Thị Hoa appears twice for Lao động tiên tiến 2024."])
    assert AwardRecord.objects.count() == 0


def test_imported_row_repeating_the_ledger_names_the_decision_and_keeps_the_transaction(
        dept_a):
    person = PersonFactory(unit=dept_a, full_name="Lê Thị Hoa")
    ldtt = AwardType.objects.get(code="ldtt")
    raw({"person": person}, dept_a, number="7/QĐ")

    with transaction.atomic():
        with pytest.raises(ledger.LedgerConflict) as refused:
            ledger.record_award_rows([_import_row(person, ldtt, "1/QĐ")])
        ledger.record_award_rows([_import_row(person, ldtt, "2/QĐ", revoked=True)])

    assert refused.value.messages == [
        "Lê Thị Hoa was already awarded Lao động tiên tiến for 2024 by decision 7/QĐ dated "
        "20/01/2025 (UBND)."]
    assert sorted(AwardRecord.objects.values_list("decision_number", "revoked")) == [
        ("2/QĐ", True), ("7/QĐ", False)]


def test_decision_issue_is_refused_before_anything_is_written(officer_a, board_user,
                                                             approver_user, dept_a):
    proposal = appraised(officer_a, board_user, dept_a, dept_a, people=2)
    decision = draft_for(board_user, [proposal], dept_a)
    second = decision.items.order_by("ordinal")[1]
    ledger.record_award(None, award_type=second.award_type, year=second.year,
                        decision_number="88/QĐ-SGDĐT", decision_date=D(2025, 12, 1),
                        issuer="Giám đốc Sở", person=second.person)
    audits = AuditEntry.objects.count()
    with pytest.raises(ValidationError) as refused:
        issuing.issue_decision(approver_user, decision, date=DECIDED_ON)
    assert refused.value.messages == [
        f"No. 2: {second.person.full_name} was already awarded Giấy khen for {second.year} by "
        "decision 88/QĐ-SGDĐT dated 01/12/2025 (Giám đốc Sở)."]
    decision.refresh_from_db()
    assert (decision.state, decision.number) == (DecisionState.DRAFT, None)
    assert (AwardRecord.objects.count(), NumberSeries.objects.count(),
            AuditEntry.objects.count()) == (1, 0, audits)


# The data migration: run on a database holding duplicates made before the constraint.
BEFORE = [("awards", "0006_h3_ledger_authority")]


@pytest.mark.django_db(transaction=True)
def test_migration_settles_existing_duplicates_without_deleting(reference_data):
    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes()
    executor.migrate(BEFORE)
    apps = executor.loader.project_state(BEFORE).apps
    Unit = apps.get_model("organisations", "Unit")
    Person = apps.get_model("organisations", "Person")
    Record = apps.get_model("awards", "AwardRecord")
    unit = Unit.objects.create(code="SO-X", name="Sở Nội vụ", level="province",
                               kind="department", path="SO-X")
    person = Person.objects.create(cccd="001085000001", full_name="Phạm Văn Lặp", unit=unit,
                                   birth_date=D(1985, 1, 1), gender="male")
    ldtt = apps.get_model("awards", "AwardType").objects.get(code="ldtt")

    def old_row(number, decided, source="manual", revoked=False):
        return Record.objects.create(award_type=ldtt, person=person, unit=unit, year=2024,
                                     decision_number=number, decision_date=decided,
                                     issuer="Sở Nội vụ", source=source, revoked=revoked).pk

    later = old_row("9/QĐ", D(2025, 3, 1))
    kept = old_row("5/QĐ", D(2025, 2, 1), source="decision")
    earlier = old_row("3/QĐ", D(2025, 1, 1))
    revoked = old_row("1/QĐ", D(2024, 12, 1), revoked=True)
    executor = MigrationExecutor(connection)
    executor.migrate(latest)

    rows = {r.pk: r for r in AwardRecord.objects.all()}
    assert sorted(rows) == sorted([later, kept, earlier, revoked])  # nothing deleted
    assert [pk for pk, r in rows.items() if not r.revoked] == [kept]
    reason = rows[later].revoked_reason
    assert reason.startswith("Bản ghi trùng") and "5/QĐ ngày 01/02/2025" in reason
    assert rows[kept].issuer_unit_id == unit.pk  # the issuer's name is that unit's
    assert AuditEntry.objects.filter(action="awards.record.settle_duplicate").count() == 2
