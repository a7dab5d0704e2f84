"""Proposal pages as each persona sees them. English UI (cookie) so texts compare to msgids."""

import pytest
from django.urls import reverse

from awards.models import AwardType
from proposals.enums import ProposalState
from proposals.models import Proposal
from tests.proposals.helpers import appraised, complete_dossier, draft, eligible_person, submitted


@pytest.fixture
def en(client):
    client.cookies["django_language"] = "en"
    return client


def _login(client, user):
    client.force_login(user)
    return client


def test_officer_creates_a_proposal_adds_a_nominee_and_submits(en, officer_a, dept_a):
    client = _login(en, officer_a)
    response = client.post(reverse("proposals:create"), {
        "unit": dept_a.pk, "title": "Đề nghị tặng Giấy khen", "recipient_unit": dept_a.pk,
        "authority_level": "unit", "track": "annual", "procedure": "normal", "year": 2025})
    proposal = Proposal.objects.get()
    # Straight on to the nominees: a proposal without them is not yet a proposal.
    assert response.status_code == 302 and response.url == reverse("proposals:nominee_add",
                                                                    args=[proposal.public_id])
    person = eligible_person(dept_a)
    response = client.post(reverse("proposals:nominee_add", args=[proposal.public_id]), {
        "subject_kind": "individual", "subject": person.cccd,
        "award_type": AwardType.objects.get(code="giay_khen").pk, "summary": "Xuất sắc"})
    assert response.status_code == 302
    assert list(proposal.nominees.values_list("person", flat=True)) == [person.pk]
    page = client.get(reverse("proposals:submit", args=[proposal.public_id]))
    assert "Missing document: Submission letter (tờ trình)." in page.content.decode()
    complete_dossier(officer_a, proposal)
    response = client.post(reverse("proposals:submit", args=[proposal.public_id]), {})
    proposal.refresh_from_db()
    assert (response.status_code, proposal.state) == (302, ProposalState.SUBMITTED)


def test_nominee_outside_scope_is_not_found(en, officer_a, dept_a, dept_b):
    proposal = draft(officer_a, dept_a, dept_a, people=0)
    stranger = eligible_person(dept_b)
    response = _login(en, officer_a).post(
        reverse("proposals:nominee_add", args=[proposal.public_id]),
        {"subject_kind": "individual", "subject": stranger.cccd,
         "award_type": AwardType.objects.get(code="giay_khen").pk, "summary": "…"})
    assert response.status_code == 200
    assert f"No individual “{stranger.cccd}” in your scope." in response.content.decode()


@pytest.mark.parametrize("name", ["proposals:detail", "proposals:edit", "proposals:submit",
                                  "proposals:nominee_add", "proposals:document_add",
                                  "proposals:withdraw", "proposals:assign"])
def test_outsider_gets_404_on_every_proposal_page(en, officer_a, outsider, dept_a, name):
    proposal = draft(officer_a, dept_a, dept_a)
    response = _login(en, outsider).get(reverse(name, args=[proposal.public_id]))
    assert response.status_code == 404


def test_anonymous_is_sent_to_sign_in(en, officer_a, dept_a):
    proposal = draft(officer_a, dept_a, dept_a)
    response = en.get(reverse("proposals:detail", args=[proposal.public_id]))
    assert response.status_code == 302 and "/accounts/" in response.url


def test_inbox_lists_submitted_proposals_not_drafts(en, officer_a, board_user, dept_a):
    hidden = draft(officer_a, dept_a, dept_a)
    shown = submitted(officer_a, dept_a, dept_a)
    inbox = _login(en, board_user).get(reverse("proposals:inbox")).content.decode()
    assert shown.code in inbox and hidden.code not in inbox


def test_council_member_sees_a_proposal_only_once_submitted(en, officer_a, council_user,
                                                            dept_a):
    hidden = draft(officer_a, dept_a, dept_a)
    shown = submitted(officer_a, dept_a, dept_a)
    client = _login(en, council_user)
    assert client.get(reverse("proposals:detail", args=[hidden.public_id])).status_code == 404
    assert client.get(reverse("proposals:detail", args=[shown.public_id])).status_code == 200


def test_officer_cannot_appraise(en, officer_a, dept_a):
    proposal = submitted(officer_a, dept_a, dept_a)
    client = _login(en, officer_a)
    assert client.get(reverse("proposals:assign", args=[proposal.public_id])).status_code == 403
    assert client.get(reverse("proposals:inbox")).status_code == 403


def test_board_returns_for_supplement(en, officer_a, board_user, dept_a):
    proposal = submitted(officer_a, dept_a, dept_a)
    response = _login(en, board_user).post(reverse("proposals:return", args=[proposal.public_id]),
                                           {"reason": "Thiếu biên bản"})
    proposal.refresh_from_db()
    assert (response.status_code, proposal.state) == (302, ProposalState.RETURNED)


def test_inbox_query_count_is_bounded(en, officer_a, board_user, dept_a,
                                      django_assert_max_num_queries):
    for _ in range(5):
        submitted(officer_a, dept_a, dept_a)
    client = _login(en, board_user)
    with django_assert_max_num_queries(12):  # the nominee counts inside the page query
        response = client.get(reverse("proposals:inbox"))
    assert response.content.decode().count("/proposals/") >= 5


def test_list_query_count_is_bounded(en, officer_a, dept_a, django_assert_max_num_queries):
    for _ in range(5):
        draft(officer_a, dept_a, dept_a, people=0)
    client = _login(en, officer_a)
    with django_assert_max_num_queries(12):
        client.get(reverse("proposals:list"))


def test_detail_shows_appraisal_actions_to_board_only(en, officer_a, board_user, dept_a):
    proposal = appraised(officer_a, board_user, dept_a, dept_a)
    board_page = _login(en, board_user).get(reverse("proposals:detail",
                                                    args=[proposal.public_id]))
    assert "Forward to a higher authority" in board_page.content.decode()
    officer_page = _login(en, officer_a).get(reverse("proposals:detail",
                                                     args=[proposal.public_id]))
    assert "Forward to a higher authority" not in officer_page.content.decode()


def test_detail_fills_prior_awards_from_the_ledger(en, officer_a, dept_a):
    import datetime

    from awards.domain.ledger import record_award

    proposal = draft(officer_a, dept_a, dept_a)
    person = proposal.nominees.get().person
    record_award(None, award_type=AwardType.objects.get(code="ldtt"), year=2024,
                 decision_number="5/QĐ-SGDĐT", decision_date=datetime.date(2024, 12, 1),
                 issuer="Sở GDĐT", person=person)
    page = _login(en, officer_a).get(reverse("proposals:detail", args=[proposal.public_id]))
    assert "Already awarded: Lao động tiên tiến 2024" in page.content.decode()
