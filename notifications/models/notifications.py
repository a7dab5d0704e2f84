import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from notifications.enums import MailState


class Notification(models.Model):
    """A message to one user inside the application (the bell in the header). Written by
    `notifications.domain.notify.notify`; `read_at` is set when the user opens it."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("recipient"),
                                  on_delete=models.CASCADE, related_name="notifications")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("actor"), null=True,
                              blank=True, on_delete=models.SET_NULL, related_name="+")
    verb = models.CharField(_("event"), max_length=80,
                            help_text=_("Dotted code of what happened, e.g. proposals.submit"))
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"), blank=True)
    url = models.CharField(_("link"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("time"), auto_now_add=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["recipient", "-created_at", "-id"], name="notif_list"),
            # The header badge counts unread rows on every page.
            models.Index(fields=["recipient"], condition=models.Q(read_at__isnull=True),
                         name="notif_unread"),
        ]

    def __str__(self):
        return self.title


class OutboxMail(models.Model):
    """An e-mail waiting to be sent, or the record of one sent or failed. Never sent inside a
    request: `notify` writes the draft and a task sends it after the transaction commits
    (house rule 10). `claimed_at` is the sender's lease (see notifications.domain.outbox)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    to = models.EmailField(_("to"))
    subject = models.CharField(_("subject"), max_length=250)
    body = models.TextField(_("text"))
    state = models.CharField(_("state"), max_length=10, choices=MailState.choices,
                             default=MailState.DRAFT)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    claimed_at = models.DateTimeField(_("claimed"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    notification = models.ForeignKey(Notification, verbose_name=_("notification"), null=True,
                                     blank=True, on_delete=models.SET_NULL, related_name="mails")

    class Meta:
        verbose_name = _("outbox mail")
        verbose_name_plural = _("outbox mails")
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["state", "attempts"], name="outbox_pending")]

    def __str__(self):
        return f"{self.to}: {self.subject}"
