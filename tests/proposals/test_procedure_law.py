"""The deadlines and the consultation window the law sets live in the law's dated home
(issue 16 point 3): `LegalValue` `procedure.<key>`, loaded from awards/data/procedure.py by the
sync; what a province's own regulation sets stays in `ProcedureParameter`."""

import datetime
import importlib

from django.apps import apps

from awards.data.procedure import PROPOSALS
from awards.data.sync import sync_law
from awards.models import LegalValue
from core.domain.calendar import work_calendar
from proposals.data.parameters import DEFAULTS
from proposals.domain.deadlines import LEGAL_KEYS, due_date, parameter
from proposals.models import ProcedureParameter

START = datetime.date(2026, 11, 2)
moved = importlib.import_module("proposals.migrations.0010_h5_procedure_law_moved")


def test_the_legal_deadlines_are_law_rows_with_their_citation(db):
    row = LegalValue.objects.get(key="procedure.deadline.submitted")
    assert (row.value, row.valid_from, row.citation, row.verified) == (
        5, datetime.date(2024, 1, 1),
        "Quyết định 311/QĐ-BNV/2025 (trả hồ sơ không đủ điều kiện trong 5 ngày làm việc)", True)


def test_a_correction_on_the_law_row_moves_the_deadline(db):
    LegalValue.objects.filter(key="procedure.deadline.appraising").update(value=15)
    assert due_date("appraising", START) == work_calendar().add_working_days(START, 15)


def test_a_new_dated_row_applies_from_its_date_only(db):
    LegalValue.objects.filter(key="procedure.deadline.submitted").update(
        valid_to=datetime.date(2029, 12, 31))
    LegalValue.objects.create(key="procedure.deadline.submitted", value=3,
                              valid_from=datetime.date(2030, 1, 1),
                              citation="Nghị định 999/2029/NĐ-CP (giả định)", verified=False)
    assert (parameter("deadline.submitted", on=datetime.date(2029, 12, 31)),
            parameter("deadline.submitted", on=datetime.date(2030, 1, 1))) == (5, 3)


def test_the_province_table_keeps_only_what_is_not_law(db):
    assert (LEGAL_KEYS, LEGAL_KEYS & set(DEFAULTS),
            set(ProcedureParameter.objects.filter(key__in=LEGAL_KEYS)
                .values_list("key", flat=True))) == (
        {key.removeprefix("procedure.") for key, *_rest in PROPOSALS}, set(), set())


def test_a_provinces_own_value_moves_onto_the_law_row_and_the_sync_keeps_it(db):
    ProcedureParameter.objects.create(key="deadline.appraising", value=15, citation="Quy chế",
                                      verified=False)
    ProcedureParameter.objects.create(key="consultation.working_days", value=10,
                                      citation="Nghị định 152/2025/NĐ-CP", verified=False)
    moved.forward(apps, None)
    report = sync_law(apps)
    rows = dict(LegalValue.objects.filter(key__startswith="procedure.")
                .values_list("key", "value"))
    assert (rows["procedure.deadline.appraising"], rows["procedure.consultation.working_days"],
            ProcedureParameter.objects.filter(key__in=LEGAL_KEYS).exists(),
            report.conflicts) == (15, 10, False, [])
