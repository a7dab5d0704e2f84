from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """What a user does, always within a unit scope (the unit and its subtree)."""

    SYSTEM_ADMIN = "system_admin", _("System administrator")
    BOARD_STAFF = "board_staff", _("Emulation board staff")
    UNIT_OFFICER = "unit_officer", _("Unit emulation officer")
    COUNCIL_MEMBER = "council_member", _("Council member")
    APPROVER = "approver", _("Approver (signs decisions)")
    CLUSTER_HEAD = "cluster_head", _("Cluster head")
    # Văn thư (Decree 30/2020/NĐ-CP Art. 15): registers the number and date of outgoing
    # documents in the issuer's register; neither drafts nor signs.
    DOCUMENT_DESK = "document_desk", _("Document desk (văn thư)")


# Roles whose holders may change organisation and people records inside their scope.
RECORD_KEEPING_ROLES = (Role.SYSTEM_ADMIN, Role.BOARD_STAFF, Role.UNIT_OFFICER)
# Roles whose holders read the audit log of their scope.
AUDIT_READER_ROLES = (Role.SYSTEM_ADMIN, Role.BOARD_STAFF)
# Roles that must use two-factor sign-in when TDKT_REQUIRE_2FA_FOR_STAFF is on.
TWO_FACTOR_REQUIRED_ROLES = (Role.SYSTEM_ADMIN, Role.BOARD_STAFF)
