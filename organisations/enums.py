"""Choice sets of the organisations app (stored values are readable codes)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class UnitLevel(models.TextChoices):
    """Administrative tier. The district tier exists only before 1 July 2025 (Decree 129/2025)."""

    CENTRAL = "central", _("Central")
    PROVINCE = "province", _("Province")
    DISTRICT = "district", _("District (before 1/7/2025)")
    COMMUNE = "commune", _("Commune")
    GRASSROOTS = "grassroots", _("Grassroots unit")


class UnitKind(models.TextChoices):
    PEOPLES_COMMITTEE = "peoples_committee", _("People's committee")
    DEPARTMENT = "department", _("Department")
    DIVISION = "division", _("Division / office")
    SCHOOL = "school", _("School")
    HOSPITAL = "hospital", _("Hospital / health centre")
    ENTERPRISE = "enterprise", _("Enterprise")
    MASS_ORGANISATION = "mass_organisation", _("Mass organisation")
    PARTY_BODY = "party_body", _("Party body")
    AGENCY = "agency", _("Agency / public service unit")
    VILLAGE = "village", _("Village / residential group")
    OTHER = "other", pgettext_lazy("unit kind", "Other")


class ReorganisationKind(models.TextChoices):
    MERGE = "merge", _("Merge")
    RENAME = "rename", _("Rename")
    MOVE = "move", _("Move")
    DISSOLVE = "dissolve", _("Dissolve")


class ClusterKind(models.TextChoices):
    CLUSTER = "cluster", _("Emulation cluster (by area)")
    BLOCK = "block", _("Emulation block (by sector)")


class ClusterRole(models.TextChoices):
    HEAD = "head", _("Head unit")
    DEPUTY = "deputy", _("Deputy head unit")
    MEMBER = "member", _("Member")


class Gender(models.TextChoices):
    MALE = "male", _("Male")
    FEMALE = "female", _("Female")


class CollectiveKind(models.TextChoices):
    WHOLE_UNIT = "unit", _("Whole unit")
    SUB_COLLECTIVE = "sub", _("Sub-collective (department, team, class…)")


class StaffMode(models.TextChoices):
    FULL_TIME = "full_time", _("Full-time")
    PART_TIME = "part_time", _("Part-time")
