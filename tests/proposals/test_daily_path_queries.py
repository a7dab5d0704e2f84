"""The officer's daily path (session 10, h5): adding a nominee and submitting read the law
tables, the nominees' histories and the checks in a fixed number of queries, however many
nominees the proposal holds; the verdicts of the batch are each nominee's own."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from awards.domain.ledger import record_award, set_rating
from awards.models import AwardType
from proposals.domain import nominees
from proposals.domain.checks import check_proposal, verdict_for
from proposals.enums import ProposalState
from proposals.models import Proposal
from tests.factories import CollectiveFactory, PersonFactory
from tests.proposals.helpers import YEAR, complete_dossier, draft, eligible_person


def _submit(client, proposal) -> int:
    """Queries of one submission through the page (the proposal must end submitted)."""
    with CaptureQueriesContext(connection) as queries:
        response = client.post(reverse("proposals:submit", args=[proposal.public_id]),
                               {"override_reason": ""})
    proposal.refresh_from_db()
    assert (response.status_code, proposal.state) == (302, ProposalState.SUBMITTED)
    return len(queries)


def _ready(officer, unit, people):
    proposal = draft(officer, unit, unit, people=people)
    complete_dossier(officer, proposal)
    return proposal


@pytest.fixture
def officer_client(client, officer_a, dept_a):
    client.force_login(officer_a)
    _submit(client, _ready(officer_a, dept_a, 1))  # warm-up: roles cached, ORM compiled
    return client


def test_submit_queries_for_one_nominee(officer_client, officer_a, dept_a):
    assert _submit(officer_client, _ready(officer_a, dept_a, 1)) == 24


def test_submit_queries_do_not_grow_with_the_nominees(officer_client, officer_a, dept_a):
    one = _submit(officer_client, _ready(officer_a, dept_a, 1))
    four = _submit(officer_client, _ready(officer_a, dept_a, 4))
    assert four == one


def test_submit_form_queries_do_not_grow_with_the_nominees(officer_client, officer_a, dept_a):
    counts = []
    warm_up = _ready(officer_a, dept_a, 1)
    officer_client.get(reverse("proposals:submit", args=[warm_up.public_id]))
    for people in (1, 4):
        proposal = _ready(officer_a, dept_a, people)
        with CaptureQueriesContext(connection) as queries:
            response = officer_client.get(reverse("proposals:submit",
                                                  args=[proposal.public_id]))
        assert response.status_code == 200
        counts.append(len(queries))
    assert counts[1] == counts[0]


def test_submit_form_queries_for_one_nominee(officer_client, officer_a, dept_a):
    """Session 11 (h3): the law tables (engine parameters, award codes, documents, granting
    powers) are one stamp read, the duplicate probes two narrow queries."""
    warm_up = _ready(officer_a, dept_a, 1)
    officer_client.get(reverse("proposals:submit", args=[warm_up.public_id]))
    proposal = _ready(officer_a, dept_a, 1)
    with CaptureQueriesContext(connection) as queries:
        response = officer_client.get(reverse("proposals:submit", args=[proposal.public_id]))
    assert (response.status_code, len(queries)) == (200, 16)


def test_duplicate_findings_name_the_decision_and_the_other_proposal(officer_a, dept_a):
    """The duplicate probes read tuples instead of rows (session 11, h3): the same words."""
    first = draft(officer_a, dept_a, dept_a, people=1)
    person = first.nominees.get().person
    giay_khen = AwardType.objects.get(code="giay_khen")
    record_award(None, award_type=giay_khen, year=YEAR, decision_number="7/QĐ-SGDĐT",
                 decision_date=datetime.date(2025, 12, 1), issuer="Sở GDĐT", person=person)
    second = draft(officer_a, dept_a, dept_a, people=0)
    nominees.add_nominee(officer_a, second, award_type=giay_khen, summary="…", person=person)
    found = [(f.code, f.message, f.citation) for f in check_proposal(second).findings
             if f.code in ("already_awarded", "proposed_twice")]
    assert found == [
        ("already_awarded", f"{person.full_name} already holds Giấy khen for {YEAR} "
                            "(decision 7/QĐ-SGDĐT).", "Luật TĐKT 2022, Điều 5"),
        ("proposed_twice", f"{person.full_name} is also proposed for Giấy khen in proposal "
                           f"{first.code}.", "Luật TĐKT 2022, Điều 5")]


def _add(client, proposal, person) -> int:
    url = reverse("proposals:nominee_add", args=[proposal.public_id])
    with CaptureQueriesContext(connection) as queries:
        response = client.post(url, {
            "subject_kind": "individual", "subject": person.cccd,
            "award_type": AwardType.objects.get(code="giay_khen").pk, "summary": "Xuất sắc"})
    assert response.status_code == 302
    return len(queries)


def test_add_nominee_queries(client, officer_a, dept_a):
    client.force_login(officer_a)
    _add(client, draft(officer_a, dept_a, dept_a, people=0), eligible_person(dept_a))  # warm-up
    proposal = draft(officer_a, dept_a, dept_a, people=0)
    assert _add(client, proposal, eligible_person(dept_a)) == 11
    assert list(proposal.nominees.values_list("person__cccd", flat=True)) == [
        proposal.nominees.get().person.cccd]


def test_checked_verdicts_are_each_nominees_own(officer_a, dept_a):
    """The batch (one case query set for all nominees) judges as one nominee at a time."""
    proposal = draft(officer_a, dept_a, dept_a, people=2)
    unrated = PersonFactory(unit=dept_a)  # no rating: not eligible for a Giấy khen
    leader = PersonFactory(unit=dept_a, is_leader=True)
    set_rating(None, year=YEAR - 1, rating="tot", person=leader)  # the wrong year only
    collective = CollectiveFactory(unit=dept_a)
    giay_khen, lao_dong = (AwardType.objects.get(code="giay_khen"),
                           AwardType.objects.get(code="ldtt"))
    for person, award in ((unrated, giay_khen), (leader, giay_khen), (leader, lao_dong)):
        nominees.add_nominee(officer_a, proposal, award_type=award, summary="…", person=person)
    nominees.add_nominee(officer_a, proposal, award_type=giay_khen, summary="…",
                         collective=collective)
    proposal = Proposal.objects.get(pk=proposal.pk)
    result = check_proposal(proposal)
    own = {n.pk: verdict_for(n) for n in proposal.nominees.all()}
    assert result.verdicts == own
    assert [v["eligible"] for v in result.verdicts.values()].count(False) >= 2
