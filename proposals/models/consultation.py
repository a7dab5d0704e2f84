"""Public consultation (lấy ý kiến, công khai) on a proposal's nominees, and the comments."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from proposals.enums import CommentState


class Consultation(models.Model):
    """A window in which the public portal shows the nominees (no personal data) and takes
    comments. Dates count working days (core.calendar); the legal reference §5.3 keeps the
    duration configurable (Anh hùng: 10 working days)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    proposal = models.ForeignKey("proposals.Proposal", on_delete=models.PROTECT,
                                 related_name="consultations")
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    working_days = models.PositiveSmallIntegerField(_("working days"))
    notice = models.TextField(_("notice to the public"), blank=True)
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                  related_name="+")
    opened_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("public consultation")
        verbose_name_plural = _("public consultations")
        ordering = ["-starts_on"]

    def __str__(self):
        return f"{self.proposal.code} {self.starts_on:%d/%m/%Y}–{self.ends_on:%d/%m/%Y}"

    def is_open_on(self, day) -> bool:
        return self.closed_at is None and self.starts_on <= day <= self.ends_on


class PublicComment(models.Model):
    """A comment from the public. Contact details are kept for the board only."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    consultation = models.ForeignKey(Consultation, on_delete=models.PROTECT,
                                     related_name="comments")
    nominee = models.ForeignKey("proposals.Nominee", null=True, blank=True,
                                on_delete=models.PROTECT, related_name="public_comments")
    author_name = models.CharField(_("your name"), max_length=120)
    contact = models.CharField(_("phone or e-mail"), max_length=160)
    body = models.TextField(_("comment"))
    address_hash = models.CharField(max_length=64, editable=False)  # for throttling, not identity
    created_at = models.DateTimeField(auto_now_add=True)
    state = models.CharField(_("state"), max_length=10, choices=CommentState.choices,
                             default=CommentState.NEW, editable=False)
    resolution = models.TextField(_("resolution"), blank=True, editable=False)
    resolved_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+", editable=False)
    resolved_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("public comment")
        verbose_name_plural = _("public comments")
        ordering = ["created_at"]
        indexes = [models.Index(fields=["address_hash", "created_at"])]

    def __str__(self):
        return f"{self.author_name}: {self.body[:40]}"
