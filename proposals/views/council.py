"""Council sessions: seats, agenda, the ballot, the tally and the minutes."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.domain import scope
from core.interfaces.forms import posted
from core.interfaces.guards import get_in, require
from core.interfaces.kept_pages import kept_page
from core.interfaces.views import form_page
from core.state import available_actions
from organisations.models import UnitClosure
from proposals.domain import council
from proposals.domain.queries import proposals_for_user
from proposals.domain.queries.council import seat_of, sessions_for_user
from proposals.enums import BOARD, ProposalState, SessionState, Vote
from proposals.interfaces.forms import (
    AgendaForm,
    CloseSessionForm,
    ConfirmForm,
    SeatForm,
    SessionForm,
)
from proposals.interfaces.minutes import minutes_docx, minutes_pdf
from proposals.models import VoteReceipt

FORM = "core/form.html"


def _url(session) -> str:
    return reverse("proposals:session_detail", args=[session.public_id])


def _session(request, public_id):
    return get_in(sessions_for_user(request.user), public_id=public_id)


def _manage(request, session):
    """Only board staff of the council's unit manage its sessions."""
    require(request, "proposals.manage_council")
    if not _is_board_of(request.user, session):
        raise PermissionDenied


def _is_board_of(user, session) -> bool:
    return scope.unit_in_scope(user, session.unit_id, BOARD)


@login_required
def session_list(request):
    require(request, "proposals.view_council")
    return kept_page(request, SESSION_LIST_TABLES, lambda: _session_list(request))


# Every table the list's statements read (tests/proposals/test_lists_kept.py captures them):
# its page is kept under their epochs (core.interfaces.kept_pages).
SESSION_LIST_TABLES = ("organisations_unit", "organisations_unitclosure",
                       "proposals_councilmember", "proposals_councilsession")


def _session_list(request):
    sessions = sessions_for_user(request.user).order_by("-held_at")[:100]
    return render(request, "proposals/session_list.html", {
        "sessions": sessions, "can_add": request.user.has_perm("proposals.manage_council")})


@login_required
def session_create(request):
    require(request, "proposals.manage_council")
    form = SessionForm(posted(request), user=request.user)
    return form_page(request, form, lambda d: council.create_session(request.user, **d),
                     title=_("New council session"), submit=_("Create"), done=_url,
                     success_message=_("Session created: seat the members and set the "
                                       "agenda."), template=FORM)


@login_required
def session_detail(request, public_id):
    session = _session(request, public_id)
    is_board = _is_board_of(request.user, session)
    seat = seat_of(request.user, session)
    # Secret ballot (Decree 98/2023 Art. 30.7): no count, not even to the board, until the
    # session is closed — a running tally would let anyone steer the remaining votes.
    rows = council.tally(session) if session.state == SessionState.CLOSED else []
    # Open / close come from the machine's table; the board of another unit sees neither.
    steps = {t.name for t in available_actions(council.SESSION, session, request.user)
             } if is_board else set()
    return render(request, "proposals/session_detail.html", {
        "session": session, "members": session.members.select_related("user", "unit"),
        "steps": steps,
        "agenda": session.proposals.select_related("unit"), "rows": rows, "seat": seat,
        "is_board": is_board, "members_voted": council.members_voted(session)})


@login_required
def session_seat(request, public_id):
    session = _session(request, public_id)
    _manage(request, session)
    return form_page(request, SeatForm(posted(request)),
                     lambda d: council.seat_member(request.user, session, **d),
                     title=_("Seat a member"), submit=_("Seat"), done=lambda m: _url(session),
                     success_message=_("Member seated."), template=FORM)


@login_required
def session_agenda(request, public_id):
    session = _session(request, public_id)
    _manage(request, session)
    # Only proposals addressed to the council's authority or below it (council.put_on_agenda).
    ready = proposals_for_user(request.user).filter(
        state=ProposalState.APPRAISED,
        recipient_unit__in=UnitClosure.objects.filter(ancestor=session.unit)
        .values("descendant_id"))
    return form_page(request, AgendaForm(posted(request), proposals=ready),
                     lambda d: council.put_on_agenda(request.user, session, d["proposal"]),
                     title=_("Put a proposal on the agenda"), submit=_("Add"),
                     done=lambda r: _url(session), success_message=_("Added to the agenda."),
                     template=FORM)


@login_required
def session_open(request, public_id):
    session = _session(request, public_id)
    _manage(request, session)
    return form_page(request, ConfirmForm(posted(request)),
                     lambda d: council.open_voting(request.user, session),
                     title=_("Open voting"), submit=_("Open voting"),
                     done=lambda r: _url(session), success_message=_("Voting is open."),
                     template=FORM)


@login_required
def session_close(request, public_id):
    session = _session(request, public_id)
    _manage(request, session)
    return form_page(request, CloseSessionForm(posted(request), session=session),
                     lambda d: council.close_session(request.user, session, **d),
                     title=_("Close the session and tally"), submit=_("Close and tally"),
                     done=lambda r: _url(session),
                     success_message=_("Session closed; the results are final."),
                     template=FORM)


@login_required
def ballot(request, public_id):
    """The member's ballot: one vote per nominee on the agenda (recused ones excluded)."""
    session = _session(request, public_id)
    seat = seat_of(request.user, session)
    if seat is None:
        raise PermissionDenied
    voted = set(VoteReceipt.objects.filter(session=session, member=seat)
                .values_list("nominee_id", flat=True))
    covered = council.covered_units([seat], session)
    nominees = [n for n in council.agenda_nominees(session)
                if not council.is_recused(seat, n, session, covered)]
    if request.method == "POST":
        cast = 0
        for nominee in nominees:
            choice = request.POST.get(f"vote-{nominee.public_id}")
            if choice and nominee.pk not in voted:
                try:
                    council.cast_vote(seat, nominee, choice)
                    cast += 1
                except ValidationError as error:
                    messages.error(request, f"{nominee.subject_name}: "
                                            f"{' '.join(error.messages)}")
        messages.success(request, _("%(n)s vote(s) recorded.") % {"n": cast})
        return redirect(reverse("proposals:ballot", args=[session.public_id]))
    return render(request, "proposals/ballot.html", {
        "session": session, "nominees": nominees, "voted": voted, "votes": Vote.choices})


@login_required
def minutes(request, public_id, fmt):
    session = _session(request, public_id)
    if session.state != SessionState.CLOSED:
        messages.error(request, _("The minutes are available once the session is closed."))
        return redirect(_url(session))
    if fmt == "pdf":
        content, kind = minutes_pdf(session), "application/pdf"
    else:
        content = minutes_docx(session)
        kind = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    response = HttpResponse(content, content_type=kind)
    response["Content-Disposition"] = (
        f'attachment; filename="bien-ban-hoi-dong-{session.held_at:%Y%m%d}.{fmt}"')
    return response
