"""The appraisal of a nominee's tracks (issue 16): the tracks only the appraisal can find met,
the findings recorded and withdrawn, and the verdict they lead to."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from core.interfaces.forms import posted
from core.interfaces.guards import get_in, require
from core.interfaces.views import form_page
from proposals.domain import findings
from proposals.domain.checks import verdict_for
from proposals.interfaces.findings import FindingForm
from proposals.interfaces.forms import ReasonForm
from proposals.models import AppraisalFinding
from proposals.views.common import get_nominee


def appraisal_url(nominee) -> str:
    return reverse("proposals:nominee_appraisal", args=[nominee.public_id])


@login_required
def nominee_appraisal(request, public_id):
    """The nominee's tracks to appraise (with their article and point), each with its recorded
    finding or a button to record one; the withdrawn findings; the verdict as it stands."""
    nominee = get_nominee(request, public_id)
    require(request, "proposals.view_proposal", nominee.proposal)
    rows = list(findings.findings_of(nominee))
    recorded = {f.code: f for f in rows if f.state == "recorded"}
    tracks = [(t, recorded.get(t.code)) for t in findings.tracks_to_appraise(nominee)]
    return render(request, "proposals/nominee_appraisal.html", {
        "nominee": nominee, "proposal": nominee.proposal, "tracks": tracks,
        "withdrawn": [f for f in rows if f.state != "recorded"],
        "verdict": verdict_for(nominee),
        "may_record": request.user.has_perm("proposals.record_finding", nominee)})


@login_required
def finding_record(request, public_id):
    """Record that a track is met (`?track=<code>` preselects it)."""
    nominee = get_nominee(request, public_id)
    require(request, "proposals.record_finding", nominee)
    recorded = set(nominee.findings.filter(state="recorded").values_list("code", flat=True))
    tracks = [t for t in findings.tracks_to_appraise(nominee) if t.code not in recorded]
    form = FindingForm(posted(request), tracks=tracks,
                       initial={"code": request.GET.get("track", "")})
    return form_page(request, form, lambda d: findings.record_finding(request.user, nominee, **d),
                     title=_("Record a track met by %(name)s — %(award)s") % {
                         "name": nominee.subject_name, "award": nominee.award_type.name},
                     submit=_("Record the finding"), done=lambda f: appraisal_url(nominee),
                     success_message=_("Finding recorded; the eligibility check is updated."))


@login_required
def finding_withdraw(request, public_id):
    finding = get_in(AppraisalFinding.objects.select_related("nominee__proposal"),
                     public_id=public_id)
    nominee = get_nominee(request, finding.nominee.public_id)  # 404 outside the user's scope
    require(request, "proposals.withdraw_finding", finding)
    return form_page(request, ReasonForm(posted(request)),
                     lambda d: findings.withdraw_finding(request.user, finding,
                                                         reason=d["reason"]),
                     title=_("Withdraw the finding %(citation)s for %(name)s") % {
                         "citation": finding.citation, "name": nominee.subject_name},
                     submit=_("Withdraw the finding"), done=lambda f: appraisal_url(nominee),
                     success_message=_("Finding withdrawn; it stays in the history."))
