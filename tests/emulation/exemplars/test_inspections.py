"""Inspections: visit and task transitions from every state, the overdue query, scope."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from audit.models import AuditEntry
from emulation.exemplars.domain import inspections
from emulation.exemplars.domain.queries.records import open_tasks, overdue_tasks, tasks_for_user
from emulation.exemplars.models import InspectionDocument, InspectionVisit
from tests.emulation.helpers import evidence_file, make_task, make_visit

VISIT_STATES = ["planned", "done", "concluded"]
VISIT_STEPS = {
    "findings": (lambda v: inspections.record_findings(v, actor=None, findings="Thiếu hồ sơ"),
                 {"planned": "done"}),
    "conclude": (lambda v: inspections.conclude_visit(v, actor=None, conclusion="Khắc phục"),
                 {"done": "concluded"}),
}


@pytest.mark.parametrize("state", VISIT_STATES)
@pytest.mark.parametrize("name", list(VISIT_STEPS))
def test_visit_transition_from_every_state(board_user, province, school_a, name, state):
    visit = make_visit(province, school_a, state=state)
    step, allowed = VISIT_STEPS[name]
    before = AuditEntry.objects.count()
    if state in allowed:
        assert step(visit).state == allowed[state]
        assert AuditEntry.objects.count() == before + 1
    else:
        with pytest.raises(ValidationError):
            step(visit)
        assert InspectionVisit.objects.get(pk=visit.pk).state == state
        assert AuditEntry.objects.count() == before


@pytest.mark.parametrize("state", VISIT_STATES)
def test_tasks_come_only_from_a_conclusion(province, school_a, state):
    visit = make_visit(province, school_a, state=state)
    if state == "concluded":
        assert make_task(visit, school_a).state == "open"
    else:
        with pytest.raises(ValidationError) as error:
            make_task(visit, school_a)
        assert error.value.messages == ["Tasks come from a conclusion: conclude the visit first."]


def test_deadline_before_the_visit_is_refused(province, school_a):
    visit = make_visit(province, school_a, state="concluded")
    with pytest.raises(ValidationError) as error:
        make_task(visit, school_a, deadline=datetime.date(2025, 1, 1))
    assert error.value.message_dict == {"deadline": ["The deadline is before the visit."]}


def test_overdue_is_computed_from_the_deadline(board_user, officer_a, outsider, province,
                                               school_a, dept_b):
    visit = make_visit(province, school_a, state="concluded")
    late = make_task(visit, school_a, deadline=datetime.date(2025, 6, 1), description="Trễ")
    make_task(visit, school_a, deadline=datetime.date(2025, 6, 1), state="done",
              description="Xong")
    soon = make_task(visit, school_a, deadline=datetime.date(2025, 9, 1), description="Sắp")
    other = make_task(visit, dept_b, deadline=datetime.date(2025, 6, 2), description="Y tế")
    today = datetime.date(2025, 8, 1)
    assert (late.is_overdue(today), soon.is_overdue(today)) == (True, False)
    assert list(overdue_tasks(board_user, today)) == [late, other]
    assert list(open_tasks(officer_a)) == [late, soon]
    assert list(overdue_tasks(outsider, today)) == [other]
    assert tasks_for_user(outsider).count() == 1


def test_plan_year_binds_the_visit_date(province, school_a):
    plan = make_visit(province, school_a).plan
    with pytest.raises(ValidationError) as error:
        inspections.schedule_visit(plan, actor=None, inspected_unit=school_a,
                                   date=datetime.date(2024, 3, 1), team="x")
    assert error.value.message_dict == {"date": ["The date must fall in the plan's year 2025."]}


def test_the_visit_table_moves_exactly_as_before():
    assert inspections.VISIT.graph() == {"planned": {"done"}, "done": {"concluded"},
                                         "concluded": set()}


def test_refused_findings_name_the_visit_and_store_no_minutes(province, school_a):
    visit = make_visit(province, school_a, state="done")
    with pytest.raises(ValidationError) as error:
        inspections.record_findings(visit, actor=None, findings="Lần hai",
                                    minutes=evidence_file("bien-ban-2.pdf"))
    assert error.value.messages == [
        f"The visit to {school_a} is inspected; this step does not apply."]
    assert InspectionDocument.objects.filter(visit=visit).count() == 0


def test_findings_audit_names_the_minutes_stored(province, school_a):
    visit = make_visit(province, school_a)
    inspections.record_findings(visit, actor=None, findings=" Thiếu hồ sơ ",
                                minutes=evidence_file("bien-ban-kiem-tra.pdf"))
    entry = AuditEntry.objects.get(action="emulation.inspection.findings")
    visit.refresh_from_db()
    assert (visit.findings, entry.unit_id, entry.changes) == (
        "Thiếu hồ sơ", province.pk,
        {"state": ["planned", "done"], "document": [None, "bien-ban-kiem-tra.pdf"]})
