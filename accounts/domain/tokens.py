"""Personal access tokens for the REST API: created and revoked by their owner in the UI."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import ApiToken
from accounts.models.tokens import hash_token, new_token_value
from core.trail import record


@transaction.atomic
def create_token(actor, *, name: str) -> tuple[ApiToken, str]:
    """Return the token row and the raw value, which is shown once and never stored.
    Side effect: audit entry `accounts.token.create`."""
    if not name.strip():
        raise ValidationError({"name": _("Name the token (what will use it).")})
    raw = new_token_value()
    token = ApiToken.objects.create(user=actor, name=name.strip(), digest=hash_token(raw),
                                    hint=raw[:10])
    record(actor, "accounts.token.create", token)
    return token, raw


@transaction.atomic
def revoke_token(actor, token: ApiToken) -> None:
    """Side effect: audit entry `accounts.token.revoke`. Revoking twice is refused."""
    if ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(
            revoked_at=timezone.now()) != 1:
        raise ValidationError(_("This token was already revoked."))
    record(actor, "accounts.token.revoke", token)


def user_for_token(raw: str):
    """The active user a token acts as, or None (unknown, revoked, or disabled account)."""
    token = (ApiToken.objects.select_related("user")
             .filter(digest=hash_token(raw), revoked_at__isnull=True).first())
    if token is None or not token.user.is_active:
        return None
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return token.user
