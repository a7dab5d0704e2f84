"""Helpers shared by the proposals views."""

from django.urls import reverse

from core.interfaces.guards import get_in
from proposals.domain.queries import proposals_for_user
from proposals.models import Nominee


def get_proposal(request, public_id):
    return get_in(proposals_for_user(request.user), public_id=public_id)


def get_nominee(request, public_id) -> Nominee:
    nominee = get_in(Nominee.objects.select_related("proposal", "award_type"),
                     public_id=public_id)
    get_proposal(request, nominee.proposal.public_id)  # 404 when the proposal is out of scope
    return nominee


def detail_url(proposal) -> str:
    return reverse("proposals:detail", args=[proposal.public_id])
