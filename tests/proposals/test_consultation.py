import datetime

import pytest
from django.core.exceptions import ValidationError

from audit.models import AuditEntry
from proposals.domain import consultation, workflow
from proposals.enums import CommentState, ProposalState
from proposals.models import PublicComment
from tests.proposals.helpers import submitted


@pytest.fixture
def appraising(officer_a, board_user, dept_a):
    proposal = submitted(officer_a, dept_a, dept_a)
    workflow.assign_appraisers(board_user, proposal, [board_user])
    return proposal


def test_window_counts_working_days_and_skips_holidays(board_user, appraising):
    # Thursday 30/4/2026 and Friday 1/5/2026 are public holidays (Labour Code 2019 Art. 112);
    # the window counts its first day: Tue 28/4, Wed 29/4, then Mon 4/5.
    window = consultation.open_consultation(board_user, appraising,
                                            starts_on=datetime.date(2026, 4, 28),
                                            working_days=3)
    assert window.ends_on == datetime.date(2026, 5, 4)
    appraising.refresh_from_db()
    assert appraising.state == ProposalState.CONSULTATION


def test_cannot_start_on_a_holiday(board_user, appraising):
    # Monday 27/4/2026 replaces Giỗ Tổ Hùng Vương (Sunday 26/4) — Labour Code 2019 Art. 111.3.
    with pytest.raises(ValidationError):
        consultation.open_consultation(board_user, appraising,
                                       starts_on=datetime.date(2026, 4, 27))
    with pytest.raises(ValidationError) as error:
        consultation.open_consultation(board_user, appraising,
                                       starts_on=datetime.date(2026, 9, 2))
    assert list(error.value.message_dict) == ["starts_on"]


def test_comments_are_throttled_and_resolved_before_finishing(board_user, appraising):
    window = consultation.open_consultation(board_user, appraising,
                                            starts_on=datetime.date(2026, 11, 23))
    today = datetime.date(2026, 11, 24)
    comments = [consultation.leave_comment(window, author_name="Trần Văn Dân",
                                           contact="0912345678", body=f"Ý kiến {i}",
                                           address="10.0.0.1", today=today)
                for i in range(5)]
    with pytest.raises(consultation.TooManyComments):
        consultation.leave_comment(window, author_name="X", contact="x@example.vn", body="…",
                                   address="10.0.0.1", today=today)
    consultation.close_consultation(board_user, window, today=datetime.date(2026, 12, 8))
    workflow.record_opinion(board_user, appraising.nominees.get(), opinion="agree")
    with pytest.raises(ValidationError) as error:
        workflow.finish_appraisal(board_user, appraising)
    assert error.value.messages == ["Resolve every public comment first."]
    for comment in comments:
        consultation.resolve_comment(board_user, comment, resolution="Đã xác minh, không "
                                     "ảnh hưởng")
    workflow.finish_appraisal(board_user, appraising)
    appraising.refresh_from_db()
    assert {c.state for c in window.comments.all()} == {CommentState.RESOLVED}
    assert appraising.state == ProposalState.APPRAISED


def test_comment_outside_the_window_refused(board_user, appraising):
    window = consultation.open_consultation(board_user, appraising,
                                            starts_on=datetime.date(2026, 11, 23))
    with pytest.raises(ValidationError):
        consultation.leave_comment(window, author_name="A", contact="a@b.vn", body="…",
                                   address="1.1.1.1", today=datetime.date(2027, 1, 5))


@pytest.mark.parametrize("current", CommentState.values)
def test_a_comment_is_resolved_once(current, board_user, appraising):
    window = consultation.open_consultation(board_user, appraising,
                                            starts_on=datetime.date(2026, 11, 23))
    comment = consultation.leave_comment(window, author_name="Trần Văn Dân",
                                         contact="0912345678",
                                         body="Ý kiến", address="10.0.0.2",
                                         today=datetime.date(2026, 11, 24))
    PublicComment.objects.filter(pk=comment.pk).update(state=current)
    if current == CommentState.RESOLVED:
        with pytest.raises(ValidationError) as error:
            consultation.resolve_comment(board_user, comment, resolution="Đã xác minh")
        assert error.value.messages == ["Someone else has already resolved this comment."]
        return
    consultation.resolve_comment(board_user, comment, resolution="Đã xác minh")
    entry = AuditEntry.objects.get(action="proposals.comment.resolve")
    comment.refresh_from_db()
    assert (comment.state, comment.resolution, comment.resolved_by, entry.reason,
            entry.changes) == (CommentState.RESOLVED, "Đã xác minh", board_user, "Đã xác minh",
                               {"state": ["new", "resolved"]})
