from django.db import models
from django.utils.translation import gettext_lazy as _


class Category(models.TextChoices):
    TITLE = "title", _("Emulation title")
    FORM = "form", _("Form of commendation")


class SubjectKind(models.TextChoices):
    INDIVIDUAL = "individual", _("Individual")
    COLLECTIVE = "collective", _("Collective")
    HOUSEHOLD = "household", _("Household")


class AwardKind(models.TextChoices):
    """Loại hình khen thưởng (Law 06/2022/QH15 Art. 8)."""

    MERIT = "cong_trang", _("Merit and results")
    THEMATIC = "chuyen_de", _("By period or theme")
    AD_HOC = "dot_xuat", _("Ad hoc")
    CONTRIBUTION = "qua_trinh_cong_hien", _("Career contribution")
    SENIORITY = "nien_han", _("Seniority")
    FOREIGN = "doi_ngoai", _("Foreign")


class Rating(models.TextChoices):
    """Đánh giá, xếp loại chất lượng hằng năm."""

    EXCELLENT = "xuat_sac", _("Excellent completion of tasks")
    GOOD = "tot", _("Good completion of tasks")
    COMPLETED = "hoan_thanh", _("Completed tasks")
    NOT_COMPLETED = "khong_hoan_thanh", _("Did not complete tasks")


class GrantingLevel(models.TextChoices):
    UNIT = "unit", _("Head of unit / commune chairman")
    COMMUNE = "commune", _("Commune chairman")
    PROVINCE = "province", _("Minister / provincial chairman")
    PRIME_MINISTER = "prime_minister", _("Prime Minister")
    GOVERNMENT = "government", _("Government")
    PRESIDENT = "president", _("State President")
    SECTOR = "sector", _("Issuing ministry or organisation")


class ParameterKey(models.TextChoices):
    """Dated values of an award type, each with its legal citation."""

    GRANTING_LEVEL = "granting_level", _("Granting authority level")
    VOTE_SHARE = "vote_share", _("Council vote threshold (share of all members)")
    DOCUMENTS = "documents", _("Required dossier documents")
    DOCUMENTS_SIMPLIFIED = "documents_simplified", _("Documents (simplified procedure)")
    PUBLIC_CONSULTATION = "public_consultation", _("Public consultation required")
    COEFFICIENT_INDIVIDUAL = "coefficient_individual", _("Reward coefficient (individual)")
    COEFFICIENT_COLLECTIVE = "coefficient_collective", _("Reward coefficient (collective)")
    COEFFICIENT_HOUSEHOLD = "coefficient_household", _("Reward coefficient (household)")


class RecordSource(models.TextChoices):
    IMPORT = "import", _("Imported history")
    DECISION = "decision", _("Decision issued in TĐKT")
    MANUAL = "manual", _("Entered by hand")


class AuthorityPower(models.TextChoices):
    """What a body may do with a title or form (the granting-authority table)."""

    GRANTS = "grants", _("Grants it")
    FORWARDS = "forwards", _("Proposes it upward")


class ScreeningState(models.TextChoices):
    """A background "who qualifies" run (issue 14.6): queued → running → done | failed."""

    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


SCREENING_ACTIVE_STATES = (ScreeningState.QUEUED, ScreeningState.RUNNING)
