from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accounts.enums import Role


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


# Roles (accounts.enums.Role) acting here, read by rules.py and by the scoped queries of
# domain/queries: kept here, below both.
DRAFTERS = (Role.SYSTEM_ADMIN, Role.BOARD_STAFF)
SIGNERS = (Role.SYSTEM_ADMIN, Role.APPROVER)
READERS = (Role.SYSTEM_ADMIN, Role.BOARD_STAFF, Role.APPROVER, Role.COUNCIL_MEMBER,
           Role.UNIT_OFFICER)
# The exchange bundle goes to the national e-dossier system with CCCDs and whole dossiers:
# only the issuing side (board and signers) sends it, and only once the decision is issued.
EXPORTERS = (Role.SYSTEM_ADMIN, Role.BOARD_STAFF, Role.APPROVER)
