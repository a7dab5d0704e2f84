"""Council sessions (Hội đồng Thi đua – Khen thưởng): seats, agenda, ballots and the tally.

Thresholds are shares of ALL members of the council (Decree 98/2023 Art. 30.7; catalogue
parameter `vote_share`, e.g. 80 % for CSTĐ cơ sở, 90 % for CSTĐ tỉnh); members from a
nominee's own unit are recused from that nominee and do not count in its base. Absent members
may vote in writing (legal-reference §0.3), so ballots are counted on the members seated.
Votes are final once the session closes."""

from fractions import Fraction

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from audit.domain.record import record
from core import state
from notifications.domain.notify import notify
from organisations.models import UnitClosure
from proposals.domain.checks import parameter_in_force
from proposals.domain.deadlines import parameter
from proposals.domain.initiatives import release_claims
from proposals.domain.states import NOMINEE, set_proposal_state
from proposals.enums import BallotKind, NomineeStatus, SessionState, Vote
from proposals.enums import ProposalState as S
from proposals.models import Ballot, CouncilMember, CouncilSession, Nominee, VoteReceipt

VOTING = (NomineeStatus.AGREED, NomineeStatus.PASSED, NomineeStatus.FAILED)


@transaction.atomic
def create_session(actor, *, unit, title, held_at, place, total_members,
                   ballot=BallotKind.SECRET) -> CouncilSession:
    """Side effect: audit `proposals.session.create`."""
    session = CouncilSession(unit=unit, title=title, held_at=held_at, place=place,
                             total_members=total_members, ballot=ballot, created_by=actor)
    session.full_clean()
    session.save()
    record(actor, "proposals.session.create", session, unit=unit)
    return session


# A session is planned (seats and agenda are set), then open for voting, then closed: the
# votes are final (Decree 98/2023 Art. 30.7). Both steps are the board's, on the session page.
SESSION = state.Machine(
    name="proposals.session", model=CouncilSession, states=SessionState, audit=record,
    audit_context=lambda session: {"unit": session.unit}, related=("unit",),
    transitions=(
        state.step("open", SessionState.PLANNED, SessionState.OPEN, gettext_lazy("Open voting"),
                   permission="proposals.manage_council",
                   refusal=gettext_lazy("The session has already opened; its members and "
                                        "agenda are fixed.")),
        state.step("close", SessionState.OPEN, SessionState.CLOSED,
                   gettext_lazy("Close and tally"), permission="proposals.manage_council",
                   irreversible=True,
                   refusal=gettext_lazy("Only an open session can be closed.")),
    ))


@transaction.atomic
def seat_member(actor, session: CouncilSession, *, user, unit, role=CouncilMember.MEMBER,
                present=True, position: str = "") -> CouncilMember:
    """Side effect: audit `proposals.session.seat`."""
    locked = state.lock(SESSION, session)
    state.check(SESSION, locked, "open")  # seats and agenda are fixed once voting opens
    if locked.members.count() >= locked.total_members:
        raise ValidationError(_("All %(n)s seats of the council are taken.") % {
            "n": locked.total_members})
    try:
        with transaction.atomic():
            member = CouncilMember.objects.create(session=locked, user=user, unit=unit,
                                                  role=role, present=present,
                                                  position=position.strip())
    except IntegrityError as exc:
        raise ValidationError({"user": _("This member already has a seat.")}) from exc
    record(actor, "proposals.session.seat", locked, unit=locked.unit,
           changes={"member": [None, user.get_username()]})
    return member


@transaction.atomic
def put_on_agenda(actor, session: CouncilSession, proposal) -> None:
    """Only a proposal addressed to the council's own authority or to one below it (a
    department or commune votes in its own council; the province's council may sit for a
    body without one) — never another body's. Side effects: agenda entry; proposal state →
    in_council (audit, notification)."""
    locked = state.lock(SESSION, session)
    state.check(SESSION, locked, "open")  # seats and agenda are fixed once voting opens
    if not UnitClosure.objects.filter(ancestor_id=locked.unit_id,
                                      descendant_id=proposal.recipient_unit_id).exists():
        raise ValidationError({"proposal": _(
            "Proposal %(code)s is addressed to %(unit)s: it cannot go to the council of "
            "%(council)s.") % {"code": proposal.code, "unit": proposal.recipient_unit.name,
                               "council": locked.unit.name}})
    set_proposal_state(proposal, S.IN_COUNCIL, actor=actor, expected=S.APPRAISED)
    locked.proposals.add(proposal)
    record(actor, "proposals.session.agenda", locked, unit=locked.unit,
           changes={"proposal": [None, proposal.code]})


def agenda_nominees(session: CouncilSession):
    return (Nominee.objects.filter(proposal__council_sessions=session, status__in=VOTING)
            .select_related("proposal", "award_type", "final_award_type", "unit", "person",
                            "collective", "household")
            .order_by("proposal__code", "sort_order"))


def covered_units(members, session: CouncilSession) -> dict[int, set[int]]:
    """member unit id → the units a member from it is recused for: the unit and, unless it is
    the council's own unit, its subtree. One closure query for all members."""
    covered = {m.unit_id: {m.unit_id} for m in members}
    below = [u for u in covered if u != session.unit_id]
    for ancestor, descendant in UnitClosure.objects.filter(ancestor_id__in=below).values_list(
            "ancestor_id", "descendant_id"):
        covered[ancestor].add(descendant)
    return covered


def is_recused(member: CouncilMember, nominee: Nominee, session: CouncilSession,
               covered: dict[int, set[int]] | None = None) -> bool:
    """A member from the nominee's own unit (or a unit above it, other than the council's own
    unit) does not vote on that nominee."""
    covered = covered if covered is not None else covered_units([member], session)
    return nominee.unit_id in covered[member.unit_id]


@transaction.atomic
def open_voting(actor, session: CouncilSession) -> CouncilSession:
    """Needs a quorum of members present and a non-empty agenda. Side effects: audit; the
    members are notified (in-app and e-mail) on commit."""
    locked = state.lock(SESSION, session)
    state.check(SESSION, locked, "open")  # seats and agenda are fixed once voting opens
    present = locked.members.filter(present=True).count()
    quorum = Fraction(str(parameter("council.quorum", 2 / 3))).limit_denominator(100)
    if present < quorum * locked.total_members:
        raise ValidationError(_("No quorum: %(present)s of %(total)s members present.") % {
            "present": present, "total": locked.total_members})
    if not agenda_nominees(locked).exists():
        raise ValidationError(_("The agenda has no nominee to vote on."))
    state.transition(locked, SESSION, "open", actor, locked=True,
                     fields={"opened_at": timezone.now()})
    members = [m.user for m in locked.members.select_related("user")]
    transaction.on_commit(lambda: notify(
        members, verb="council.voting_open", title=locked.title,
        body=_("Voting is open: cast your ballot."), actor=actor,
        url=reverse("proposals:ballot", args=[locked.public_id])))
    return locked


@transaction.atomic
def cast_vote(member: CouncilMember, nominee: Nominee, vote: str) -> None:
    """One member's vote on one nominee. Under a secret ballot the vote row carries no member;
    the receipt stops a second vote. Side effect: audit `proposals.session.vote` (who voted,
    never how, under a secret ballot)."""
    session = CouncilSession.objects.select_for_update().get(pk=member.session_id)
    if not state.can_move(SESSION, session, "close"):  # open: the votes are not final yet
        raise ValidationError(_("Voting is not open."))
    if not agenda_nominees(session).filter(pk=nominee.pk).exists():
        raise ValidationError(_("This nominee is not on the agenda."))
    if vote not in Vote.values:
        raise ValidationError({"vote": _("Choose agree, disagree or abstain.")})
    if is_recused(member, nominee, session):
        raise ValidationError(_("You are recused: the nominee is from your unit."))
    try:
        with transaction.atomic():
            VoteReceipt.objects.create(session=session, nominee=nominee, member=member)
    except IntegrityError as exc:
        raise ValidationError(_("You have already voted on this nominee.")) from exc
    secret = session.ballot == BallotKind.SECRET
    Ballot.objects.create(session=session, nominee=nominee, vote=vote,
                          member=None if secret else member)
    record(member.user, "proposals.session.vote", session, unit=session.unit,
           label=f"{session}: {nominee}",
           changes={} if secret else {"vote": [None, vote]})


def members_voted(session: CouncilSession) -> int:
    """How many members have cast at least one vote: all that may be shown while voting is
    open (never a count per nominee or per option)."""
    return VoteReceipt.objects.filter(session=session).values("member").distinct().count()


def threshold(nominee: Nominee, on) -> tuple[Fraction, bool, str]:
    """(share, inclusive, citation): the catalogue's vote share (≥) or the default (>)."""
    row = parameter_in_force(nominee.award_for_decision, "vote_share", on)
    if row is not None:
        return Fraction(str(row.value)), True, row.citation
    return (Fraction(str(parameter("council.default_share", 0.5))), False,
            "Quy chế hoạt động của Hội đồng TĐKT")


def tally(session: CouncilSession) -> list[dict]:
    """Per nominee: votes, the base (members not recused), the share, the threshold, passed."""
    counts: dict[int, dict] = {}
    for nominee_id, vote in Ballot.objects.filter(session=session).values_list("nominee_id",
                                                                                 "vote"):
        counts.setdefault(nominee_id, dict.fromkeys(Vote.values, 0))[vote] += 1
    members = list(session.members.all())
    covered = covered_units(members, session)
    thresholds: dict[int, tuple] = {}
    rows = []
    on = session.held_at.date()
    for nominee in agenda_nominees(session):
        votes = counts.get(nominee.pk, dict.fromkeys(Vote.values, 0))
        recused = sum(1 for m in members if is_recused(m, nominee, session, covered))
        base = max(session.total_members - recused, 1)
        award_id = nominee.award_for_decision.pk
        if award_id not in thresholds:  # one lookup per form, not per nominee
            thresholds[award_id] = threshold(nominee, on)
        share, inclusive, citation = thresholds[award_id]
        ratio = Fraction(votes[Vote.AGREE], base)
        rows.append({"nominee": nominee, "votes": votes, "base": base, "recused": recused,
                     "share": ratio, "threshold": share, "inclusive": inclusive,
                     "citation": citation,
                     "passed": ratio >= share if inclusive else ratio > share})
    return rows


def check_end(session: CouncilSession, ended_at) -> None:
    """The minutes state the start and the end of the meeting (Decree 30/2020 Appx III,
    Mẫu 1.9): a meeting cannot end before it starts."""
    if ended_at < session.held_at:
        start = timezone.localtime(session.held_at)
        raise ValidationError({"ended_at": _(
            "The meeting cannot end before it started (%(start)s): enter an end time at or "
            "after the start.") % {"start": start.strftime("%H:%M %d/%m/%Y")}})


@transaction.atomic
def close_session(actor, session: CouncilSession, *, ended_at=None) -> list[dict]:
    """Tally and close: each nominee passed or failed; each proposal on the agenda → council
    done. Votes are final afterwards. `ended_at`: when the meeting ended, for the minutes
    (default now); never before it started. Side effects: nominee statuses and vote counts;
    audit `proposals.session.close`; proposal states (audit, notifications to approvers)."""
    locked = state.lock(SESSION, session)
    state.check(SESSION, locked, "close")
    ended_at = ended_at or timezone.now()
    check_end(locked, ended_at)
    rows = tally(locked)
    for row in rows:
        nominee = row["nominee"]
        state.transition(Nominee.objects.filter(pk=nominee.pk), NOMINEE,
                         "pass" if row["passed"] else "fail", actor, fields={
                             "votes_agree": row["votes"][Vote.AGREE],
                             "votes_disagree": row["votes"][Vote.DISAGREE],
                             "votes_abstain": row["votes"][Vote.ABSTAIN]})
        if not row["passed"]:
            release_claims(actor, nominee, reason=_("Not passed by the council"))
    state.transition(locked, SESSION, "close", actor, locked=True,
                     fields={"closed_at": timezone.now(), "ended_at": ended_at},
                     changes={"passed": [None, sum(1 for r in rows if r["passed"])],
                              "failed": [None, sum(1 for r in rows if not r["passed"])]})
    for proposal in locked.proposals.filter(state=S.IN_COUNCIL):
        set_proposal_state(proposal, S.COUNCIL_DONE, actor=actor, expected=S.IN_COUNCIL)
    return rows
