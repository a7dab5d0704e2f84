"""Plan, movement and registration pages, requested by every persona, and the main flows."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from emulation.movements.domain.movements import attach_document, record_mid_review
from emulation.movements.models import Movement, Registration
from tests.emulation.movement_helpers import make_movement, make_plan, make_registration
from tests.factories import PersonFactory
from tests.persona_matrix import PERSONAS, anonymous_test, persona_test

ANY_KEEPER = {"admin_user": 200, "board_user": 200, "officer_a": 200, "outsider": 200,
              "council_user": 403, "approver_user": 403}
IN_SCOPE = {"admin_user": 200, "board_user": 200, "officer_a": 200, "outsider": 404,
            "council_user": 404, "approver_user": 404}
ORGANISER = IN_SCOPE | {"officer_a": 403}  # organised by the province: officer_a takes part
# The roll-up checks the role before looking the unit up: no emulation role → 403.
ROLL_UP = IN_SCOPE | {"council_user": 403, "approver_user": 403}
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def english(client, settings, tmp_path):
    client.cookies["django_language"] = "en"
    settings.PRIVATE_MEDIA_ROOT = tmp_path


@pytest.fixture
def world(province, dept_a, school_a, dept_b):
    plan = make_plan(dept_a)
    movement = make_movement(province, [dept_a], state="launched")
    draft = make_movement(province, [dept_a], name="Phong trào dự thảo")
    uploaded = SimpleUploadedFile("ke-hoach.pdf", PDF, content_type="application/pdf")
    uploaded.kind = "pdf"
    document = attach_document(movement, actor=None, title="Kế hoạch phát động",
                               uploaded=uploaded)
    review_file = SimpleUploadedFile("so-ket.pdf", PDF, content_type="application/pdf")
    review_file.kind = "pdf"
    record_mid_review(movement, actor=None, date=datetime.date(2025, 6, 30), report="Sơ kết",
                      uploaded=review_file)
    editable = make_registration(movement, school_a)
    submitted = make_registration(movement, dept_a, state="submitted")
    return {"plan": plan.public_id, "movement": movement.public_id, "draft": draft.public_id,
            "document": document.public_id, "review": movement.reviews.get().public_id,
            "editable": editable.public_id, "submitted": submitted.public_id,
            "unit": dept_a.code}


VIEWS = [
    ("emulation:plan_list", None, ANY_KEEPER),
    ("emulation:plan_create", None, ANY_KEEPER),
    ("emulation:plan_detail", "plan", IN_SCOPE),
    ("emulation:plan_edit", "plan", IN_SCOPE),
    ("emulation:plan_publish", "plan", IN_SCOPE),
    ("emulation:movement_list", None, ANY_KEEPER),
    ("emulation:movement_create", None, ANY_KEEPER),
    ("emulation:movement_detail", "movement", IN_SCOPE),
    ("emulation:movement_edit", "movement", ORGANISER),
    ("emulation:movement_launch", "draft", ORGANISER),
    ("emulation:movement_mid_review", "movement", ORGANISER),
    ("emulation:movement_close", "movement", ORGANISER),
    ("emulation:movement_stop", "movement", ORGANISER),
    ("emulation:movement_attach", "movement", ORGANISER),
    ("emulation:movement_document", "document", IN_SCOPE),
    ("emulation:movement_review_file", "review", IN_SCOPE),
    ("emulation:registration_create", "movement", IN_SCOPE),
    ("emulation:registration_detail", "editable", IN_SCOPE),
    ("emulation:registration_edit", "editable", IN_SCOPE),
    ("emulation:registration_submit", "editable", IN_SCOPE),
    ("emulation:registration_approve", "submitted", ORGANISER),
    ("emulation:registration_return", "submitted", ORGANISER),
    ("emulation:unit_registrations", "unit", ROLL_UP),
]


test_view_answers_each_persona = persona_test(VIEWS)


test_anonymous_is_sent_to_sign_in = anonymous_test(VIEWS)


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
@pytest.mark.parametrize("persona", PERSONAS)
def test_plan_download_answers_each_persona(request, client, world, persona, fmt):
    client.force_login(request.getfixturevalue(persona))
    response = client.get(reverse("emulation:plan_download", args=[world["plan"], fmt]))
    assert response.status_code == IN_SCOPE[persona]
    if response.status_code == 200:
        assert response["Content-Disposition"] == f'attachment; filename="KH-TDKT-2025-SO-A.{fmt}"'


def test_movement_list_shows_only_the_users_movements(client, world, province, dept_b,
                                                      officer_a, outsider):
    make_movement(province, [dept_b], name="Thi đua ngành y")
    client.force_login(officer_a)
    page = client.get(reverse("emulation:movement_list")).context["page"]
    assert sorted(m["name"] for m in page.object_list) == ["Phong trào dự thảo",
                                                           "Thi đua dạy tốt, học tốt"]
    client.force_login(outsider)
    page = client.get(reverse("emulation:movement_list"), {"state": "draft"}).context["page"]
    assert [m["name"] for m in page.object_list] == ["Thi đua ngành y"]


def test_movement_list_query_count_does_not_grow(client, board_user, officer_a, province,
                                                 dept_a):
    def count(user):
        client.force_login(user)
        url = reverse("emulation:movement_list")
        client.get(url)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    make_movement(province, [dept_a])
    few = count(officer_a), count(board_user)
    for n in range(10):
        make_movement(province, [dept_a], name=f"Phong trào {n}")
    assert (count(officer_a), count(board_user)) == few
    assert max(few) <= 12


def test_movement_detail_shows_documents_reviews_and_registrations(client, world, board_user):
    client.force_login(board_user)
    response = client.get(reverse("emulation:movement_detail", args=[world["movement"]]))
    assert [d.title for d in response.context["documents"]] == ["Kế hoạch phát động"]
    assert [r.report for r in response.context["reviews"]] == ["Sơ kết"]
    assert [(r.unit.code, r.state) for r in response.context["registrations"]] == [
        ("SO-A", "submitted"), ("TRUONG-A", "draft")]
    assert response.context["can_register"] is True


@pytest.mark.parametrize(("state", "steps"), [
    ("draft", ["launch", "stop"]), ("launched", ["mid_review", "close", "stop"]),
    ("mid_reviewed", ["mid_review", "close", "stop"]), ("closed", []), ("stopped", [])])
def test_movement_page_offers_the_steps_of_the_table(client, province, dept_a, board_user,
                                                     officer_a, state, steps):
    movement = make_movement(province, [dept_a], state=state)
    page = reverse("emulation:movement_detail", args=[movement.public_id])
    client.force_login(board_user)
    assert list(client.get(page).context["actions"]) == steps
    client.force_login(officer_a)  # takes part, does not organise: no step
    assert list(client.get(page).context["actions"]) == []


@pytest.mark.parametrize(("state", "officer_steps", "board_steps"), [
    ("draft", ["submit"], ["submit"]), ("submitted", [], ["approve", "return"]),
    ("returned", ["submit"], ["submit"]), ("approved", [], [])])
def test_registration_page_offers_the_steps_of_the_table(client, province, dept_a, board_user,
                                                         officer_a, state, officer_steps,
                                                         board_steps):
    movement = make_movement(province, [dept_a], state="launched")
    registration = make_registration(movement, dept_a, state=state)
    page = reverse("emulation:registration_detail", args=[registration.public_id])
    client.force_login(officer_a)  # keeps the department; the province decides
    assert list(client.get(page).context["actions"]) == officer_steps
    client.force_login(board_user)
    assert list(client.get(page).context["actions"]) == board_steps


def test_document_download_returns_the_file(client, world, officer_a):
    client.force_login(officer_a)
    response = client.get(reverse("emulation:movement_document", args=[world["document"]]))
    assert b"".join(response.streaming_content) == PDF


def test_create_launch_and_stop_through_the_pages(client, board_user, province, dept_a):
    client.force_login(board_user)
    response = client.post(reverse("emulation:movement_create"), {
        "name": "Thi đua chuyển đổi số", "kind": "thematic", "goals": "Số hóa hồ sơ",
        "organiser": province.pk, "participants": [dept_a.pk], "start_date": "2025-03-01"})
    movement = Movement.objects.get(name="Thi đua chuyển đổi số")
    assert response.url == reverse("emulation:movement_detail", args=[movement.public_id])
    client.post(reverse("emulation:movement_launch", args=[movement.public_id]))
    client.post(reverse("emulation:movement_stop", args=[movement.public_id]),
                {"reason": "Không hiệu quả"})
    movement.refresh_from_db()
    assert (movement.state, movement.stop_reason) == ("stopped", "Không hiệu quả")


def test_register_submit_and_approve_through_the_pages(client, world, school_a, officer_a,
                                                       board_user):
    teacher = PersonFactory(unit=school_a)
    registration = Registration.objects.get(public_id=world["editable"])
    client.force_login(officer_a)
    client.post(reverse("emulation:registration_edit", args=[registration.public_id]),
                {"pledges": "Hoàn thành xuất sắc", "entries": f"{teacher.cccd}; cstd_co_so"})
    client.post(reverse("emulation:registration_submit", args=[registration.public_id]))
    client.post(reverse("emulation:registration_approve", args=[registration.public_id]))
    registration.refresh_from_db()
    assert (registration.state, registration.entries.get().award_type.code) == (
        "approved", "cstd_co_so")


def test_registration_form_names_the_bad_line(client, world, officer_a):
    client.force_login(officer_a)
    response = client.post(reverse("emulation:registration_edit", args=[world["editable"]]),
                           {"pledges": "", "entries": "000000000000; ldtt"})
    assert response.context["form"].errors["entries"] == [
        "Line 1: nobody called 000000000000 in Trường THPT Chuyên or the units below."]


def test_roll_up_lists_the_subtree(client, world, board_user):
    client.force_login(board_user)
    response = client.get(reverse("emulation:unit_registrations", args=["SO-A"]))
    assert [(r.unit.code, r.state) for r in response.context["rows"]] == [
        ("SO-A", "submitted"), ("TRUONG-A", "draft")]
    assert response.context["counts"] == [("Draft", 1), ("Submitted", 1)]


def test_publish_through_the_page(client, world, officer_a):
    client.force_login(officer_a)
    response = client.post(reverse("emulation:plan_publish", args=[world["plan"]]))
    assert response.status_code == 302
    client.get(response.url)
    detail = client.get(reverse("emulation:plan_detail", args=[world["plan"]]))
    assert detail.context["plan"].state == "published"
    assert detail.context["can_publish"] is False


def test_nav_shows_movements(client, world, officer_a):
    client.force_login(officer_a)
    items = client.get(reverse("emulation:movement_list")).context["nav_items"]
    assert [i["label"] for i in items if i["active"]] == ["Movements"]
