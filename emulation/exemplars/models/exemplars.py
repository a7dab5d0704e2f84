"""Exemplary models (điển hình tiên tiến, gương người tốt việc tốt, mô hình hay): found, recognised
and published for emulation (Law 06/2022/QH15 Art. 6 and 17: discovering, fostering and spreading
advanced examples is a task of emulation work), followed up year by year.

States change only through `emulation.exemplars.domain.exemplars`.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.text import fold_join


class ExemplarKind(models.TextChoices):
    ADVANCED = "dien_hinh", _("Advanced example")
    GOOD_DEED = "nguoi_tot", _("Good person, good deed")
    GOOD_MODEL = "mo_hinh", _("Good model")


class ExemplarState(models.TextChoices):
    DRAFT = "draft", _("Found")
    RECOGNISED = "recognised", _("Recognised")
    PUBLISHED = "published", _("Published")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Exemplar(models.Model):
    """The subject is a person, a collective, or (when neither is set) the unit itself."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(_("kind"), max_length=10, choices=ExemplarKind.choices)
    unit = models.ForeignKey("organisations.Unit", verbose_name=_("unit"),
                             on_delete=models.PROTECT, related_name="exemplars")
    person = models.ForeignKey("organisations.Person", verbose_name=_("person"), null=True,
                               blank=True, on_delete=models.PROTECT, related_name="exemplars")
    collective = models.ForeignKey("organisations.Collective", verbose_name=_("collective"),
                                   null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="exemplars")
    title = models.CharField(_("title"), max_length=300)
    story = models.TextField(_("story"))
    field = models.CharField(_("field / sector"), max_length=150, blank=True)
    discovered_year = models.PositiveSmallIntegerField(_("year discovered"))
    movement = models.ForeignKey("emulation.Movement", verbose_name=_("emulation movement"),
                                 null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="exemplars",
                                 help_text=_("The movement in which it was found, if any."))
    # Free text of a movement not in the system (and the old text no movement matched).
    source_movement = models.CharField(_("emulation movement (note)"), max_length=300,
                                       blank=True)
    state = models.CharField(_("state"), max_length=12, choices=ExemplarState.choices,
                             default=ExemplarState.DRAFT, editable=False)
    withdrawn_reason = models.TextField(_("reason for withdrawal"), blank=True, editable=False)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True,
                                        editable=False)
    search_text = models.CharField(max_length=700, editable=False, db_index=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("exemplary model")
        verbose_name_plural = _("exemplary models")
        ordering = ["-discovered_year", "-id"]
        # The back-office list walks the first index; the public list the second (published
        # only, newest first) — no sort of the whole table for page 1.
        indexes = [models.Index(fields=["-discovered_year", "-id"], name="exemplar_list_order"),
                   models.Index(fields=["state", "-published_at", "-id"],
                                name="exemplar_public_order")]
        constraints = [models.CheckConstraint(
            condition=Q(person__isnull=True) | Q(collective__isnull=True),
            name="exemplar_one_subject")]

    def __str__(self):
        return f"{self.subject_name} — {self.title}"

    def save(self, *args, **kwargs):
        # The subject's name is searched too (the public list searches the same column).
        self.search_text = fold_join(self.subject_name, self.title, self.field,
                                     self.unit.name)[:700]
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_text"}
        super().save(*args, **kwargs)

    @property
    def subject_name(self) -> str:
        if self.person_id:
            return self.person.full_name
        if self.collective_id:
            return self.collective.name
        return self.unit.name


class ExemplarFollowUp(models.Model):
    """A yearly look at whether the example still holds (one row per year)."""

    exemplar = models.ForeignKey(Exemplar, on_delete=models.CASCADE, related_name="follow_ups")
    year = models.PositiveSmallIntegerField(_("year"))
    note = models.TextField(_("note"))
    still_exemplary = models.BooleanField(_("still exemplary"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        ordering = ["-year"]
        constraints = [models.UniqueConstraint(fields=["exemplar", "year"],
                                               name="exemplar_follow_up_once_a_year")]

    def __str__(self):
        return f"{self.exemplar_id} {self.year}"


class ExemplarVersion(models.Model):
    """The values an exemplar had before a correction (emulation.exemplars.domain.exemplars.
    correct_exemplar): staff read the history; the portal shows only the current values."""

    exemplar = models.ForeignKey(Exemplar, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveSmallIntegerField(_("version"))
    values = models.JSONField(_("values before the correction"))
    evidence = models.JSONField(_("evidence files before the correction"), default=list)
    reason = models.TextField(_("reason for the correction"))
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                              on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("exemplar version")
        verbose_name_plural = _("exemplar versions")
        ordering = ["-number"]
        constraints = [models.UniqueConstraint(fields=["exemplar", "number"],
                                               name="exemplar_version_once")]

    def __str__(self):
        return f"{self.exemplar_id} v{self.number}"


class ExemplarEvidence(models.Model):
    """An evidence file (photo, article, report) in private storage (core.uploads). A correction
    may supersede it: the file stays, listed in the history, no longer current."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    exemplar = models.ForeignKey(Exemplar, on_delete=models.CASCADE, related_name="evidence")
    path = models.CharField(max_length=300, editable=False)
    original_name = models.CharField(_("file name"), max_length=255)
    file_kind = models.CharField(max_length=10)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    superseded_at = models.DateTimeField(_("superseded at"), null=True, blank=True,
                                         editable=False)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self):
        return self.original_name
