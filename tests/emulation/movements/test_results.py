"""Movement results (issue 20 point 1–2): per unit and per registered title, entered by the
unit and confirmed by the board; every transition over every state; closing warns of pending
registrations; the confirmed achievers become the nominees of a drafted award proposal linked
to the movement."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from accounts.enums import Role
from audit.models import AuditEntry
from awards.models import AwardType
from emulation.movements.domain import results
from emulation.movements.models import TitleResult, UnitResult
from emulation.movements.models.results import ResultState
from notifications.models import Notification
from tests.emulation.movement_helpers import make_movement, make_registration, make_result
from tests.factories import CollectiveFactory, PersonFactory, user_with_role

pytestmark = pytest.mark.django_db

STEPS = {
    "submit": lambda r: results.submit_result(r, actor=None),
    "confirm": lambda r: results.confirm_result(r, actor=None),
    "return": lambda r: results.return_result(r, actor=None, reason="Thiếu số liệu"),
}
# (state before, step) → state after; every other pair is refused.
ALLOWED = {("draft", "submit"): "submitted", ("returned", "submit"): "submitted",
           ("submitted", "confirm"): "confirmed", ("submitted", "return"): "returned"}


@pytest.fixture
def teacher(school_a):
    return PersonFactory(unit=school_a, full_name="Trần Thị Bình")


@pytest.fixture
def team(school_a):
    return CollectiveFactory(unit=school_a, name="Tổ Toán")


@pytest.fixture
def movement(province, dept_a):
    return make_movement(province, [dept_a], state="mid_reviewed")


@pytest.fixture
def review(movement):
    return movement.reviews.get()


@pytest.fixture
def registration(movement, school_a, teacher, team):
    return make_registration(movement, school_a, state="approved", entries=[
        (teacher, AwardType.objects.get(code="cstd_co_so")),
        (team, AwardType.objects.get(code="tt_ldxs"))])


@pytest.mark.parametrize("step", list(STEPS))
@pytest.mark.parametrize("state", list(ResultState))
def test_every_step_from_every_state(review, registration, state, step):
    result = make_result(review, registration, state=state)
    audits = AuditEntry.objects.count()
    if (state, step) in ALLOWED:
        STEPS[step](result)
        new = ALLOWED[state, step]
        assert UnitResult.objects.get(pk=result.pk).state == new
        entry = AuditEntry.objects.order_by("-id").first()
        assert (entry.action, entry.changes) == (results.ACTIONS[new], {"state": [state, new]})
    else:
        with pytest.raises(ValidationError):
            STEPS[step](result)
        assert (UnitResult.objects.get(pk=result.pk).state,
                AuditEntry.objects.count()) == (state, audits)


def test_the_table_names_every_state():
    assert set(results.TRANSITIONS) == set(ResultState.values)
    assert {(old, new) for old, news in results.TRANSITIONS.items() for new in news} == {
        (old, new) for (old, _step), new in ALLOWED.items()}


def test_a_stale_expected_state_is_refused(review, registration):
    result = make_result(review, registration, state="submitted")
    with pytest.raises(ValidationError):
        results.set_result_state(result, "confirmed", actor=None, expected="draft")
    assert UnitResult.objects.get(pk=result.pk).state == "submitted"


def test_enter_records_unit_and_title_results(review, registration, teacher):
    mine = registration.entries.get(person=teacher)
    result = results.enter_result(
        review, registration, actor=None, targets="Tỷ lệ lên lớp 100%", figures="99%",
        achieved=True, titles={mine.pk: True})
    assert (result.targets, result.figures, result.achieved, result.state) == (
        "Tỷ lệ lên lớp 100%", "99%", True, "draft")
    assert sorted((str(t.entry.subject), t.achieved) for t in result.titles.all()) == [
        ("Trần Thị Bình", True), ("Tổ Toán", False)]
    entry = AuditEntry.objects.filter(action="emulation.result.enter").get()
    assert entry.changes["figures"] == [None, "99%"]


def test_correcting_a_returned_result_is_audited_old_to_new(review, registration):
    result = make_result(review, registration, state="returned")
    results.enter_result(review, registration, actor=None, targets=result.targets,
                         figures="99,1%", achieved=True, titles={})
    entry = AuditEntry.objects.filter(action="emulation.result.enter").order_by("-id").first()
    assert entry.changes["figures"] == ["98,5% học sinh lên lớp", "99,1%"]
    assert TitleResult.objects.filter(result=result, achieved=True).count() == 0


@pytest.mark.parametrize("state", ["submitted", "confirmed"])
def test_a_submitted_or_confirmed_result_cannot_be_changed(review, registration, state):
    make_result(review, registration, state=state)
    with pytest.raises(ValidationError) as error:
        results.enter_result(review, registration, actor=None, targets="x", figures="y",
                             achieved=False, titles={})
    assert "Trường THPT Chuyên" in error.value.messages[0]


@pytest.mark.parametrize("state", ["draft", "submitted", "returned"])
def test_only_an_approved_registration_has_results(review, movement, dept_a, state):
    registration = make_registration(movement, dept_a, state=state)
    with pytest.raises(ValidationError) as error:
        results.enter_result(review, registration, actor=None, targets="x", figures="y",
                             achieved=True, titles={})
    assert list(error.value.message_dict) == ["registration"]


def test_empty_targets_and_figures_are_named(review, registration):
    with pytest.raises(ValidationError) as error:
        results.enter_result(review, registration, actor=None, targets=" ", figures="",
                             achieved=True, titles={})
    assert sorted(error.value.message_dict) == ["figures", "targets"]


def test_submission_notifies_the_board_and_return_the_unit(review, registration, board_user,
                                                           school_a):
    school_officer = user_with_role(Role.UNIT_OFFICER, school_a, username="school")
    result = make_result(review, registration, state="submitted")
    assert Notification.objects.filter(recipient=board_user,
                                       verb="emulation.result_submitted").count() == 1
    results.return_result(result, actor=board_user, reason="Thiếu số liệu")
    note = Notification.objects.get(recipient=school_officer, verb="emulation.result_returned")
    assert (note.body, UnitResult.objects.get(pk=result.pk).return_reason) == (
        "Thiếu số liệu", "Thiếu số liệu")


def test_pending_registrations_lists_the_undecided(movement, school_a, dept_a, registration):
    pending = make_registration(movement, dept_a, state="submitted")
    assert list(results.pending_registrations(movement)) == [pending]


def test_draft_award_proposal_from_confirmed_achievers(review, registration, movement,
                                                       province, board_user, teacher,
                                                       dept_a):
    other = make_registration(movement, dept_a, state="approved", entries=[
        (PersonFactory(unit=dept_a), AwardType.objects.get(code="cstd_co_so"))])
    make_result(review, registration, state="confirmed")
    make_result(review, other, state="submitted")  # not confirmed: not proposed
    proposal = results.draft_award_proposal(review, actor=board_user, recipient_unit=province)
    assert (proposal.movement, proposal.unit, proposal.track, proposal.state) == (
        movement, province, "annual", "draft")
    assert sorted((n.subject_name, n.award_type.code) for n in proposal.nominees.all()) == [
        ("Trần Thị Bình", "cstd_co_so"), ("Tổ Toán", "tt_ldxs")]
    assert AuditEntry.objects.filter(action="emulation.result.propose").get().changes == {
        "proposal": [None, proposal.code]}


def test_draft_award_proposal_needs_an_achiever(review, registration, province, board_user):
    make_result(review, registration, state="confirmed", achieved=False)
    with pytest.raises(ValidationError):
        results.draft_award_proposal(review, actor=board_user, recipient_unit=province)


def test_a_thematic_movement_proposes_on_the_thematic_track(province, dept_a, school_a,
                                                            teacher, board_user):
    movement = make_movement(province, [dept_a], state="mid_reviewed", kind="thematic")
    registration = make_registration(movement, school_a, state="approved", entries=[
        (teacher, AwardType.objects.get(code="cstd_co_so"))])
    review = movement.reviews.get()
    make_result(review, registration, state="confirmed")
    proposal = results.draft_award_proposal(review, actor=board_user, recipient_unit=province)
    assert proposal.track == "thematic"


def test_result_review_dates(review):
    assert review.date == datetime.date(2025, 6, 30)
