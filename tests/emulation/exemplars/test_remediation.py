"""Remediation tasks closing the inspection loop (issue 20 point 4): the unit reports completion
with evidence, the board accepts or returns it with a reason (a returned task is the unit's
again, overdue past its deadline); every transition over every state; documents of findings and
conclusion; notifications."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from audit.models import AuditEntry
from core.uploads import open_private
from emulation.exemplars.domain import inspections, remediation
from emulation.exemplars.domain.queries.records import open_tasks, overdue_tasks
from emulation.exemplars.models import (
    InspectionDocument,
    RemediationTask,
    TaskEvidence,
    TaskReport,
)
from emulation.exemplars.models.inspections import TaskState
from notifications.models import Notification
from tests.emulation.helpers import PDF, evidence_file, make_task, make_visit

STEPS = {
    "report": lambda task: remediation.report_completion(
        task, actor=None, note="Đã bổ sung biên bản", files=[evidence_file()]),
    "accept": lambda task: remediation.accept_task(task, actor=None, note="Đạt"),
    "return": lambda task: remediation.return_task(task, actor=None, reason="Thiếu chữ ký"),
}
# (state before, step) → state after; every other pair is refused.
ALLOWED = {("open", "report"): "done", ("returned", "report"): "done",
           ("done", "accept"): "accepted", ("done", "return"): "returned"}


@pytest.fixture
def visit(province, school_a):
    return make_visit(province, school_a, state="concluded")


@pytest.mark.parametrize("step", list(STEPS))
@pytest.mark.parametrize("state", list(TaskState))
def test_every_step_from_every_state(visit, school_a, state, step):
    task = make_task(visit, school_a, state=state)
    audits = AuditEntry.objects.count()
    if (state, step) in ALLOWED:
        STEPS[step](task)
        new = ALLOWED[state, step]
        assert RemediationTask.objects.get(pk=task.pk).state == new
        entry = AuditEntry.objects.order_by("-id").first()
        assert (entry.action, entry.changes) == (
            remediation.ACTIONS[new], {"state": [state, new]})
    else:
        with pytest.raises(ValidationError):
            STEPS[step](task)
        assert (RemediationTask.objects.get(pk=task.pk).state,
                AuditEntry.objects.count()) == (state, audits)


def test_the_table_names_every_state():
    assert set(remediation.TRANSITIONS) == set(TaskState.values)
    assert {(old, new) for old, news in remediation.TRANSITIONS.items() for new in news} == {
        (old, new) for (old, _step), new in ALLOWED.items()}


def test_report_needs_a_note_and_evidence(visit, school_a):
    task = make_task(visit, school_a)
    with pytest.raises(ValidationError) as no_file:
        remediation.report_completion(task, actor=None, note="Đã xong", files=[None])
    with pytest.raises(ValidationError) as no_note:
        remediation.report_completion(task, actor=None, note=" ", files=[evidence_file()])
    assert (no_file.value.message_dict, no_note.value.message_dict) == (
        {"evidence_1": ["Attach at least one evidence file."]},
        {"note": ["Say what was done."]})
    assert RemediationTask.objects.get(pk=task.pk).state == "open"


def test_report_keeps_evidence_privately_and_the_history(visit, school_a):
    task = make_task(visit, school_a)
    remediation.report_completion(task, actor=None, note="Lần 1",
                                  files=[evidence_file("lan-1.pdf")])
    remediation.return_task(task, actor=None, reason="Thiếu chữ ký")
    remediation.report_completion(task, actor=None, note="Lần 2",
                                  files=[evidence_file("lan-2a.pdf"), evidence_file("lan-2b.pdf")])
    remediation.accept_task(task, actor=None)
    assert list(TaskReport.objects.values_list("note", "outcome", "review_note")) == [
        ("Lần 1", "returned", "Thiếu chữ ký"), ("Lần 2", "accepted", "")]
    assert list(TaskEvidence.objects.values_list("report__note", "original_name",
                                                 "file_kind")) == [
        ("Lần 1", "lan-1.pdf", "pdf"), ("Lần 2", "lan-2a.pdf", "pdf"),
        ("Lần 2", "lan-2b.pdf", "pdf")]
    stored = TaskEvidence.objects.first()
    assert stored.path.startswith("remediation/") and "lan-1" not in stored.path
    with open_private(stored.path) as handle:
        assert handle.read() == PDF
    task.refresh_from_db()
    assert (task.state, task.closing_note) == ("accepted", "Lần 2")


def test_return_needs_a_reason_and_reopens_the_task(visit, school_a, officer_a):
    task = make_task(visit, school_a, deadline=datetime.date(2025, 6, 1), state="done")
    with pytest.raises(ValidationError) as refused:
        remediation.return_task(task, actor=None, reason="")
    assert refused.value.message_dict == {"reason": ["Say why the task is returned."]}
    remediation.return_task(task, actor=None, reason="Thiếu chữ ký")
    task.refresh_from_db()
    today = datetime.date(2025, 8, 1)
    assert (task.is_overdue(today), list(open_tasks(officer_a)),
            list(overdue_tasks(officer_a, today))) == (True, [task], [task])


def test_someone_else_reviewed_first(visit, school_a):
    task = make_task(visit, school_a, state="done")
    stale = RemediationTask.objects.get(pk=task.pk)
    remediation.accept_task(task, actor=None)
    with pytest.raises(ValidationError) as refused:
        remediation.return_task(stale, actor=None, reason="Chưa đạt")
    assert refused.value.messages == [
        "The task is “Accepted”: this step does not apply (someone else may already have "
        "done it)."]


def test_each_party_is_told(visit, school_a, officer_a, board_user, outsider):
    task = make_task(visit, school_a)
    remediation.report_completion(task, actor=officer_a, note="Đã xong",
                                  files=[evidence_file()])
    remediation.return_task(task, actor=board_user, reason="Thiếu chữ ký")
    assert list(Notification.objects.order_by("id").values_list(
        "recipient__username", "verb", "url")) == [
        ("officer_a", "emulation.task_set", f"/emulation/inspections/tasks/{task.public_id}/"),
        ("board", "emulation.task_done", f"/emulation/inspections/tasks/{task.public_id}/"),
        ("officer_a", "emulation.task_returned",
         f"/emulation/inspections/tasks/{task.public_id}/")]


def test_findings_and_conclusion_carry_their_documents(province, school_a):
    visit = make_visit(province, school_a)
    inspections.record_findings(visit, actor=None, findings="Thiếu biên bản",
                                minutes=evidence_file("bien-ban.pdf"))
    inspections.conclude_visit(visit, actor=None, conclusion="Bổ sung",
                               notice=evidence_file("thong-bao.pdf"))
    assert list(InspectionDocument.objects.values_list("kind", "original_name",
                                                       "file_kind")) == [
        ("minutes", "bien-ban.pdf", "pdf"), ("conclusion", "thong-bao.pdf", "pdf")]
