"""Every proposals/council/decision URL, requested by each persona: only what they may see."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from proposals.domain import council
from proposals.models import DossierDocument
from tests.decisions.helpers import issued
from tests.proposals.helpers import appraised


@pytest.fixture
def world(officer_a, board_user, approver_user, province, dept_a):
    decision = issued(officer_a, board_user, approver_user, dept_a)
    proposal = decision.proposals.get()
    session = council.create_session(board_user, unit=province, title="Phiên họp",
                                     held_at=timezone.make_aware(datetime.datetime(2026, 12, 1)),
                                     place="Tuyên Quang", total_members=3)
    council.put_on_agenda(board_user, session, appraised(officer_a, board_user, dept_a, dept_a))
    return {"proposal": proposal, "decision": decision, "session": session,
            "document": DossierDocument.objects.filter(proposal=proposal).first(),
            "item": decision.items.get()}


def urls(w):
    p, d, s = w["proposal"].public_id, w["decision"].public_id, w["session"].public_id
    return {
        "detail": reverse("proposals:detail", args=[p]),
        "document": reverse("proposals:document", args=[w["document"].public_id]),
        "session": reverse("proposals:session_detail", args=[s]),
        "ballot": reverse("proposals:ballot", args=[s]),
        "seat": reverse("proposals:session_seat", args=[s]),
        "decision": reverse("decisions:detail", args=[d]),
        "decision_pdf": reverse("decisions:file", args=[d, "docx"]),
        "revoke": reverse("decisions:item_revoke", args=[w["item"].public_id]),
    }


# persona → expected status per URL (404: out of scope, 403: in scope but not allowed)
EXPECTED = {
    "officer_a": {"detail": 200, "document": 200, "session": 404, "ballot": 404, "seat": 404,
                  "decision": 200, "decision_pdf": 200, "revoke": 403},
    "outsider": {"detail": 404, "document": 404, "session": 404, "ballot": 404, "seat": 404,
                 "decision": 404, "decision_pdf": 404, "revoke": 404},
    "board_user": {"detail": 200, "document": 200, "session": 200, "ballot": 403, "seat": 200,
                   "decision": 200, "decision_pdf": 200, "revoke": 200},
    "council_user": {"detail": 200, "document": 200, "session": 404, "ballot": 404,
                     "seat": 404, "decision": 200, "decision_pdf": 200, "revoke": 403},
    "approver_user": {"detail": 200, "document": 200, "session": 404, "ballot": 404,
                      "seat": 404, "decision": 200, "decision_pdf": 200, "revoke": 200},
}


@pytest.mark.parametrize("persona", list(EXPECTED))
def test_access_matrix(request, client, world, persona):
    client.force_login(request.getfixturevalue(persona))
    got = {name: client.get(url).status_code for name, url in urls(world).items()}
    assert got == EXPECTED[persona]


def test_anonymous_is_sent_to_sign_in_everywhere(client, world):
    for url in urls(world).values():
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response.url, url
