from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class DecisionState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    ISSUED = "issued", _("Issued")
    CANCELLED = "cancelled", _("Cancelled")


class DecisionKind(models.TextChoices):
    AWARD = "award", _("Award decision")
    AMENDMENT = "amendment", _("Amending decision")
    REVOCATION = "revocation", _("Revocation decision")


class CertificateStatus(models.TextChoices):
    VALID = "valid", pgettext_lazy("certificate", "Valid")
    CORRECTED = "corrected", _("Corrected (replaced by a new certificate)")
    REVOKED = "revoked", _("Revoked")
