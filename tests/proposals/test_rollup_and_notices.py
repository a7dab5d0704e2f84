import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from awards.models import AwardType
from decisions.domain import issuing
from notifications.models import Notification
from proposals.domain import consultation, workflow
from proposals.enums import NomineeStatus, Opinion, ProposalState
from proposals.models import Nominee
from tests.decisions.helpers import DECIDED_ON, draft_for
from tests.factories import user_with_role
from tests.proposals.helpers import complete_dossier, submitted


def test_lower_proposals_roll_up_and_the_award_reaches_the_source(
        officer_a, board_user, approver_user, dept_a, school_a, province):
    school_officer = user_with_role("unit_officer", school_a)
    lower = submitted(school_officer, school_a, dept_a, people=2)
    upper = workflow.consolidate(officer_a, [lower], unit=dept_a, recipient_unit=dept_a,
                                 authority_level="unit", title="Tổng hợp đề nghị", year=2025)
    lower.refresh_from_db()
    assert (lower.state, lower.consolidated_into) == (ProposalState.CONSOLIDATED, upper)
    carried = list(upper.nominees.order_by("sort_order"))
    assert [n.source.proposal for n in carried] == [lower, lower]

    complete_dossier(officer_a, upper)
    workflow.submit(officer_a, upper)
    workflow.assign_appraisers(board_user, upper, [board_user])
    for nominee in upper.nominees.all():
        workflow.record_opinion(board_user, nominee, opinion=Opinion.AGREE)
    workflow.finish_appraisal(board_user, upper)
    issuing.issue_decision(approver_user, draft_for(board_user, [upper], dept_a), date=DECIDED_ON)
    assert set(Nominee.objects.filter(proposal=lower).values_list("status", flat=True)) == {
        NomineeStatus.AWARDED}


def test_only_submitted_proposals_addressed_to_the_unit_roll_up(officer_a, dept_a, school_a,
                                                                 dept_b):
    school_officer = user_with_role("unit_officer", school_a)
    lower = submitted(school_officer, school_a, school_a)
    with pytest.raises(ValidationError):
        workflow.consolidate(officer_a, [lower], unit=dept_a, recipient_unit=dept_a,
                             authority_level="unit", title="x", year=2025)


def test_consolidate_page(client, officer_a, dept_a, school_a):
    school_officer = user_with_role("unit_officer", school_a)
    lower = submitted(school_officer, school_a, dept_a)
    client.force_login(officer_a)
    page = client.get(reverse("proposals:consolidate"))
    assert lower.code in page.content.decode()
    response = client.post(reverse("proposals:consolidate"), {
        "proposals": [lower.pk], "title": "Tổng hợp", "recipient_unit": dept_a.pk,
        "authority_level": "unit"})
    lower.refresh_from_db()
    assert (response.status_code, lower.state) == (302, ProposalState.CONSOLIDATED)


def test_submission_notifies_the_board_in_app_and_by_mail(officer_a, board_user, dept_a,
                                                          django_capture_on_commit_callbacks):
    board_user.email = "ban.tdkt@example.vn"
    board_user.save()
    with django_capture_on_commit_callbacks(execute=True):
        proposal = submitted(officer_a, dept_a, dept_a)
    note = Notification.objects.get(recipient=board_user)
    assert (note.verb, note.url) == ("proposal.submitted",
                                     reverse("proposals:detail", args=[proposal.public_id]))
    assert [m.to for m in mail.outbox] == [["ban.tdkt@example.vn"]]
    assert not Notification.objects.filter(recipient=officer_a).exists()  # the actor


def test_return_notifies_the_unit(officer_a, board_user, dept_a,
                                  django_capture_on_commit_callbacks):
    proposal = submitted(officer_a, dept_a, dept_a)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.return_for_supplement(board_user, proposal, reason="Thiếu biên bản")
    note = Notification.objects.get(recipient=officer_a)
    assert note.body == f"Proposal {proposal.code} was returned for supplement: Thiếu biên bản"


def test_consultation_required_forms_cannot_skip_it(officer_a, board_user, dept_a):
    proposal = submitted(officer_a, dept_a, dept_a)
    workflow.assign_appraisers(board_user, proposal, [board_user])
    nominee = proposal.nominees.get()
    workflow.record_opinion(board_user, nominee, opinion=Opinion.CHANGE_FORM, note="Tiêu biểu",
                            final_award_type=AwardType.objects.get(code="cstd_toan_quoc"))
    with pytest.raises(ValidationError) as error:
        workflow.finish_appraisal(board_user, proposal)
    assert "requires public consultation" in error.value.messages[0]
    window = consultation.open_consultation(board_user, proposal,
                                            starts_on=datetime.date(2026, 11, 23))
    consultation.close_consultation(board_user, window, today=datetime.date(2026, 12, 31))
    workflow.finish_appraisal(board_user, proposal)
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.APPRAISED


def test_appraisers_and_council_members_are_told_to_act(officer_a, board_user, province,
                                                        dept_a,
                                                        django_capture_on_commit_callbacks):
    import datetime as dt

    from django.utils import timezone

    from proposals.domain import council
    from tests.factories import UserFactory
    from tests.proposals.helpers import appraised

    colleague = user_with_role("board_staff", province)
    proposal = submitted(officer_a, dept_a, dept_a)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.assign_appraisers(board_user, proposal, [board_user, colleague])
    assert list(Notification.objects.filter(verb="proposal.assigned")
                .values_list("recipient", flat=True)) == [colleague.pk]

    session = council.create_session(board_user, unit=province, title="Phiên họp",
                                     held_at=timezone.make_aware(dt.datetime(2026, 12, 1)),
                                     place="Tuyên Quang", total_members=1)
    member = UserFactory()
    council.seat_member(board_user, session, user=member, unit=province)
    council.put_on_agenda(board_user, session, appraised(officer_a, board_user, dept_a, dept_a))
    with django_capture_on_commit_callbacks(execute=True):
        council.open_voting(board_user, session)
    note = Notification.objects.get(verb="council.voting_open")
    assert (note.recipient, note.url) == (member, reverse("proposals:ballot",
                                                          args=[session.public_id]))
