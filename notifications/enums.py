from django.db import models
from django.utils.translation import gettext_lazy as _


class MailState(models.TextChoices):
    """An outbox mail: written as a draft in the request, sent later by a task."""

    DRAFT = "draft", _("Waiting to be sent")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")


# States the sender may (re)try, up to MAX_ATTEMPTS.
SENDABLE_STATES = (MailState.DRAFT, MailState.FAILED)
MAX_ATTEMPTS = 5
