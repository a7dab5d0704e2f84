"""Choice sets of the initiative registry (stored values are readable codes); its viewer roles
(`VIEW_ROLES`) also read exemplars and inspections."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.enums import Role


class InitiativeKind(models.TextChoices):
    INITIATIVE = "sang_kien", _("Initiative")
    RESEARCH = "de_tai", _("Research topic")


class InitiativeScope(models.TextChoices):
    """Phạm vi ảnh hưởng (Law 06/2022/QH15 Art. 21–23; Decree 152/2025): the same codes as
    awards.eligibility.facts.SCOPE_ORDER, which the eligibility engine compares."""

    BASE = "co_so", _("Grassroots (cơ sở)")
    PROVINCE = "tinh", _("Ministry, sector or province")
    NATIONAL = "toan_quoc", _("Nationwide")


class InitiativeState(models.TextChoices):
    DRAFT = "draft", _("Registered")
    RECOGNISED = "recognised", _("Recognised")
    REVOKED = "revoked", _("Revoked")


class InitiativeUseState(models.TextChoices):
    RESERVED = "reserved", _("reserved")
    CONFIRMED = "confirmed", _("confirmed")
    RELEASED = "released", _("released")


# A use in these states holds the initiative: no other claim may rely on it.
ACTIVE_USE_STATES = (InitiativeUseState.RESERVED, InitiativeUseState.CONFIRMED)
# Initiatives that may still be corrected (a revoked one is history).
EDITABLE_STATES = (InitiativeState.DRAFT, InitiativeState.RECOGNISED)
# Code prefix by kind: SK-2025-00012 (sáng kiến), ĐT → DT-2025-00003 (đề tài).
CODE_PREFIX = {InitiativeKind.INITIATIVE: "SK", InitiativeKind.RESEARCH: "DT"}
# Who reads and keeps the initiative registry: the board and unit officers, within their scope.
VIEW_ROLES = (Role.SYSTEM_ADMIN, Role.BOARD_STAFF, Role.UNIT_OFFICER)
