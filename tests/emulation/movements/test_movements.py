"""Movements: numbering, membership pushed down the tree, scope, every transition from every
state, directive documents."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils import timezone

from audit.models import AuditEntry
from emulation.movements.domain import movements
from emulation.movements.domain.queries.movements import (
    member_units,
    movements_for_user,
    takes_part,
)
from emulation.movements.enums import MovementState
from tests.emulation.movement_helpers import make_movement, make_plan

pytestmark = pytest.mark.django_db
STATES = list(MovementState.values)
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def pdf_upload(name="ke-hoach.pdf"):
    from core.uploads import sniff

    uploaded = ContentFile(PDF, name=name)
    uploaded.kind = sniff(uploaded)
    return uploaded


def test_codes_are_numbered_by_year(province, dept_a):
    first, second = make_movement(province, [dept_a]), make_movement(province, [dept_a])
    assert (first.code, second.code) == ("PT-2025-0001", "PT-2025-0002")
    assert AuditEntry.objects.filter(action="emulation.movement.create").count() == 2


def test_participation_includes_the_subtree(province, dept_a, school_a, dept_b):
    movement = make_movement(province, [dept_a])
    assert sorted(u.code for u in member_units(movement)) == ["SO-A", "TRUONG-A"]
    assert (takes_part(movement, school_a), takes_part(movement, dept_b)) == (True, False)


def test_visible_to_organiser_and_participants_only(province, dept_a, dept_b, school_a,
                                                    board_user, officer_a, outsider):
    movement = make_movement(dept_a, [school_a])
    province_wide = make_movement(province, [province], name="Thi đua toàn tỉnh")
    assert list(movements_for_user(officer_a).order_by("code")) == [movement, province_wide]
    assert list(movements_for_user(outsider)) == [province_wide]
    assert movements_for_user(board_user).count() == 2


def test_create_refuses_end_before_start_and_no_participants(province):
    with pytest.raises(ValidationError) as error:
        movements.create_movement(actor=None, participants=[], name="X", kind="regular",
                                  organiser=province, start_date=datetime.date(2025, 5, 1),
                                  end_date=datetime.date(2025, 1, 1), plan=None)
    assert error.value.message_dict == {
        "end_date": ["The end date is before the start date."],
        "participants": ["Choose at least one participating unit."]}


def test_plan_must_be_the_organisers(province, dept_a):
    plan = make_plan(dept_a)
    with pytest.raises(ValidationError) as error:
        movements.create_movement(actor=None, participants=[dept_a], name="X", kind="regular",
                                  organiser=province, start_date=datetime.date(2025, 5, 1),
                                  end_date=None, plan=plan)
    assert list(error.value.message_dict) == ["plan"]


@pytest.mark.parametrize("state", STATES)
def test_launch_from_each_state(province, dept_a, state):
    movement = make_movement(province, [dept_a], state=state)
    if state == "draft":
        assert movements.launch_movement(movement, actor=None).state == "launched"
    else:
        with pytest.raises(ValidationError):
            movements.launch_movement(movement, actor=None)


@pytest.mark.parametrize("state", STATES)
def test_mid_review_from_each_state(province, dept_a, state):
    movement = make_movement(province, [dept_a], state=state)
    review = {"date": datetime.date(2025, 7, 1), "report": "Sơ kết"}
    if state in ("launched", "mid_reviewed"):
        assert movements.record_mid_review(movement, actor=None, **review).state == \
            "mid_reviewed"
        assert movement.reviews.filter(kind="mid").exists()
    else:
        with pytest.raises(ValidationError):
            movements.record_mid_review(movement, actor=None, **review)


@pytest.mark.parametrize("state", STATES)
def test_close_from_each_state(province, dept_a, state, settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    movement = make_movement(province, [dept_a], state=state)
    review = {"date": datetime.date(2025, 12, 1), "report": "Tổng kết",
              "uploaded": pdf_upload("bao-cao.pdf")}
    if state in ("launched", "mid_reviewed"):
        assert movements.close_movement(movement, actor=None, **review).state == "closed"
        final = movement.reviews.get(kind="final")
        assert (final.original_name, final.file_kind) == ("bao-cao.pdf", "pdf")
    else:
        with pytest.raises(ValidationError):
            movements.close_movement(movement, actor=None, **review)


@pytest.mark.parametrize("state", STATES)
def test_stop_from_each_state(province, dept_a, state):
    movement = make_movement(province, [dept_a], state=state)
    if state in ("draft", "launched", "mid_reviewed"):
        stopped = movements.stop_movement(movement, actor=None, reason="Hình thức")
        assert (stopped.state, stopped.stop_reason) == ("stopped", "Hình thức")
        assert AuditEntry.objects.get(action="emulation.movement.stop").reason == "Hình thức"
    else:
        with pytest.raises(ValidationError):
            movements.stop_movement(movement, actor=None, reason="Hình thức")


def test_stop_needs_a_reason(province, dept_a):
    with pytest.raises(ValidationError) as error:
        movements.stop_movement(make_movement(province, [dept_a]), actor=None, reason=" ")
    assert error.value.message_dict == {"reason": ["Give a reason."]}


def test_the_movement_table_allows_what_the_functions_always_did():
    assert movements.MOVEMENT.graph() == {
        "draft": {"launched", "stopped"},
        "launched": {"mid_reviewed", "closed", "stopped"},
        "mid_reviewed": {"mid_reviewed", "closed", "stopped"},
        "closed": frozenset(), "stopped": frozenset()}


def test_a_refused_step_names_the_movement_and_its_state(province, dept_a):
    movement = make_movement(province, [dept_a], state="closed")
    with pytest.raises(ValidationError) as error:
        movements.launch_movement(movement, actor=None)
    assert error.value.messages == [
        f"{movement.code} is closed; only a draft movement can be launched."]


def test_a_step_audits_the_state_old_to_new(province, dept_a):
    movement = make_movement(province, [dept_a], state="launched")
    movements.record_mid_review(movement, actor=None, date=datetime.date(2025, 7, 1),
                                report="Sơ kết")
    entry = AuditEntry.objects.filter(action="emulation.movement.mid_review").get()
    assert (entry.changes, entry.unit_id) == ({"state": ["launched", "mid_reviewed"]},
                                              province.pk)


def test_review_in_the_future_is_refused(province, dept_a):
    movement = make_movement(province, [dept_a], state="launched")
    with pytest.raises(ValidationError) as error:
        movements.record_mid_review(movement, actor=None, report="x",
                                    date=timezone.localdate() + datetime.timedelta(days=2))
    assert error.value.message_dict == {"date": ["The review date is in the future."]}


@pytest.mark.parametrize("state", STATES)
def test_update_from_each_state(province, dept_a, school_a, state):
    movement = make_movement(province, [dept_a], state=state)
    if state in ("draft", "launched", "mid_reviewed"):
        movements.update_movement(movement, actor=None, participants=[school_a], name="Mới")
        movement.refresh_from_db()
        assert (movement.name, [u.code for u in movement.participants.all()]) == (
            "Mới", ["TRUONG-A"])
    else:
        with pytest.raises(ValidationError):
            movements.update_movement(movement, actor=None, name="Mới")


def test_attach_document_stores_it_privately(province, dept_a, settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    movement = make_movement(province, [dept_a])
    document = movements.attach_document(movement, actor=None, title="Kế hoạch phát động",
                                         uploaded=pdf_upload())
    assert (document.title, document.file_kind) == ("Kế hoạch phát động", "pdf")
    assert (tmp_path / document.path).read_bytes() == PDF
