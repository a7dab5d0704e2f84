"""The one state-change mechanism (core/state.py), exercised on a small machine over ExportJob
(a model with a plain `state` column and no side effects of its own)."""

import itertools

import pytest
import rules
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from audit.domain.record import record
from audit.models import AuditEntry
from core import state
from reports.enums import ExportState as S
from reports.models import ExportJob
from tests.factories import UserFactory

NOTICES = []

MACHINE = state.Machine(
    name="tests.job", model=ExportJob, states=S, audit=record,
    notify=lambda job, old, new, actor, reason: NOTICES.append((job.pk, old, new, reason)),
    transitions=(
        state.step("start", S.QUEUED, S.RUNNING, "Start", permission="tests.start_job"),
        state.step("finish", S.RUNNING, S.DONE, "Finish", irreversible=True),
        state.step("fail", (S.QUEUED, S.RUNNING), S.FAILED, "Fail", needs_reason=True,
                   refusal="Only an open job can fail, not a %(state_lower)s one."),
    ))
CONDITIONAL = state.Machine(name="tests.job", model=ExportJob, states=S, lock="update",
                            audit=record, transitions=MACHINE.transitions)
PAIRS = {(s, t.target) for t in MACHINE.transitions for s in t.sources}


@pytest.fixture
def actor(db):
    return UserFactory(username="nguoi.lam")


@pytest.fixture
def job(actor):
    return ExportJob.objects.create(requested_by=actor, kind="ledger", file_format="xlsx",
                                    title="Sổ khen thưởng")


@pytest.fixture(autouse=True)
def permission():
    rules.add_perm("tests.start_job",
                   rules.predicate(lambda user, obj: user.username == "nguoi.lam"))
    NOTICES.clear()
    yield
    rules.remove_perm("tests.start_job")


def _at(job, value):
    ExportJob.objects.filter(pk=job.pk).update(state=value)
    job.state = value
    return job


@pytest.mark.parametrize("machine", [MACHINE, CONDITIONAL], ids=["row", "update"])
@pytest.mark.parametrize("old,new", list(itertools.product(S.values, S.values)))
def test_transition_to_follows_the_table_over_every_pair(machine, job, actor, old, new):
    _at(job, old)
    if (old, new) in PAIRS:
        state.transition_to(job, machine, new, actor, reason="hỏng")
        assert ExportJob.objects.get(pk=job.pk).state == new
        assert job.state == new
    else:
        with pytest.raises(state.StateError):
            state.transition_to(job, machine, new, actor, reason="hỏng")
        assert ExportJob.objects.get(pk=job.pk).state == old


def test_transition_audits_old_and_new_with_reason_and_changes(job, actor):
    state.transition(job, MACHINE, "fail", actor, reason="Hết bộ nhớ",
                     changes={"rows": [0, 5]}, fields={"error": "Hết bộ nhớ"})
    entry = AuditEntry.objects.get(action="tests.job.fail")
    assert (entry.changes, entry.reason) == ({"state": ["queued", "failed"], "rows": [0, 5]},
                                             "Hết bộ nhớ")
    assert ExportJob.objects.get(pk=job.pk).error == "Hết bộ nhớ"


def test_transition_uses_the_step_refusal_message(job, actor):
    _at(job, S.DONE)
    with pytest.raises(state.StateError) as refused:
        state.transition(job, MACHINE, "fail", actor, reason="x")
    assert refused.value.messages == [
        f"Only an open job can fail, not a {str(S.DONE.label).lower()} one."]


def test_transition_without_a_needed_reason_is_refused_and_nothing_moves(job, actor):
    with pytest.raises(ValidationError) as refused:
        state.transition(job, MACHINE, "fail", actor, reason="  ")
    assert refused.value.message_dict == {"reason": [_("Give a reason.")]}
    assert ExportJob.objects.get(pk=job.pk).state == S.QUEUED
    assert AuditEntry.objects.filter(action="tests.job.fail").count() == 0


def test_transition_with_a_stale_expected_state_says_someone_else_moved_it(job, actor):
    _at(job, S.RUNNING)
    job.state = S.QUEUED  # the page was loaded before someone else started the job
    with pytest.raises(state.StaleState):
        state.transition(job, MACHINE, "fail", actor, reason="x", expected=S.QUEUED)


def test_conditional_update_moves_a_retried_job_once(job, actor):
    twin = ExportJob.objects.get(pk=job.pk)
    state.transition(job, CONDITIONAL, "start", actor)
    with pytest.raises(state.StaleState):
        state.transition(twin, CONDITIONAL, "start", actor)  # twin still believes "queued"
    assert AuditEntry.objects.filter(action="tests.job.start").count() == 1


def test_notice_is_queued_until_commit(django_capture_on_commit_callbacks, job, actor):
    with django_capture_on_commit_callbacks() as callbacks:
        state.transition(job, MACHINE, "start", actor)
        assert NOTICES == []
    for callback in callbacks:
        callback()
    assert list(NOTICES) == [(job.pk, S.QUEUED, S.RUNNING, "")]


def test_transition_on_a_queryset_moves_only_rows_in_a_source_state(actor, job):
    other = ExportJob.objects.create(requested_by=actor, kind="ledger", file_format="csv",
                                     title="Khác", state=S.DONE)
    moved = state.transition(ExportJob.objects.filter(pk__in=[job.pk, other.pk]), MACHINE,
                             "start", actor)
    assert [j.pk for j in moved] == [job.pk]
    assert dict(ExportJob.objects.values_list("pk", "state")) == {job.pk: S.RUNNING,
                                                                   other.pk: S.DONE}


def test_available_actions_lists_steps_from_this_state_the_user_may_take(job, actor):
    outsider = UserFactory(username="nguoi.ngoai")
    assert [t.name for t in state.available_actions(MACHINE, job, actor)] == ["start"]
    assert state.available_actions(MACHINE, job, outsider) == []
    assert state.available_actions(MACHINE, _at(job, S.RUNNING), actor) == []


def test_state_predicate_reads_the_sources_from_the_table(job, actor):
    can_fail = state.state_predicate(MACHINE, "fail")
    assert [can_fail(actor, _at(job, s)) for s in S.values] == [
        s in (S.QUEUED, S.RUNNING) for s in S.values]
    assert can_fail(actor) is True


def test_graph_and_reason_required_are_derived_from_the_transitions():
    assert MACHINE.graph() == {S.QUEUED: {S.RUNNING, S.FAILED}, S.RUNNING: {S.DONE, S.FAILED},
                               S.DONE: frozenset(), S.FAILED: frozenset()}
    assert MACHINE.reason_required() == {S.FAILED}


def test_a_machine_naming_an_unknown_state_or_a_duplicate_step_is_refused():
    with pytest.raises(ValueError):
        state.Machine(name="x", model=ExportJob, states=S,
                      transitions=(state.step("a", "nowhere", S.DONE),))
    with pytest.raises(ValueError):
        state.Machine(name="x", model=ExportJob, states=S,
                      transitions=(state.step("a", S.QUEUED, S.DONE),
                                   state.step("a", S.RUNNING, S.DONE)))


def test_mermaid_draws_every_edge_and_the_final_states():
    assert state.mermaid(MACHINE).splitlines() == [
        "stateDiagram-v2",
        "    queued --> running: start",
        "    running --> done: finish",
        "    queued --> failed: fail",
        "    running --> failed: fail",
        "    done --> [*]",
        "    failed --> [*]",
    ]


def test_transition_on_a_queryset_of_a_machine_without_audit_is_one_update(actor, job,
                                                                          django_assert_num_queries):
    quiet = state.Machine(name="tests.quiet", model=ExportJob, states=S,
                          transitions=MACHINE.transitions)
    with django_assert_num_queries(1):
        moved = state.transition(ExportJob.objects.filter(pk=job.pk), quiet, "start", actor)
    assert (moved, ExportJob.objects.get(pk=job.pk).state) == (1, S.RUNNING)
