"""Pages of fair cluster rounds: the head's re-score of its own unit becomes a request, the
board decides it on its page, who has not voted is shown, a refusal is the site's own page."""

from decimal import Decimal as D

import pytest
from django.urls import reverse

from emulation.movements.domain import cluster_rounds as domain
from emulation.movements.domain import rescore_requests as requests
from emulation.movements.models import RescoreRequest, Score

PERSONAS = ["admin_user", "board_user", "head_user", "officer_a", "outsider", "council_user"]
# The head filed the request (for its own unit, SO-A) and officer A belongs to SO-A: both
# may read the round but not decide; outsiders do not learn the request exists.
DECIDE = {"admin_user": 200, "board_user": 200, "head_user": 403, "officer_a": 403,
          "outsider": 404, "council_user": 404}


@pytest.fixture(autouse=True)
def english(client):
    client.cookies["django_language"] = "en"


@pytest.fixture
def head_request(scoring_round, members, head_user, board_user):
    return requests.request_rescore(
        scoring_round, actor=head_user, unit=members[0],
        criterion=scoring_round.criteria_set.criteria.get(code="1.1"), points=40,
        reason="Bổ sung minh chứng")


def decide_url(rescore_request):
    return reverse("emulation:rescore_request_decide", args=[rescore_request.public_id])


@pytest.mark.parametrize("persona", PERSONAS)
def test_decide_page_for_each_persona(client_for, request, head_request, persona):
    response = client_for(request.getfixturevalue(persona)).get(decide_url(head_request))
    assert response.status_code == DECIDE[persona]


def test_anonymous_is_sent_to_sign_in(client, head_request):
    response = client.get(decide_url(head_request))
    assert response.status_code == 302 and response.url.startswith(reverse("accounts:login"))


def test_head_rescoring_own_unit_files_a_request(client_for, head_user, scoring_round):
    response = client_for(head_user).post(
        reverse("emulation:round_rescore", args=[scoring_round.public_id]),
        {"unit": "SO-A", "criterion": "1.1", "points": "40", "reason": "Đạt chỉ tiêu"},
        follow=True)
    assert [str(m) for m in response.context["messages"]] == [
        "Sở Giáo dục và Đào tạo is your own unit: the re-score was sent to the board as a "
        "request and applies only when approved."]
    assert (Score.objects.filter(kind="board").count(),
            list(RescoreRequest.objects.values_list("unit__code", "points", "state"))) == (
        0, [("SO-A", D(40), "pending")])


def test_board_approves_on_the_page(client_for, board_user, head_request, scoring_round):
    client = client_for(board_user)
    detail = client.get(reverse("emulation:round_detail", args=[scoring_round.public_id]))
    assert [(i["request"].pk, i["can_decide"]) for i in detail.context["requests"]] == [
        (head_request.pk, True)]
    refused = client.post(decide_url(head_request), {"decision": "refuse", "note": ""})
    assert refused.context["form"].errors["note"] == ["Say why the request is refused."]
    client.post(decide_url(head_request), {"decision": "approve", "note": ""})
    assert (RescoreRequest.objects.get().state, Score.objects.get(kind="board").points) == (
        "approved", D(40))


def test_head_sees_its_request_without_a_decide_button(client_for, head_user, head_request,
                                                       scoring_round):
    detail = client_for(head_user).get(
        reverse("emulation:round_detail", args=[scoring_round.public_id]))
    assert [(i["request"].pk, i["can_decide"]) for i in detail.context["requests"]] == [
        (head_request.pk, False)]
    assert decide_url(head_request) not in detail.text


def test_round_page_names_who_has_not_voted(client_for, board_user, scoring_round, members,
                                            admin_user):
    voting = domain.open_voting(scoring_round, actor=admin_user)
    domain.cast_vote(voting, actor=admin_user, voter_unit=members[0], candidate=members[1])
    client = client_for(board_user)
    page = client.get(reverse("emulation:round_detail", args=[voting.public_id]))
    assert [u.code for u in page.context["not_voted"]] == ["SO-C", "SO-D"]
    assert "Sở Tài chính, Sở Xây dựng" in page.text
    response = client.post(reverse("emulation:round_transition", args=[voting.public_id,
                                                                       "publish"]), follow=True)
    assert [str(m) for m in response.context["messages"]] == [
        "3 of the 3 member units must vote before publishing; not yet voted: Sở Tài chính, "
        "Sở Xây dựng."]


def test_refusal_is_the_sites_own_vietnamese_page(client, officer_a, scoring_round):
    client.cookies.pop("django_language")
    client.force_login(officer_a)
    response = client.get(reverse("emulation:round_rescore", args=[scoring_round.public_id]))
    assert response.status_code == 403
    assert response.templates[0].name == "core/403.html"
    assert "Bạn không được phép thực hiện việc này" in response.text
    assert 'class="mainnav"' in response.text and "403 Forbidden" not in response.text
