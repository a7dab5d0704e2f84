"""Movement result pages (issue 20 points 1–2), requested by every persona, and the flow: the
unit enters and submits its result, the board confirms it and drafts the award proposal with the
achievers as nominees; closing lists the pending registrations."""

import pytest
from django.urls import reverse

from audit.models import AuditEntry
from awards.models import AwardType
from emulation.movements.models import UnitResult
from proposals.models import Proposal
from tests.emulation.movement_helpers import make_movement, make_registration, make_result
from tests.emulation.movements.views.test_movements import (  # noqa: F401 (autouse fixture)
    IN_SCOPE,
    ORGANISER,
    PERSONAS,
    english,
)
from tests.factories import CollectiveFactory, PersonFactory
from tests.persona_matrix import anonymous_test, persona_test

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(province, dept_a, school_a):
    """A movement of the province in which unit A and its school registered (approved), its
    mid-term review, the school's draft result and unit A's submitted result."""
    movement = make_movement(province, [dept_a], state="mid_reviewed")
    review = movement.reviews.get()
    school = make_registration(movement, school_a, state="approved", entries=[
        (PersonFactory(unit=school_a, full_name="Trần Thị Bình"),
         AwardType.objects.get(code="cstd_co_so"))])
    dept = make_registration(movement, dept_a, state="approved", entries=[
        (CollectiveFactory(unit=dept_a, name="Phòng Giáo dục trung học"),
         AwardType.objects.get(code="tt_ldxs"))])
    draft = make_result(review, school)
    submitted = make_result(review, dept, state="submitted")
    return {"movement": movement.public_id, "review": review.public_id,
            "registration": school.public_id, "draft": draft.public_id,
            "submitted": submitted.public_id}


VIEWS = [
    ("emulation:review_results", "review", IN_SCOPE),
    ("emulation:result_enter", ("review", "registration"), IN_SCOPE),
    ("emulation:review_propose", "review", ORGANISER),
    ("emulation:result_detail", "draft", IN_SCOPE),
    ("emulation:result_submit", "draft", IN_SCOPE),
    ("emulation:result_confirm", "submitted", ORGANISER),
    ("emulation:result_return", "submitted", ORGANISER),
]


def url_of(name, key, world):
    keys = key if isinstance(key, tuple) else (key,)
    return reverse(name, args=[world[k] for k in keys])


test_view_answers_each_persona = persona_test(VIEWS, url=url_of)


test_anonymous_is_sent_to_sign_in = anonymous_test(VIEWS, url=url_of)


@pytest.mark.parametrize("name", ["emulation:result_submit", "emulation:result_confirm"])
def test_outsider_post_changes_nothing(client, world, outsider, name):
    client.force_login(outsider)
    audits = AuditEntry.objects.count()
    key = "draft" if name.endswith("submit") else "submitted"
    assert client.post(url_of(name, key, world)).status_code == 404
    assert (UnitResult.objects.get(public_id=world[key]).state, AuditEntry.objects.count()) == (
        "draft" if key == "draft" else "submitted", audits)


def test_unit_enters_and_submits_board_confirms_and_proposes(client, world, officer_a,
                                                             board_user, province):
    client.force_login(officer_a)
    url = url_of("emulation:result_enter", ("review", "registration"), world)
    form = client.get(url).context["form"]
    entry_field = next(name for name in form.fields if name.startswith("entry_"))
    response = client.post(url, {"targets": "100% lên lớp", "figures": "99,2%",
                                 "achieved": "on", entry_field: "on"})
    result = UnitResult.objects.get(public_id=world["draft"])
    assert response.url == reverse("emulation:result_detail", args=[result.public_id])
    assert (result.figures, list(result.titles.values_list("achieved", flat=True))) == (
        "99,2%", [True])
    client.post(url_of("emulation:result_submit", "draft", world))
    client.force_login(board_user)
    client.post(url_of("emulation:result_confirm", "draft", world))
    assert UnitResult.objects.get(public_id=world["draft"]).state == "confirmed"
    response = client.post(url_of("emulation:review_propose", "review", world),
                           {"recipient_unit": province.pk, "title": ""})
    proposal = Proposal.objects.get()
    assert response.url == reverse("proposals:detail", args=[proposal.public_id])
    assert ([n.subject_name for n in proposal.nominees.all()], proposal.movement.public_id) == (
        ["Trần Thị Bình"], world["movement"])


def test_board_returns_with_a_reason_and_the_unit_reads_it(client, world, board_user,
                                                           officer_a):
    client.force_login(board_user)
    client.post(url_of("emulation:result_return", "submitted", world), {"reason": "Thiếu số liệu"})
    client.force_login(officer_a)
    page = client.get(url_of("emulation:result_detail", "submitted", world))
    assert (page.context["result"].state, page.context["can_change"]) == ("returned", True)
    assert "Thiếu số liệu" in page.content.decode()


def test_review_page_lists_results_and_the_units_to_enter(client, world, officer_a):
    client.force_login(officer_a)
    page = client.get(url_of("emulation:review_results", "review", world))
    assert sorted(r.registration.unit.code for r in page.context["results"]) == [
        "SO-A", "TRUONG-A"]
    assert sorted(r.unit.code for r in page.context["enterable"]) == ["SO-A", "TRUONG-A"]
    assert page.context["can_propose"] is False


def test_proposing_with_no_confirmed_achiever_names_the_problem(client, world, board_user,
                                                                 province):
    client.force_login(board_user)
    response = client.post(url_of("emulation:review_propose", "review", world),
                           {"recipient_unit": province.pk})
    assert (response.status_code, Proposal.objects.count()) == (200, 0)
    assert "nobody to propose" in response.content.decode()


def test_closing_lists_the_pending_registrations(client, world, board_user, province, dept_a):
    movement = make_movement(province, [dept_a], state="launched", name="Thi đua khác")
    make_registration(movement, dept_a, state="submitted")
    client.force_login(board_user)
    page = client.get(reverse("emulation:movement_close", args=[movement.public_id]))
    assert [str(m) for m in page.context["messages"]] == [
        "1 registrations are still pending: Sở Giáo dục và Đào tạo (2025, submitted)."]
