"""Annual emulation plans, emulation movements (phong trào thi đua) and unit registrations.

Law 06/2022/QH15 Art. 8–10 and Decree 152/2025/NĐ-CP: the organiser launches a movement with
goals and participants, holds mid-term (sơ kết) and final (tổng kết) reviews; units register
the titles they aim for (đăng ký thi đua) and the level above accepts the registration.
Participation is pushed down the tree: `Movement.participants` holds the chosen roots, and
membership is computed through organisations.UnitClosure
(emulation.movements.domain.queries.movements).
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from emulation.movements.enums import (
    MovementKind,
    MovementState,
    PlanState,
    RegistrationState,
    ReviewKind,
)


class AnnualPlan(models.Model):
    """Kế hoạch công tác thi đua, khen thưởng năm of one issuing unit."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    unit = models.ForeignKey("organisations.Unit", verbose_name=_("issuing unit"),
                             on_delete=models.PROTECT, related_name="emulation_plans")
    year = models.PositiveSmallIntegerField(_("year"))
    title = models.CharField(_("title"), max_length=500)
    content = models.TextField(_("content"), blank=True)
    key_targets = models.TextField(_("key targets"), blank=True)
    state = models.CharField(_("state"), max_length=10, choices=PlanState.choices,
                             default=PlanState.DRAFT, editable=False)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True,
                                        editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("annual emulation plan")
        verbose_name_plural = _("annual emulation plans")
        ordering = ["-year", "unit__code"]
        constraints = [models.UniqueConstraint(fields=["unit", "year"],
                                               name="annual_plan_once_per_unit_year")]

    def __str__(self):
        return self.title


class PlanMilestone(models.Model):
    """A date the plan marks (11/6: Ngày Chủ tịch Hồ Chí Minh ra Lời kêu gọi thi đua ái quốc;
    anniversaries; review deadlines)."""

    plan = models.ForeignKey(AnnualPlan, on_delete=models.CASCADE, related_name="milestones")
    date = models.DateField(_("date"))
    name = models.CharField(_("name"), max_length=300)

    class Meta:
        verbose_name = _("plan milestone")
        verbose_name_plural = _("plan milestones")
        ordering = ["date", "id"]

    def __str__(self):
        return f"{self.date:%d/%m} {self.name}"


class Movement(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    code = models.CharField(_("code"), max_length=20, unique=True, editable=False)
    name = models.CharField(_("name"), max_length=500)
    kind = models.CharField(_("kind"), max_length=10, choices=MovementKind.choices)
    goals = models.TextField(_("goals"), blank=True)
    organiser = models.ForeignKey("organisations.Unit", verbose_name=_("organiser"),
                                  on_delete=models.PROTECT, related_name="organised_movements")
    participants = models.ManyToManyField(
        "organisations.Unit", verbose_name=_("participating units"), related_name="movements",
        help_text=_("Each unit chosen takes part with all the units below it."))
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)
    plan = models.ForeignKey(AnnualPlan, verbose_name=_("annual plan"), null=True, blank=True,
                             on_delete=models.PROTECT, related_name="movements")
    state = models.CharField(_("state"), max_length=12, choices=MovementState.choices,
                             default=MovementState.DRAFT, editable=False)
    stop_reason = models.TextField(_("reason for stopping"), blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("emulation movement")
        verbose_name_plural = _("emulation movements")
        ordering = ["-start_date", "-code"]
        indexes = [models.Index(fields=["-start_date", "-code"], name="movement_list_order")]

    def __str__(self):
        return f"{self.code} {self.name}"


class MovementDocument(models.Model):
    """A directive document of the movement (kế hoạch, hướng dẫn, công văn phát động)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    movement = models.ForeignKey(Movement, on_delete=models.PROTECT, related_name="documents")
    title = models.CharField(_("title"), max_length=300)
    path = models.CharField(max_length=300, editable=False)
    original_name = models.CharField(max_length=255, editable=False)
    file_kind = models.CharField(max_length=10, editable=False)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT,
                                    related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self):
        return self.title


class MovementReview(models.Model):
    """Sơ kết (mid-term) or tổng kết (final) of a movement, with its report."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    movement = models.ForeignKey(Movement, on_delete=models.PROTECT, related_name="reviews")
    kind = models.CharField(_("kind"), max_length=6, choices=ReviewKind.choices)
    date = models.DateField(_("date"))
    report = models.TextField(_("report"))
    path = models.CharField(max_length=300, blank=True, editable=False)
    original_name = models.CharField(max_length=255, blank=True, editable=False)
    file_kind = models.CharField(max_length=10, blank=True, editable=False)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT,
                              related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["date", "id"]

    def __str__(self):
        return f"{self.get_kind_display()} {self.date:%d/%m/%Y}"


class Registration(models.Model):
    """Đăng ký thi đua of one unit in one movement: the titles it and its people aim for."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    movement = models.ForeignKey(Movement, on_delete=models.PROTECT,
                                 related_name="registrations")
    unit = models.ForeignKey("organisations.Unit", verbose_name=_("unit"),
                             on_delete=models.PROTECT, related_name="emulation_registrations")
    year = models.PositiveSmallIntegerField(_("year"))
    pledges = models.TextField(_("pledges"), blank=True)
    state = models.CharField(_("state"), max_length=10, choices=RegistrationState.choices,
                             default=RegistrationState.DRAFT, editable=False)
    return_reason = models.TextField(_("reason for return"), blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("emulation registration")
        verbose_name_plural = _("emulation registrations")
        ordering = ["unit__code", "id"]
        constraints = [models.UniqueConstraint(fields=["movement", "unit", "year"],
                                               name="registration_once_per_unit_year")]

    def __str__(self):
        return f"{self.movement.code} — {self.unit}"


class RegistrationEntry(models.Model):
    """One aim: a person or a collective of the unit × an award type of the catalogue."""

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE,
                                     related_name="entries")
    person = models.ForeignKey("organisations.Person", null=True, blank=True,
                               on_delete=models.PROTECT, related_name="emulation_registrations")
    collective = models.ForeignKey("organisations.Collective", null=True, blank=True,
                                   on_delete=models.PROTECT,
                                   related_name="emulation_registrations")
    award_type = models.ForeignKey("awards.AwardType", verbose_name=_("award"),
                                   on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(person__isnull=False, collective__isnull=True)
                           | Q(person__isnull=True, collective__isnull=False)),
                name="registration_entry_one_subject"),
        ]
        indexes = [models.Index(fields=["person", "award_type"], name="reg_entry_person"),
                   models.Index(fields=["collective", "award_type"], name="reg_entry_collective")]

    def __str__(self):
        return f"{self.subject} → {self.award_type}"

    @property
    def subject(self):
        return self.person or self.collective
