"""Who hears of a claim's step: the record-keeping officers over the claim's commune (other
than the one who acted). Called on commit by set_claim_state."""

from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.domain.scope import users_with_role_over
from accounts.enums import Role
from claims.enums import ClaimState
from claims.models import Claim
from notifications.domain.notify import notify


def state_changed(claim_id: int, old: str, new: str, *, actor_id: int | None) -> None:
    claim = Claim.objects.get(pk=claim_id)
    users = users_with_role_over(claim.unit_id, (Role.UNIT_OFFICER,)).exclude(pk=actor_id)
    notify(users, verb=f"claim.{new}", title=claim.code, email=False,
           body=_("Claim %(code)s: %(old)s → %(new)s.") % {
               "code": claim.code, "old": ClaimState(old).label,
               "new": ClaimState(new).label},
           url=reverse("claims:detail", args=[claim.public_id]))
