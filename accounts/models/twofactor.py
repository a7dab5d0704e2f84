import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class TwoFactorDevice(models.Model):
    """A user's TOTP authenticator. One row per user, kept when 2FA is turned off (the audit log
    holds its history). `secret_sealed` is the base32 key sealed by accounts.domain.sealing."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                related_name="two_factor")
    secret_sealed = models.TextField(editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    # Null while enrolment waits for its first valid code.
    confirmed_at = models.DateTimeField(_("enabled at"), null=True, blank=True)
    disabled_at = models.DateTimeField(_("disabled at"), null=True, blank=True)
    # The last time step a code was accepted for: a code of that step or earlier is a replay.
    last_step = models.BigIntegerField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("two-factor authenticator")
        verbose_name_plural = _("two-factor authenticators")

    def __str__(self):
        return str(_("Authenticator of %(user)s") % {"user": self.user})

    @property
    def is_enabled(self) -> bool:
        return self.confirmed_at is not None and self.disabled_at is None


class RecoveryCode(models.Model):
    """A one-time code for when the phone is lost. Stored as a SHA-256 digest (the codes are
    random with 50 bits of entropy, so a fast hash is enough, as for API tokens)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="recovery_codes")
    digest = models.CharField(max_length=64, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    used_at = models.DateTimeField(null=True, blank=True)
    # Set when a new set replaces this one or 2FA is turned off.
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("recovery code")
        verbose_name_plural = _("recovery codes")
        indexes = [models.Index(fields=["user", "digest"])]

    def __str__(self):
        return f"{self.user} {self.digest[:8]}…"
