"""Exemplary-model pages, requested by every persona, and the main flows through them."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from PIL import Image

from emulation.exemplars.domain.exemplars import attach_evidence
from emulation.exemplars.models import Exemplar
from tests.emulation.helpers import make_exemplar
from tests.factories import PersonFactory
from tests.persona_matrix import anonymous_test, persona_test

ANYWHERE = {"admin_user": 200, "board_user": 200, "officer_a": 200, "outsider": 200,
            "council_user": 403, "approver_user": 403}
IN_SCOPE = {"admin_user": 200, "board_user": 200, "officer_a": 200, "outsider": 404,
            "council_user": 404, "approver_user": 404}
BOARD = IN_SCOPE | {"officer_a": 403}


@pytest.fixture(autouse=True)
def english(client, settings, tmp_path):
    client.cookies["django_language"] = "en"
    settings.PRIVATE_MEDIA_ROOT = tmp_path


def png(name="anh.png"):
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


@pytest.fixture
def world(dept_a, school_a):
    draft = make_exemplar(school_a, title="Thầy giáo vượt khó")
    recognised = make_exemplar(dept_a, state="recognised", title="Mô hình thư viện xanh",
                               kind="mo_hinh")
    upload = png()
    upload.kind = "png"
    evidence = attach_evidence(recognised, actor=None, uploaded=upload)
    return {"draft": draft.public_id, "recognised": recognised.public_id,
            "evidence": evidence.public_id}


VIEWS = [
    ("emulation:exemplar_list", None, ANYWHERE),
    ("emulation:exemplar_create", None, ANYWHERE),
    ("emulation:exemplar_detail", "recognised", IN_SCOPE),
    ("emulation:exemplar_follow_up", "recognised", IN_SCOPE),
    ("emulation:exemplar_evidence", "recognised", IN_SCOPE),
    ("emulation:exemplar_correct", "recognised", IN_SCOPE),
    ("emulation:evidence_download", "evidence", IN_SCOPE),
    ("emulation:exemplar_recognise", "draft", BOARD),
    ("emulation:exemplar_publish", "recognised", BOARD),
    ("emulation:exemplar_withdraw", "recognised", BOARD),
]


test_view_answers_each_persona = persona_test(VIEWS)


test_anonymous_is_sent_to_sign_in = anonymous_test(VIEWS)


def test_list_shows_only_the_scope_and_searches_without_diacritics(client, world, officer_a,
                                                                   outsider):
    client.force_login(officer_a)
    page = client.get(reverse("emulation:exemplar_list")).context["page"]
    assert sorted(e.title for e in page.object_list) == ["Mô hình thư viện xanh",
                                                         "Thầy giáo vượt khó"]
    page = client.get(reverse("emulation:exemplar_list"), {"q": "THU VIEN"}).context["page"]
    assert [e.title for e in page.object_list] == ["Mô hình thư viện xanh"]
    client.force_login(outsider)
    assert client.get(reverse("emulation:exemplar_list")).context["page"].object_list == []


def test_list_query_count_does_not_grow(client, board_user, officer_a, dept_a, school_a):
    def count(user):
        client.force_login(user)
        url = reverse("emulation:exemplar_list")
        client.get(url)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    make_exemplar(dept_a, person=PersonFactory(unit=dept_a))
    few = count(officer_a), count(board_user)
    for n in range(10):
        make_exemplar(school_a, title=f"Gương sáng {n}", person=PersonFactory(unit=school_a))
    assert (count(officer_a), count(board_user)) == few
    assert max(few) <= 12


def test_record_recognise_publish_flow(client, officer_a, board_user, dept_a):
    person = PersonFactory(unit=dept_a, full_name="Lò Thị Sen")
    client.force_login(officer_a)
    response = client.post(reverse("emulation:exemplar_create"), {
        "kind": "nguoi_tot", "unit": dept_a.pk, "person_cccd": person.cccd, "collective": "",
        "title": "Nhặt được của rơi trả người mất", "story": "Trả lại 50 triệu đồng.",
        "field": "", "discovered_year": 2025, "source_movement": "Người tốt việc tốt"})
    exemplar = Exemplar.objects.get()
    assert response.status_code == 302
    assert (exemplar.person, exemplar.state) == (person, "draft")
    client.force_login(board_user)
    for step in ("recognise", "publish"):
        assert client.post(reverse(f"emulation:exemplar_{step}",
                                   args=[exemplar.public_id])).status_code == 302
    exemplar.refresh_from_db()
    assert exemplar.state == "published"


def test_unknown_cccd_is_named_on_the_form(client, officer_a, dept_a):
    client.force_login(officer_a)
    response = client.post(reverse("emulation:exemplar_create"), {
        "kind": "nguoi_tot", "unit": dept_a.pk, "person_cccd": "001099000000",
        "title": "x", "story": "y", "discovered_year": 2025})
    assert response.context["form"].errors["person_cccd"] == [
        "No person with citizen ID 001099000000 in your units."]


def test_follow_up_and_evidence_flow(client, world, officer_a):
    client.force_login(officer_a)
    public_id = world["recognised"]
    client.post(reverse("emulation:exemplar_follow_up", args=[public_id]),
                {"year": 2025, "still_exemplary": "on", "note": "Nhân rộng ra 3 trường"})
    client.post(reverse("emulation:exemplar_evidence", args=[public_id]),
                {"file": png("bai-bao.png")})
    response = client.get(reverse("emulation:exemplar_detail", args=[public_id]))
    assert [(f.year, f.note) for f in response.context["follow_ups"]] == [
        (2025, "Nhân rộng ra 3 trường")]
    assert sorted(e.original_name for e in response.context["evidence"]) == [
        "anh.png", "bai-bao.png"]
    download = client.get(reverse("emulation:evidence_download", args=[world["evidence"]]))
    assert download["Content-Disposition"].startswith("attachment")
    assert b"".join(download.streaming_content)[:4] == b"\x89PNG"


def test_withdrawn_exemplar_offers_no_action(client, dept_a, board_user):
    exemplar = make_exemplar(dept_a, state="withdrawn")
    client.force_login(board_user)
    context = client.get(reverse("emulation:exemplar_detail",
                                 args=[exemplar.public_id])).context
    assert [context[k] for k in ("can_change", "can_recognise", "can_publish",
                                 "can_withdraw")] == [False, False, False, False]


def test_correction_through_the_page_keeps_the_old_version(client, world, officer_a, admin_user):
    from emulation.exemplars.domain.exemplars import publish_exemplar

    exemplar = Exemplar.objects.get(public_id=world["recognised"])
    publish_exemplar(exemplar, actor=admin_user)
    client.force_login(officer_a)
    url = reverse("emulation:exemplar_correct", args=[exemplar.public_id])
    evidence = exemplar.evidence.get()
    new_file = png("anh-moi.png")
    response = client.post(url, {
        "kind": "mo_hinh", "title": "Mô hình thư viện xanh trường học", "story": "Câu chuyện mới.",
        "field": "Giáo dục", "discovered_year": "2024", "source_movement": "",
        "supersede": [evidence.pk], "uploaded": new_file, "reason": "Sai tên mô hình"})
    assert response.status_code == 302
    page = client.get(reverse("emulation:exemplar_detail", args=[exemplar.public_id]))
    assert [v.values["title"] for v in page.context["versions"]] == ["Mô hình thư viện xanh"]
    assert [e.original_name for e in page.context["evidence"]] == ["anh-moi.png"]
    assert [e.original_name for e in page.context["superseded"]] == ["anh.png"]
    assert "Sai tên mô hình" in page.content.decode()
    public = client.get(reverse("portal:exemplar_detail", args=[exemplar.public_id]))
    body = public.content.decode()
    assert "Mô hình thư viện xanh trường học" in body and "Câu chuyện mới." in body
    assert "Sai tên mô hình" not in body


def test_correction_needs_a_reason(client, world, officer_a):
    client.force_login(officer_a)
    url = reverse("emulation:exemplar_correct", args=[world["recognised"]])
    response = client.post(url, {"kind": "mo_hinh", "title": "Khác", "story": "x",
                                 "discovered_year": "2024", "reason": ""})
    assert response.status_code == 200
    assert response.context["form"].errors["reason"] == ["This field is required."]


@pytest.mark.parametrize(("persona", "state", "offered"), [
    ("board_user", "draft", [True, False, True]),
    ("board_user", "recognised", [False, True, True]),
    ("board_user", "published", [False, False, True]),
    ("officer_a", "draft", [False, False, False]),
])
def test_detail_offers_the_steps_of_the_table_the_persona_may_take(request, client, dept_a,
                                                                   persona, state, offered):
    exemplar = make_exemplar(dept_a, state=state)
    client.force_login(request.getfixturevalue(persona))
    context = client.get(reverse("emulation:exemplar_detail",
                                 args=[exemplar.public_id])).context
    assert [context[k] for k in ("can_recognise", "can_publish", "can_withdraw")] == offered
