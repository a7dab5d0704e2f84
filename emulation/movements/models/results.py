"""Results of a movement's review (sơ kết, tổng kết) per participating unit and per registered
title (Law 06/2022/QH15 Art. 10.2; Decree 152/2025/NĐ-CP: the review evaluates the results and
proposes the awards). The unit enters its own result, the organiser's board confirms it; the
state changes only through `emulation.movements.domain.results.set_result_state`."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ResultState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    CONFIRMED = "confirmed", _("Confirmed")
    RETURNED = "returned", _("Returned")


class UnitResult(models.Model):
    """What one registered unit achieved against the movement's targets, in one review."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    review = models.ForeignKey("emulation.MovementReview", on_delete=models.PROTECT,
                               related_name="results")
    registration = models.ForeignKey("emulation.Registration", verbose_name=_("registration"),
                                     on_delete=models.PROTECT, related_name="results")
    targets = models.TextField(_("targets and criteria"))
    figures = models.TextField(_("figures achieved"))
    achieved = models.BooleanField(_("targets achieved"), default=False)
    state = models.CharField(_("state"), max_length=10, choices=ResultState.choices,
                             default=ResultState.DRAFT, editable=False)
    return_reason = models.TextField(_("reason for return"), blank=True, editable=False)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("movement result")
        verbose_name_plural = _("movement results")
        ordering = ["registration__unit__path", "id"]
        constraints = [models.UniqueConstraint(fields=["review", "registration"],
                                               name="result_once_per_review_registration")]

    def __str__(self):
        return f"{self.review.movement.code} — {self.registration.unit.name}"


class TitleResult(models.Model):
    """A registered title (person or collective × award) achieved or not in the review."""

    result = models.ForeignKey(UnitResult, on_delete=models.CASCADE, related_name="titles")
    entry = models.ForeignKey("emulation.RegistrationEntry", on_delete=models.PROTECT,
                              related_name="results")
    achieved = models.BooleanField(_("achieved"), default=False)

    class Meta:
        ordering = ["entry_id"]
        constraints = [models.UniqueConstraint(fields=["result", "entry"],
                                               name="title_result_once")]

    def __str__(self):
        return f"{self.entry}: {'✓' if self.achieved else '✗'}"
