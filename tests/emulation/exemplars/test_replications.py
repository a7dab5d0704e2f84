"""Replicating exemplary models (issue 20 point 3): the board assigns a recognised model to a
unit, the unit reports progress until replicated; withdrawing the model closes its open
replications with the reason; every transition over every state; the portal says where the
model spread."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from audit.models import AuditEntry
from emulation.exemplars.domain import exemplars, replications
from emulation.exemplars.models import Replication
from emulation.exemplars.models.replications import ReplicationState
from notifications.models import Notification
from tests.emulation.helpers import make_exemplar

pytestmark = pytest.mark.django_db

STEPS = {
    "report": lambda r: replications.report_progress(r, actor=None, note="Đã triển khai"),
    "complete": lambda r: replications.report_progress(r, actor=None, note="Xong", done=True),
    "close": lambda r: replications.set_replication_state(r, "closed", actor=None,
                                                          note="Không còn hiệu quả"),
}
ALLOWED = {("assigned", "report"): "in_progress", ("in_progress", "report"): "in_progress",
           ("assigned", "complete"): "completed", ("in_progress", "complete"): "completed",
           ("assigned", "close"): "closed", ("in_progress", "close"): "closed"}


def make_replication(exemplar, unit, state="assigned"):
    replication = replications.assign_replication(exemplar, actor=None, unit=unit)
    if state == "in_progress":
        STEPS["report"](replication)
    elif state == "completed":
        STEPS["complete"](replication)
    elif state == "closed":
        STEPS["close"](replication)
    replication.refresh_from_db()
    return replication


@pytest.fixture
def exemplar(dept_a):
    return make_exemplar(dept_a, state="published")


@pytest.mark.parametrize("step", list(STEPS))
@pytest.mark.parametrize("state", list(ReplicationState))
def test_every_step_from_every_state(exemplar, school_a, state, step):
    replication = make_replication(exemplar, school_a, state)
    audits = AuditEntry.objects.count()
    if (state, step) in ALLOWED:
        STEPS[step](replication)
        new = ALLOWED[state, step]
        assert Replication.objects.get(pk=replication.pk).state == new
        entry = AuditEntry.objects.order_by("-id").first()
        assert (entry.action, entry.changes) == (replications.ACTIONS[new],
                                                 {"state": [state, new]})
    else:
        with pytest.raises(ValidationError):
            STEPS[step](replication)
        assert (Replication.objects.get(pk=replication.pk).state,
                AuditEntry.objects.count()) == (state, audits)


def test_the_table_names_every_state():
    assert set(replications.TRANSITIONS) == set(ReplicationState.values)
    assert {(old, new) for old, news in replications.TRANSITIONS.items() for new in news} == {
        (old, new) for (old, _step), new in ALLOWED.items()}


@pytest.mark.parametrize("state", ["draft", "withdrawn"])
def test_only_a_recognised_model_is_replicated(dept_a, school_a, state):
    with pytest.raises(ValidationError):
        replications.assign_replication(make_exemplar(dept_a, state=state), actor=None,
                                        unit=school_a)


def test_a_unit_is_assigned_once_and_notified(exemplar, school_a):
    from accounts.enums import Role
    from tests.factories import user_with_role
    officer = user_with_role(Role.UNIT_OFFICER, school_a, username="school")
    make_replication(exemplar, school_a)
    with pytest.raises(ValidationError) as error:
        replications.assign_replication(exemplar, actor=None, unit=school_a)
    assert list(error.value.message_dict) == ["unit"]
    assert Notification.objects.filter(recipient=officer,
                                       verb="emulation.replication_assigned").count() == 1


def test_withdrawing_the_model_closes_its_open_replications(exemplar, school_a, dept_a,
                                                            province):
    running = make_replication(exemplar, school_a, "in_progress")
    done = make_replication(exemplar, dept_a, "completed")
    exemplars.withdraw_exemplar(exemplar, actor=None, reason="Không còn hiệu quả")
    assert [(r.pk, r.state, r.closing_reason) for r in Replication.objects.order_by("pk")] == [
        (running.pk, "closed", "Không còn hiệu quả"), (done.pk, "completed", "")]


def test_portal_story_says_where_it_spread(client, exemplar, school_a, dept_a):
    make_replication(exemplar, school_a, "completed")
    make_replication(exemplar, dept_a, "assigned")  # not started: not claimed as spread
    page = client.get(reverse("portal:exemplar_detail", args=[exemplar.public_id]))
    assert page.context["spread"] == [school_a.name]
