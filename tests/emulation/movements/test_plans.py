"""Annual plans: drafting, milestones, publishing (notifications), DOCX and PDF."""

import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from docx import Document

from accounts.enums import Role
from audit.models import AuditEntry
from emulation.movements.domain import plans
from emulation.movements.interfaces.plan_documents import plan_document, plan_docx, plan_pdf
from notifications.models import Notification
from tests.emulation.movement_helpers import make_plan
from tests.factories import user_with_role

pytestmark = pytest.mark.django_db


def test_parse_milestones_reads_day_month_and_full_dates():
    call = "Ngày Chủ tịch Hồ Chí Minh ra Lời kêu gọi thi đua ái quốc"
    text = f"11/6 {call}\n\n02/09/2025 - Quốc khánh"
    assert plans.parse_milestones(text, 2025) == [
        (datetime.date(2025, 6, 11), call),
        (datetime.date(2025, 9, 2), "Quốc khánh")]


@pytest.mark.parametrize("line", ["Ngày thành lập", "31/2 Ngày không có", "11/13 Tháng sai"])
def test_parse_milestones_names_the_line(line):
    with pytest.raises(ValidationError) as error:
        plans.parse_milestones(f"11/6 Ngày kỷ niệm\n{line}", 2025)
    assert error.value.message_dict["milestones"][0].startswith("Line 2:")


def test_create_plan_records_milestones_and_audit(dept_a):
    plan = make_plan(dept_a)
    assert [str(m) for m in plan.milestones.all()] == [
        "11/06 Ngày Chủ tịch Hồ Chí Minh ra Lời kêu gọi thi đua ái quốc"]
    entry = AuditEntry.objects.get(action="emulation.plan.create")
    assert entry.object_id == str(plan.public_id)


def test_second_plan_for_the_same_year_is_refused(dept_a):
    make_plan(dept_a)
    with pytest.raises(ValidationError) as error:
        make_plan(dept_a)
    assert error.value.message_dict["year"] == [
        "Sở Giáo dục và Đào tạo already has a plan for 2025."]


@pytest.mark.parametrize(("state", "allowed"), [("draft", True), ("published", False)])
def test_update_plan_only_while_draft(dept_a, state, allowed):
    plan = make_plan(dept_a, state=state)
    if allowed:
        plans.update_plan(plan, actor=None, title="Kế hoạch sửa", milestones=[])
        plan.refresh_from_db()
        assert (plan.title, plan.milestones.count()) == ("Kế hoạch sửa", 0)
    else:
        with pytest.raises(ValidationError):
            plans.update_plan(plan, actor=None, title="Kế hoạch sửa")


@pytest.mark.parametrize(("state", "allowed"), [("draft", True), ("published", False)])
def test_publish_plan_from_each_state(dept_a, state, allowed):
    plan = make_plan(dept_a, state=state)
    if allowed:
        plans.publish_plan(plan, actor=None)
        plan.refresh_from_db()
        assert plan.state == "published" and plan.published_at is not None
    else:
        with pytest.raises(ValidationError) as error:
            plans.publish_plan(plan, actor=None)
        assert error.value.messages == [f"The plan “{plan.title}” is already published."]


def test_publish_notifies_the_officers_of_the_units_below(province, dept_a, school_a, dept_b,
                                                          officer_a, outsider, board_user):
    school_officer = user_with_role(Role.UNIT_OFFICER, school_a, username="school")
    make_plan(dept_a, state="published")
    assert sorted(Notification.objects.values_list("recipient__username", flat=True)) == [
        "school"]
    assert school_officer.notifications.get().verb == "emulation.plan_published"


def test_plan_document_is_a_ke_hoach(dept_a):
    plan = make_plan(dept_a, state="published")
    doc = plan_document(plan)
    assert (doc.type_name, doc.letterhead.symbol, doc.draft) == ("KẾ HOẠCH", "KH-SO-A", False)
    text = "\n".join(p.text for p in Document(io.BytesIO(plan_docx(plan))).paragraphs)
    assert "KẾ HOẠCH" in text and plan.title in text
    assert plan_pdf(plan).startswith(b"%PDF")


def test_draft_plan_document_is_marked_draft(dept_a):
    assert plan_document(make_plan(dept_a)).draft is True
