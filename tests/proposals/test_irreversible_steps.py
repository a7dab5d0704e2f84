"""No traps (issue 18.4): each irreversible step of the proposal and decision pages first shows
a confirmation page saying what cannot be undone, and a public consultation closed before its
end date needs a reason. English UI (cookie) so texts compare to msgids."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEntry
from proposals.domain import consultation, workflow
from proposals.enums import ProposalState
from tests.decisions.helpers import draft_for, issued
from tests.proposals.helpers import appraised, submitted


@pytest.fixture
def en(client):
    client.cookies["django_language"] = "en"
    return client


@pytest.fixture
def appraising(officer_a, board_user, dept_a):
    proposal = submitted(officer_a, dept_a, dept_a)
    workflow.assign_appraisers(board_user, proposal, [board_user])
    return proposal


def _warning(response) -> str:
    return response.context["form"].warning


def test_finish_appraisal_says_what_cannot_be_undone(en, board_user, appraising):
    en.force_login(board_user)
    response = en.get(reverse("proposals:finish", args=[appraising.public_id]))
    assert _warning(response) == (
        "This cannot be undone: the appraisers' opinions are locked and the proposal goes to "
        "the council as it stands.")
    assert _warning(response) in response.content.decode().replace("&#x27;", "'")
    appraising.refresh_from_db()
    assert appraising.state == ProposalState.APPRAISING  # the page itself changes nothing


def _consulting(board_user, proposal, days_ago=0):
    """A window opened on the last working day `days_ago` days back or earlier."""
    start = timezone.localdate() - datetime.timedelta(days=days_ago)
    while start.weekday() >= 5:
        start -= datetime.timedelta(days=1)
    return consultation.open_consultation(board_user, proposal, starts_on=start)


def test_closing_a_consultation_early_needs_a_reason(en, board_user, appraising):
    window = _consulting(board_user, appraising)
    en.force_login(board_user)
    url = reverse("proposals:consult_close", args=[appraising.public_id])
    page = en.get(url)
    end = f"{window.ends_on:%d/%m/%Y}"
    assert _warning(page) == (f"This cannot be undone: the consultation runs until {end} and "
                              "closing it now ends the public's comments for good.")
    response = en.post(url, {"reason": ""})
    window.refresh_from_db()
    assert (response.status_code, window.closed_at) == (200, None)
    response = en.post(url, {"reason": "Hội đồng họp sớm theo chỉ đạo của UBND tỉnh"})
    window.refresh_from_db()
    assert response.status_code == 302 and window.closed_at is not None
    entry = AuditEntry.objects.get(action="proposals.consultation.close")
    assert entry.reason == ("Closed before the end of the window: Hội đồng họp sớm theo chỉ "
                            "đạo của UBND tỉnh")


def test_domain_refuses_an_early_close_without_reason(board_user, appraising):
    from django.core.exceptions import ValidationError

    window = _consulting(board_user, appraising)
    with pytest.raises(ValidationError) as error:
        consultation.close_consultation(board_user, window, reason="  ")
    assert list(error.value.message_dict) == ["reason"]


def test_closing_after_the_end_needs_no_reason(board_user, appraising):
    window = _consulting(board_user, appraising, days_ago=60)
    consultation.close_consultation(board_user, window)
    window.refresh_from_db()
    assert window.closed_at is not None


def test_issue_page_says_what_cannot_be_undone(en, officer_a, board_user, approver_user,
                                               dept_a):
    decision = draft_for(board_user, [appraised(officer_a, board_user, dept_a, dept_a)], dept_a)
    en.force_login(approver_user)
    response = en.get(reverse("decisions:issue", args=[decision.public_id]))
    assert _warning(response).startswith("This cannot be undone: the decision takes its number")


def test_revoke_and_correct_pages_say_what_cannot_be_undone(en, officer_a, board_user,
                                                            approver_user, dept_a):
    item = issued(officer_a, board_user, approver_user, dept_a).items.get()
    en.force_login(approver_user)
    revoke = en.get(reverse("decisions:item_revoke", args=[item.public_id]))
    ledger = en.get(reverse("awards:record_revoke", args=[item.award_record.public_id]))
    en.force_login(board_user)  # the board drafts the amending decision
    correct = en.get(reverse("decisions:item_correct", args=[item.public_id]))
    assert _warning(revoke).startswith("This cannot be undone: the award is marked revoked")
    assert _warning(correct) == ("The amending decision is drafted now; once it is issued the "
                                 "correction cannot be undone.")
    assert _warning(ledger) == _warning(revoke)


def test_closing_a_council_session_says_the_results_become_final(en, board_user, officer_a,
                                                                 province, dept_a):
    from tests.proposals.test_council import _session

    session = _session(board_user, province)
    en.force_login(board_user)
    response = en.get(reverse("proposals:session_close", args=[session.public_id]))
    assert _warning(response) == ("This cannot be undone: the ballots are counted and the "
                                  "council's results become final.")
