"""The council's minutes name people by full name and position, state an end time that is not
before the start, and put the locality — not the meeting room — on the place-and-date line."""

import datetime
import io

import docx
import pypdf
import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from proposals.domain import council
from proposals.enums import SessionState, Vote
from proposals.interfaces.minutes import build, minutes_docx, minutes_pdf
from proposals.models import CouncilMember
from tests.factories import UserFactory
from tests.proposals.helpers import appraised

START = timezone.make_aware(datetime.datetime(2026, 12, 1, 8, 0))
ROOM = "Phòng họp số 2, Trụ sở Ủy ban nhân dân tỉnh"


@pytest.fixture
def session(board_user, officer_a, province, dept_a, dept_b):
    """An open 3-member council: a chair with a position, a secretary without one, and a
    member whose account has no full name (only a login name)."""
    proposal = appraised(officer_a, board_user, dept_a, dept_a)
    session = council.create_session(board_user, unit=province, title="Phiên họp Hội đồng TĐKT",
                                     place=ROOM, held_at=START, total_members=3)
    seats = [
        council.seat_member(board_user, session, unit=province, role=CouncilMember.CHAIR,
                            user=UserFactory(username="chutich", full_name="Trần Văn Chủ"),
                            position="Phó Chủ tịch Ủy ban nhân dân tỉnh"),
        council.seat_member(board_user, session, unit=dept_b, role=CouncilMember.SECRETARY,
                            user=UserFactory(username="thuky", full_name="Lê Thị Ký")),
        council.seat_member(board_user, session, unit=province,
                            user=UserFactory(username="nobody7", full_name=""))]
    council.put_on_agenda(board_user, session, proposal)
    council.open_voting(board_user, session)
    for seat in seats:
        council.cast_vote(seat, proposal.nominees.get(), Vote.AGREE)
    return session


def _closed(board_user, session, hour=10, minute=15):
    council.close_session(board_user, session, ended_at=START.replace(hour=hour, minute=minute))
    session.refresh_from_db()
    return session


def _docx_text(data: bytes) -> list[str]:
    document = docx.Document(io.BytesIO(data))
    cells = [p.text for t in document.tables for c in t._cells for p in c.paragraphs]
    return [p.text for p in document.paragraphs] + cells


def test_minutes_name_people_by_full_name_and_position(board_user, session):
    minutes = build(_closed(board_user, session))
    assert minutes.chair == ("Trần Văn Chủ, Phó Chủ tịch Ủy ban nhân dân tỉnh – "
                             "Chủ tịch Hội đồng")
    assert minutes.secretary == "Lê Thị Ký, Sở Y tế – Thư ký Hội đồng"
    assert minutes.attendees == (
        "Trần Văn Chủ, Phó Chủ tịch Ủy ban nhân dân tỉnh – Chủ tịch Hội đồng",
        "……………………, Ủy ban nhân dân tỉnh Thử Nghiệm – Ủy viên Hội đồng",
        "Lê Thị Ký, Sở Y tế – Thư ký Hội đồng")
    assert minutes.signatures == ("Lê Thị Ký", "Trần Văn Chủ")


def test_minutes_docx_never_prints_a_login_name(board_user, session):
    text = "\n".join(_docx_text(minutes_docx(_closed(board_user, session))))
    assert "Chủ trì (chủ tọa): Trần Văn Chủ, Phó Chủ tịch Ủy ban nhân dân tỉnh – Chủ tịch Hội " \
           "đồng." in text
    assert [login for login in ("chutich", "thuky", "nobody7") if login in text] == []


def test_minutes_place_line_is_the_locality_and_the_venue_its_own_line(board_user, session):
    lines = _docx_text(minutes_docx(_closed(board_user, session)))
    assert "Thử Nghiệm, ngày 01 tháng 12 năm 2026" in lines
    assert f"Địa điểm: {ROOM}." in lines
    assert [line for line in lines if line.startswith("Trụ sở")] == []


def test_minutes_state_the_end_entered_on_closing(board_user, session):
    closed = _closed(board_user, session)
    assert closed.ended_at == START.replace(hour=10, minute=15)
    lines = _docx_text(minutes_docx(closed))
    assert "Thời gian bắt đầu: 08 giờ 00 phút, ngày 01 tháng 12 năm 2026." in lines
    assert "Cuộc họp kết thúc vào 10 giờ 15 phút, ngày 01 tháng 12 năm 2026./." in lines
    pdf = pypdf.PdfReader(io.BytesIO(minutes_pdf(closed)))
    assert "Cuộc họp kết thúc vào 10 giờ 15 phút" in pdf.pages[-1].extract_text().replace(
        "\n", " ")


def test_closing_before_the_start_is_refused_by_the_domain(board_user, session):
    with pytest.raises(ValidationError) as error:
        council.close_session(board_user, session, ended_at=START.replace(hour=7))
    assert error.value.message_dict == {"ended_at": [
        "The meeting cannot end before it started (08:00 01/12/2026): enter an end time at or "
        "after the start."]}
    session.refresh_from_db()
    assert (session.state, session.ended_at) == (SessionState.OPEN, None)


def test_minutes_of_a_session_closed_before_its_start_never_end_before_it(board_user, session):
    """Sessions closed before the end time was asked: the closing time, but not before the
    start."""
    type(session).objects.filter(pk=session.pk).update(
        state=SessionState.CLOSED, closed_at=START - datetime.timedelta(hours=2))
    session.refresh_from_db()
    assert build(session).ended_at == datetime.datetime(2026, 12, 1, 8, 0)


def test_close_form_shows_the_error_on_the_end_field(client, board_user, session):
    client.force_login(board_user)
    url = reverse("proposals:session_close", args=[session.public_id])
    response = client.post(url, {"ended_at": "2026-12-01T07:30"})
    assert response.status_code == 200
    assert response.context["form"].errors == {"ended_at": [
        "Cuộc họp không thể kết thúc trước khi bắt đầu (08:00 01/12/2026): nhập thời điểm kết "
        "thúc từ lúc bắt đầu trở đi."]}
    done = client.post(url, {"ended_at": "2026-12-01T11:05"})
    assert done.status_code == 302
    session.refresh_from_db()
    assert timezone.localtime(session.ended_at).strftime("%H:%M") == "11:05"


def test_close_form_outsider_gets_404(client, outsider, session):
    client.force_login(outsider)
    url = reverse("proposals:session_close", args=[session.public_id])
    assert client.post(url, {"ended_at": "2026-12-01T11:05"}).status_code == 404
    session.refresh_from_db()
    assert session.state == SessionState.OPEN
