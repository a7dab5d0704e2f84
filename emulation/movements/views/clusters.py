"""Cluster emulation rounds: list, open, detail (ranking, ballot, history), pact, scores,
re-scores, ballot, transitions, the minutes DOCX, and copying a criteria template."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.domain import scope
from core.interfaces.forms import apply_domain_error
from core.interfaces.guards import get_in, require
from core.interfaces.views import form_page
from core.state import available_actions
from emulation.movements.domain import cluster_rounds as domain
from emulation.movements.domain import criteria as criteria_domain
from emulation.movements.domain import feeds
from emulation.movements.domain import rescore_requests as requests_domain
from emulation.movements.domain import self_assessment as assessment
from emulation.movements.domain.queries.cluster_rounds import (
    acting_units,
    headed_cluster_ids,
    own_unit_ids,
    rounds_for_user,
)
from emulation.movements.enums import ROUND_MANAGER_ROLES, Grade, RoundState
from emulation.movements.interfaces import cluster_forms as forms
from emulation.movements.interfaces.cluster_minutes import minutes_docx
from emulation.movements.models import RescoreRequest, ScoreChange
from organisations.models import Cluster

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
TEMPLATE = "emulation/round_form.html"


def _get(request, public_id, perm="emulation.view_cluster_round"):
    cluster_round = get_in(rounds_for_user(request.user), public_id=public_id)
    require(request, perm, cluster_round)
    return cluster_round


def _url(cluster_round) -> str:
    return reverse("emulation:round_detail", args=[cluster_round.public_id])


def _managed_clusters(user):
    if scope.is_system_admin(user):
        return Cluster.objects.filter(is_active=True)
    board = scope.scope_unit_ids(user, ROUND_MANAGER_ROLES) or set()
    return Cluster.objects.filter(Q(managing_unit_id__in=board)
                                  | Q(pk__in=headed_cluster_ids(user)), is_active=True)


@login_required
def round_list(request):
    require(request, "emulation.view_cluster_round")
    return render(request, "emulation/round_list.html", {
        "rounds": rounds_for_user(request.user),
        "can_open": request.user.has_perm("emulation.manage_cluster_round")})


@login_required
def round_create(request):
    require(request, "emulation.manage_cluster_round")
    form = forms.RoundForm(request.POST or None, clusters=_managed_clusters(request.user))
    return form_page(request, form, lambda data: domain.open_round(actor=request.user, **data),
                     title=_("Open a cluster round"), submit=_("Open"), done=_url,
                     success_message=_("Round opened."), template=TEMPLATE)


@login_required
def criteria_copy(request):
    require(request, "emulation.manage_cluster_round")
    form = forms.CopySetForm(request.POST or None)
    return form_page(
        request, form, lambda data: criteria_domain.copy_criteria_set(
            data["template"], actor=request.user, name=data["name"], year=data["year"]),
        title=_("Copy a criteria template"), submit=_("Copy"),
        done=lambda _set: reverse("emulation:round_create"),
        success_message=_("Criteria set created."), template=TEMPLATE)


@login_required
def round_detail(request, public_id):
    """The round and its ranking: totals, ranks, grades, votes and the leading unit(s)."""
    cluster_round = _get(request, public_id)
    user = request.user
    rows = domain.results(cluster_round)
    # A secret ballot: nobody sees counts or the leader until the results are published.
    counts, leaders = domain.published_tally(cluster_round) or ({}, [])
    managing = user.has_perm("emulation.manage_cluster_round", cluster_round)
    history = (ScoreChange.objects.filter(score__round=cluster_round)
               .select_related("score__unit", "score__criterion", "actor")
               .order_by("-at", "-id")[:50] if managing else [])
    grades = dict(Grade.choices)
    criteria = list(criteria_domain.active(cluster_round.criteria_set))
    fed = [c for c in criteria if feeds.is_fed(c)]
    return render(request, "emulation/round_detail.html", {
        "round": cluster_round,
        "rows": [{"row": r, "grade": grades.get(r.grade, ""), "votes": counts.get(r.unit.pk, 0),
                  "leads": r.unit.pk in leaders} for r in rows],
        "criteria": criteria, "fed": fed,
        # The evidence behind system-fed points: each unit's late and missing reports.
        "evidence": (feeds.reporting_evidence([r.unit for r in rows], cluster_round.year)
                     if fed else []),
        "leaders": [(r.unit, proposal_link(r.unit)) for r in rows if r.unit.pk in leaders],
        "voted": cluster_round.receipts.count(),
        "votes_needed": domain.votes_needed(cluster_round, len(rows)),
        # Who has not voted yet (never for whom), so the managers can chase them.
        "not_voted": (domain.not_voted(cluster_round) if cluster_round.state in (
            RoundState.VOTING, RoundState.PUBLISHED) else []),
        "requests": _requests(user, cluster_round) if managing else [],
        "history": history,
        # The state-changing buttons come from the machine's table (sign_pact, open_voting,
        # publish_round); the rest are plain perms.
        "perms": {t.permission.split(".")[1]: True
                  for t in available_actions(domain.ROUND, cluster_round, user)}
        | {name: user.has_perm(f"emulation.{name}", cluster_round) for name in (
            "rescore", "score_round", "vote_round", "view_criteria_set")},
    })


def _requests(user, cluster_round) -> list[dict]:
    rows = (cluster_round.rescore_requests.select_related(
        "round__cluster", "unit", "criterion", "requested_by", "decided_by")[:50])
    return [{"request": r, "can_decide": user.has_perm("emulation.decide_rescore_request", r)}
            for r in rows]


def _leaves(cluster_round):
    return criteria_domain.leaves(criteria_domain.active(cluster_round.criteria_set))


def _by_code(items, code):
    return next(item for item in items if item.code == code)


@login_required
def round_pact(request, public_id):
    cluster_round = _get(request, public_id, "emulation.sign_pact")
    return form_page(
        request, forms.PactForm(request.POST or None),
        lambda data: domain.sign_pact(cluster_round, actor=request.user, **data),
        title=_("Sign the emulation pact"), submit=_("Record the signed pact"), done=_url,
        success_message=_("Pact recorded; scoring is open."), template=TEMPLATE)


@login_required
def round_score(request, public_id):
    cluster_round = _get(request, public_id, "emulation.score_round")
    scorers = acting_units(request.user, cluster_round)
    units = domain.member_units(cluster_round)
    leaves = [c for c in _leaves(cluster_round) if not feeds.is_fed(c)]  # the system scores those
    form = forms.ScoreForm(request.POST or None, request.FILES or None, scorers=scorers,
                           units=units, criteria=leaves)

    def save(data):
        scorer, unit = _by_code(scorers, data["scorer_unit"]), _by_code(units, data["unit"])
        criterion = _by_code(leaves, data["criterion"])
        if scorer.pk == unit.pk:
            return domain.self_assess(cluster_round, actor=request.user, unit=unit,
                                      criterion=criterion, points=data["points"],
                                      evidence_text=data["evidence_text"],
                                      evidence_file=data["evidence_file"])
        return domain.score_peer(cluster_round, actor=request.user, scorer_unit=scorer,
                                 unit=unit, criterion=criterion, points=data["points"])

    return form_page(request, form, save, title=_("Enter a score"), submit=_("Save"),
                     done=lambda _s: reverse("emulation:round_score",
                                             args=[cluster_round.public_id]),
                     success_message=_("Score saved."), template=TEMPLATE)


@login_required
def round_self_assess(request, public_id):
    """The acting unit's self-assessment of the whole set on one page (`?unit=` picks the unit
    when the user acts for several)."""
    cluster_round = _get(request, public_id, "emulation.score_round")
    acting = acting_units(request.user, cluster_round)
    unit = next((u for u in acting if u.code == request.GET.get("unit")), acting[0])
    leaves = [c for c in _leaves(cluster_round) if not feeds.is_fed(c)]
    form = forms.SelfAssessmentForm(request.POST or None, criteria=leaves,
                                    current=assessment.own_scores(cluster_round, unit))
    if request.method == "POST" and form.is_valid():
        try:
            written = assessment.self_assess_all(cluster_round, actor=request.user, unit=unit,
                                                 lines=form.lines())
        except ValidationError as error:
            apply_domain_error(form, error)
        else:
            messages.success(request, _("Self-assessment of %(unit)s saved (%(n)s "
                                        "criteria changed).") % {"unit": unit.name,
                                                                 "n": written})
            return redirect(_url(cluster_round))
    return render(request, "emulation/round_self_assess.html", {
        "round": cluster_round, "form": form, "unit": unit, "acting": acting})


@login_required
def round_rescore(request, public_id):
    """The head or board re-scores a criterion; for a unit the user belongs to (the head's own
    unit) the same form files a request that someone without the conflict decides."""
    cluster_round = _get(request, public_id, "emulation.rescore")
    units, leaves = domain.member_units(cluster_round), _leaves(cluster_round)
    own = own_unit_ids(request.user, cluster_round)
    form = forms.RescoreForm(request.POST or None, units=units, criteria=leaves)

    def save(data):
        unit = _by_code(units, data["unit"])
        change = requests_domain.request_rescore if unit.pk in own else domain.rescore
        return change(cluster_round, actor=request.user, unit=unit,
                      criterion=_by_code(leaves, data["criterion"]), points=data["points"],
                      reason=data["reason"])

    return form_page(
        request, form, save, title=_("Re-score a criterion"), submit=_("Save"),
        done=lambda _s: _url(cluster_round),
        success_message=lambda result: _(
            "%(unit)s is your own unit: the re-score was sent to the board as a request and "
            "applies only when approved.") % {"unit": result.unit.name}
        if isinstance(result, RescoreRequest) else _("Score changed."), template=TEMPLATE)


@login_required
def rescore_request_decide(request, public_id):
    """Approve (apply) or refuse a re-score request; only a manager without the conflict."""
    rescore_request = get_in(RescoreRequest.objects.filter(
        round__in=rounds_for_user(request.user)).select_related(
        "round__cluster", "unit", "criterion", "requested_by"), public_id=public_id)
    require(request, "emulation.decide_rescore_request", rescore_request)
    decide = {"approve": requests_domain.approve, "refuse": requests_domain.refuse}
    return form_page(
        request, forms.RescoreDecisionForm(request.POST or None),
        lambda data: decide[data["decision"]](rescore_request, actor=request.user,
                                              note=data["note"]),
        title=_("Re-score request: %(unit)s, criterion %(code)s → %(points)s") % {
            "unit": rescore_request.unit.name, "code": rescore_request.criterion.code,
            "points": rescore_request.points},
        submit=_("Record the decision"), done=lambda r: _url(r.round),
        success_message=lambda r: _("Request %(state)s.") % {
            "state": r.get_state_display().lower()}, template=TEMPLATE)


@login_required
def round_vote(request, public_id):
    cluster_round = _get(request, public_id, "emulation.vote_round")
    voters, units = acting_units(request.user, cluster_round), domain.member_units(cluster_round)
    form = forms.VoteForm(request.POST or None, voters=voters, units=units)
    return form_page(
        request, form, lambda data: domain.cast_vote(
            cluster_round, actor=request.user, voter_unit=_by_code(voters, data["voter_unit"]),
            candidate=_by_code(units, data["candidate"])),
        title=_("Secret ballot: propose the leading unit"), submit=_("Cast the vote"),
        done=lambda _r: _url(cluster_round), success_message=_("Vote cast."),
        template=TEMPLATE)


TRANSITIONS = {"open_voting": (domain.open_voting, gettext_lazy("Voting opened.")),
               "publish": (domain.publish, gettext_lazy("Results published and locked."))}
TRANSITION_PERMS = {name: domain.ROUND[name].permission for name in TRANSITIONS}
# What each step cannot take back, said on its confirmation page before the click that counts.
TRANSITION_PAGES = {
    "open_voting": (gettext_lazy("Close scoring and open the ballot"), gettext_lazy(
        "This cannot be undone: once scoring is closed no score can be entered or changed in "
        "this round, and the member units start voting.")),
    "publish": (gettext_lazy("Publish and lock the results"), gettext_lazy(
        "This cannot be undone: the ranking and the vote are locked for good and shown to "
        "every member unit.")),
}


@login_required
def round_transition(request, public_id, action):
    """GET: the confirmation page saying what cannot be undone; POST: the step itself."""
    if action not in TRANSITIONS:
        return HttpResponse(status=404)
    cluster_round = _get(request, public_id, TRANSITION_PERMS[action])
    if request.method != "POST":
        title, warning = TRANSITION_PAGES[action]
        return render(request, "emulation/round_confirm.html", {
            "round": cluster_round, "title": title, "warning": warning})
    change, done = TRANSITIONS[action]
    try:
        change(cluster_round, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, str(done))
    return redirect(_url(cluster_round))


@login_required
def round_minutes(request, public_id):
    cluster_round = _get(request, public_id)
    response = HttpResponse(minutes_docx(cluster_round), content_type=DOCX)
    response["Content-Disposition"] = (
        f'attachment; filename="bien-ban-cum-{cluster_round.cluster.code}-'
        f'{cluster_round.year}.docx"')
    return response


def proposal_link(unit) -> str:
    """Where to start a proposal for the provincial emulation flag (cờ thi đua tỉnh)."""
    return "/proposals/new/?" + urlencode({"award": "co_thi_dua_tinh", "unit": unit.code})
