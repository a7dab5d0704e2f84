"""Initiative registry pages, requested by every persona, and the main flows through them."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from emulation.initiatives.domain.initiative_uses import claim_initiative
from emulation.initiatives.models import Initiative
from tests.factories import PersonFactory, make_initiative
from tests.persona_matrix import anonymous_test, persona_test

KEEPERS_ANYWHERE = {"admin_user": 200, "board_user": 200, "officer_a": 200, "outsider": 200,
                    "council_user": 403, "approver_user": 403}
IN_SCOPE = {"admin_user": 200, "board_user": 200, "officer_a": 200, "outsider": 404,
            "council_user": 404, "approver_user": 404}
BOARD = IN_SCOPE | {"officer_a": 403}
TITLE = "Ứng dụng phần mềm quản lý hồ sơ học sinh"


@pytest.fixture(autouse=True)
def english(client):
    client.cookies["django_language"] = "en"


@pytest.fixture
def author(dept_a):
    return PersonFactory(unit=dept_a, full_name="Nguyễn Văn An")


@pytest.fixture
def world(dept_a, school_a, dept_b, province, author):
    recognised = make_initiative(dept_a, title=TITLE, authors=[(author, 100)])
    draft = make_initiative(school_a, title="Sổ điểm điện tử", state="draft")
    return {"recognised": recognised.public_id, "draft": draft.public_id}


VIEWS = [
    ("emulation:initiative_list", None, KEEPERS_ANYWHERE),
    ("emulation:initiative_create", None, KEEPERS_ANYWHERE),
    ("emulation:initiative_similar", None, KEEPERS_ANYWHERE),
    ("emulation:person_picker", None, KEEPERS_ANYWHERE),
    ("emulation:initiative_detail", "recognised", IN_SCOPE),
    ("emulation:initiative_edit", "recognised", IN_SCOPE),
    ("emulation:initiative_recognise", "draft", IN_SCOPE),
    ("emulation:initiative_revoke", "recognised", BOARD),
]


test_view_answers_each_persona = persona_test(VIEWS)


test_anonymous_is_sent_to_sign_in = anonymous_test(VIEWS)


def test_list_shows_only_the_scope(client, world, officer_a, outsider):
    client.force_login(officer_a)
    page = client.get(reverse("emulation:initiative_list")).context["page"]
    assert sorted(i["title"] for i in page.object_list) == ["Sổ điểm điện tử", TITLE]
    client.force_login(outsider)
    assert client.get(reverse("emulation:initiative_list")).context["page"].object_list == []


@pytest.mark.parametrize(("params", "expected"), [
    ({"q": "phan mem quan ly"}, [TITLE]), ({"q": "SỔ ĐIỂM"}, ["Sổ điểm điện tử"]),
    ({"state": "draft"}, ["Sổ điểm điện tử"]), ({"scope": "co_so"}, [TITLE]),
    ({"unit": "TRUONG-A"}, ["Sổ điểm điện tử"]), ({"year": "2023"}, []),
    ({"kind": "de_tai"}, [])])
def test_list_search_and_filters(client, world, board_user, params, expected):
    client.force_login(board_user)
    page = client.get(reverse("emulation:initiative_list"), params).context["page"]
    assert [i["title"] for i in page.object_list] == expected


def test_list_htmx_returns_rows_only(client, world, board_user):
    client.force_login(board_user)
    response = client.get(reverse("emulation:initiative_list"), {"q": "ho so"},
                          HTTP_HX_REQUEST="true")
    assert "<html" not in response.text
    assert TITLE in response.text


def test_list_query_count_does_not_grow(client, board_user, officer_a, dept_a, school_a):
    def count(user):
        client.force_login(user)
        url = reverse("emulation:initiative_list")
        client.get(url)  # session and scope caches warm
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    make_initiative(dept_a)
    few = count(officer_a), count(board_user)
    for n in range(10):
        make_initiative(school_a, title=f"Giải pháp số {n}")
    assert (count(officer_a), count(board_user)) == few
    assert max(few) <= 12  # session, user, scope, nav, unread notifications, one page query


def test_detail_shows_authors_recognition_and_uses(client, world, board_user, author):
    initiative = Initiative.objects.get(public_id=world["recognised"])
    claim_initiative(initiative, award_code="cstd_co_so", claim_ref="nominee:1",
                     claim_label="Tờ trình 12/TTr-SGDĐT — CSTĐ cơ sở 2025", actor=None)
    client.force_login(board_user)
    response = client.get(reverse("emulation:initiative_detail", args=[initiative.public_id]))
    assert [(a.person.full_name, a.share) for a in response.context["authors"]] == [
        ("Nguyễn Văn An", 100)]
    assert [(u.claim_label, u.state) for u in response.context["uses"]] == [
        ("Tờ trình 12/TTr-SGDĐT — CSTĐ cơ sở 2025", "reserved")]
    assert "Hội đồng sáng kiến Sở" in response.text
    assert (response.context["can_recognise"], response.context["can_revoke"]) == (False, True)


def form_data(unit, rows, **fields):
    data = {"kind": "sang_kien", "title": "Ứng dụng phần mềm quản lí hồ sơ học sinh THCS",
            "summary": "", "unit": unit.pk, "field": "Giáo dục", "year": 2025,
            "applied_from": "", "authors-TOTAL_FORMS": 3, "authors-INITIAL_FORMS": 0,
            "authors-MIN_NUM_FORMS": 0, "authors-MAX_NUM_FORMS": 20} | fields
    for i, (cccd, share) in enumerate(rows):
        data |= {f"authors-{i}-cccd": cccd, f"authors-{i}-share": share}
    return data


def test_register_with_co_authors_warns_about_a_near_duplicate(client, world, officer_a,
                                                               dept_a, author):
    other = PersonFactory(unit=dept_a)
    client.force_login(officer_a)
    response = client.post(reverse("emulation:initiative_create"),
                           form_data(dept_a, [(author.cccd, "70"), (other.cccd, "30")]))
    created = Initiative.objects.get(field="Giáo dục")
    assert response.status_code == 302
    assert response.url == reverse("emulation:initiative_detail", args=[created.public_id])
    assert [(a.person, int(a.share)) for a in created.authors.all()] == [(author, 70),
                                                                        (other, 30)]
    assert created.code == "SK-2025-00001"
    texts = [str(m) for m in get_messages(response.wsgi_request)]
    old = Initiative.objects.get(public_id=world["recognised"])
    assert texts[0] == "SK-2025-00001 saved."
    assert texts[1].startswith(f"It resembles: {old.code} “{TITLE}” (")


def test_register_shows_share_error_on_the_form(client, world, officer_a, dept_a, author):
    client.force_login(officer_a)
    response = client.post(reverse("emulation:initiative_create"),
                           form_data(dept_a, [(author.cccd, "60")]))
    assert response.status_code == 200
    assert list(response.context["formset"].non_form_errors()) == [
        "The authors' shares add up to 60%; they must add up to 100%."]
    assert [m.initiative.title for m in response.context["matches"]][:1] == [TITLE]


def test_register_refuses_an_author_outside_the_scope(client, world, officer_a, dept_a, dept_b):
    stranger = PersonFactory(unit=dept_b)
    client.force_login(officer_a)
    response = client.post(reverse("emulation:initiative_create"),
                           form_data(dept_a, [(stranger.cccd, "100")]))
    assert response.context["formset"].forms[0].errors == {
        "cccd": [f"Nobody with citizen ID {stranger.cccd} in your units."]}


def test_similar_partial_ranks_existing_titles(client, world, officer_a):
    client.force_login(officer_a)
    response = client.get(reverse("emulation:initiative_similar"),
                          {"title": "ung dung phan mem quan ly ho so hoc sinh"})
    assert [(m.initiative.title, m.warn) for m in response.context["matches"]] == [
        (TITLE, True)]
    assert "possible duplicate" in response.text


def test_person_picker_lists_people_in_scope(client, world, officer_a, author, dept_b):
    PersonFactory(unit=dept_b, full_name="Nguyễn Văn Anh")
    client.force_login(officer_a)
    response = client.get(reverse("emulation:person_picker"), {"authors-0-cccd": author.cccd})
    assert response.text.strip() == (f'<option value="{author.cccd}">Nguyễn Văn An — '
                                      "Sở Giáo dục và Đào tạo</option>")


def test_officer_recognises_at_co_so_scope_only(client, world, officer_a):
    url = reverse("emulation:initiative_recognise", args=[world["draft"]])
    client.force_login(officer_a)
    assert [v for v, _l in client.get(url).context["form"].fields["scope"].choices] == ["co_so"]
    response = client.post(url, {"decision_number": "7/QĐ-THPT", "decision_date": "2025-05-20",
                                 "recognised_by": "Hiệu trưởng", "council": "HĐ trường",
                                 "scope": "tinh"})
    assert response.status_code == 200
    assert response.context["form"].errors["scope"][0].startswith("Select a valid choice.")
    client.post(url, {"decision_number": "7/QĐ-THPT", "decision_date": "2025-05-20",
                      "recognised_by": "Hiệu trưởng", "council": "HĐ trường", "scope": "co_so"})
    initiative = Initiative.objects.get(public_id=world["draft"])
    assert (initiative.state, initiative.scope, initiative.recognition_date) == (
        "recognised", "co_so", datetime.date(2025, 5, 20))


def test_board_revokes_with_a_reason(client, world, board_user):
    url = reverse("emulation:initiative_revoke", args=[world["recognised"]])
    client.force_login(board_user)
    assert client.post(url, {"reason": ""}).context["form"].errors == {
        "reason": ["This field is required."]}
    response = client.post(url, {"reason": "Sao chép sáng kiến của đơn vị khác"})
    assert response.status_code == 302
    initiative = Initiative.objects.get(public_id=world["recognised"])
    assert (initiative.state, initiative.revoked_reason) == (
        "revoked", "Sao chép sáng kiến của đơn vị khác")
    assert client.get(url).status_code == 403  # already revoked: no second revocation


def test_edit_prefills_authors_and_saves(client, world, officer_a, author):
    url = reverse("emulation:initiative_edit", args=[world["recognised"]])
    client.force_login(officer_a)
    formset = client.get(url).context["formset"]
    assert [f.initial for f in formset.forms[:1]] == [{"cccd": author.cccd, "share": 100}]
    initiative = Initiative.objects.get(public_id=world["recognised"])
    data = form_data(initiative.unit, [(author.cccd, "100")], title=TITLE + " tiểu học",
                     year=2024, field="")
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    initiative.refresh_from_db()
    assert initiative.title == TITLE + " tiểu học"


def test_nav_shows_initiatives_to_keepers_only(client, world, officer_a, council_user):
    client.force_login(officer_a)
    labels = [i["label"] for i in client.get("/").context["nav_items"]]
    assert "Initiatives" in labels
    client.force_login(council_user)
    assert "Initiatives" not in [i["label"] for i in client.get("/").context["nav_items"]]


@pytest.mark.parametrize(("persona", "key", "offered"), [
    ("board_user", "draft", (True, True)), ("officer_a", "draft", (True, False)),
    ("board_user", "recognised", (False, True)), ("officer_a", "recognised", (False, False)),
])
def test_detail_offers_the_steps_of_the_table_the_persona_may_take(request, client, world,
                                                                   persona, key, offered):
    client.force_login(request.getfixturevalue(persona))
    response = client.get(reverse("emulation:initiative_detail", args=[world[key]]))
    assert (response.context["can_recognise"], response.context["can_revoke"]) == offered


def test_detail_offers_no_step_on_a_revoked_initiative(client, dept_a, board_user):
    initiative = make_initiative(dept_a, state="revoked")
    client.force_login(board_user)
    response = client.get(reverse("emulation:initiative_detail", args=[initiative.public_id]))
    assert (response.context["can_recognise"], response.context["can_revoke"]) == (False, False)


def test_list_statement_kept_per_scope_reads_rows_each_time(client, world, officer_a,
                                                            outsider, dept_b):
    """The list's SQL is kept per scope shape and filters (core.interfaces.compiled): a title
    changed since shows at once, and another scope's statement is its own."""
    url = reverse("emulation:initiative_list")
    client.force_login(officer_a)
    client.get(url, {"state": "draft"})
    Initiative.objects.filter(public_id=world["draft"]).update(title="Sổ điểm mới")
    page = client.get(url, {"state": "draft"}).context["page"]
    assert [i["title"] for i in page.object_list] == ["Sổ điểm mới"]
    make_initiative(dept_b, title="Bên kia", state="draft")
    client.force_login(outsider)
    page = client.get(url, {"state": "draft"}).context["page"]
    assert [i["title"] for i in page.object_list] == ["Bên kia"]
