"""Award subjects: individuals (keyed by CCCD), collectives and households."""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.text import fold_join
from organisations.enums import CollectiveKind, Gender


class Person(models.Model):
    """An individual. `unit`, `position`, `title`, `is_leader` and `is_direct_worker` are the
    current values, copied from the open `Employment` by `organisations.domain.people`; the
    employment rows keep the history, so a person's record follows them from unit to unit."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # Empty only for a deceased person registered from a wartime backlog claim: people who died
    # before citizen IDs existed have none, and a made-up number would be a false record.
    cccd = models.CharField(_("citizen ID (CCCD)"), max_length=12, unique=True, null=True,
                            blank=True)
    full_name = models.CharField(_("full name"), max_length=150)
    gender = models.CharField(_("gender"), max_length=10, choices=Gender.choices)
    birth_date = models.DateField(_("birth date"))
    # Old family records give only the year of birth: the date is then 1 January of that year
    # and every page prints the year alone.
    birth_year_only = models.BooleanField(_("only the year of birth is known"), default=False,
                                          db_default=False)
    deceased = models.BooleanField(_("deceased"), default=False, db_default=False)
    death_year = models.PositiveSmallIntegerField(_("year of death"), null=True, blank=True)
    ethnicity = models.CharField(_("ethnicity"), max_length=60, default="Kinh")
    unit = models.ForeignKey(
        "organisations.Unit", verbose_name=_("unit"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="people",
        help_text=_("Current unit (work place, or commune of residence)."),
    )
    position = models.CharField(_("position"), max_length=150, blank=True)
    title = models.CharField(_("title / grade"), max_length=150, blank=True)
    is_leader = models.BooleanField(_("leader / manager"), default=False)
    is_direct_worker = models.BooleanField(_("direct worker"), default=False)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    search_text = models.CharField(max_length=300, editable=False, db_index=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # The unit's province, set by the database on every write (see `Unit.province`).
    province = models.ForeignKey("organisations.Unit", null=True, editable=False,
                                 on_delete=models.DO_NOTHING, db_constraint=False, db_index=False,
                                 related_name="+")

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["search_text", "id"]
        # The people list pages in name order: these let the database walk an index instead of
        # sorting everyone in scope for every page (100,000 people per province).
        indexes = [models.Index(fields=["search_text", "id"], name="person_name_order"),
                   models.Index(fields=["unit", "search_text", "id"], name="person_unit_order"),
                   # The same order within one province, for a board on a shared database.
                   models.Index(fields=["province", "search_text", "id"],
                                name="person_province_order"),
                   # One unit's people in id order ("who qualifies" with a unit: the window of
                   # 2,000 is read by seek, not sorted from the unit's 7,000 — 0.3 ms, not 1.5).
                   models.Index(fields=["unit", "id"], name="person_unit_id")]
        constraints = [models.CheckConstraint(
            condition=models.Q(cccd__isnull=False) | models.Q(deceased=True),
            name="person_cccd_unless_deceased")]

    def __str__(self):
        return self.full_name

    def save(self, *args, **kwargs):
        self.cccd = self.cccd or None  # "" would collide under the unique constraint
        self.search_text = fold_join(self.full_name, self.cccd)
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_text"}
        super().save(*args, **kwargs)

    @property
    def birth_display(self) -> str:
        return (str(self.birth_date.year) if self.birth_year_only
                else self.birth_date.strftime("%d/%m/%Y"))


class Employment(models.Model):
    """A period of a person's work in a unit; `end_date` is empty for the current one."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="employments")
    unit = models.ForeignKey("organisations.Unit", verbose_name=_("unit"),
                             on_delete=models.PROTECT, related_name="employments")
    position = models.CharField(_("position"), max_length=150, blank=True)
    title = models.CharField(_("title / grade"), max_length=150, blank=True)
    is_leader = models.BooleanField(_("leader / manager"), default=False)
    is_direct_worker = models.BooleanField(_("direct worker"), default=False)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("employment")
        verbose_name_plural = _("employments")
        ordering = ["person", "-start_date", "-id"]
        indexes = [models.Index(fields=["unit", "end_date"])]

    def __str__(self):
        return f"{self.person} @ {self.unit} ({self.start_date}–{self.end_date or ''})"


class Collective(models.Model):
    """A collective award subject: a whole unit, or a part of one (department, team, class)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(_("name"), max_length=255)
    kind = models.CharField(_("kind"), max_length=10, choices=CollectiveKind.choices)
    unit = models.ForeignKey("organisations.Unit", verbose_name=_("unit"),
                             on_delete=models.PROTECT, related_name="collectives")
    member_count = models.PositiveIntegerField(_("number of members"), default=0)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    search_text = models.CharField(max_length=400, editable=False, db_index=True, default="")

    class Meta:
        verbose_name = _("collective")
        verbose_name_plural = _("collectives")
        ordering = ["search_text", "id"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.search_text = fold_join(self.name)
        super().save(*args, **kwargs)


class Household(models.Model):
    """A household (hộ gia đình), award subject for e.g. Gia đình văn hóa; lives in a commune."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    head = models.ForeignKey(Person, verbose_name=_("head of household"), on_delete=models.PROTECT,
                             related_name="headed_households")
    unit = models.ForeignKey("organisations.Unit", verbose_name=_("commune"),
                             on_delete=models.PROTECT, related_name="households")
    address = models.CharField(_("address"), max_length=255)
    member_count = models.PositiveSmallIntegerField(_("number of members"), default=1)
    search_text = models.CharField(max_length=400, editable=False, db_index=True, default="")

    class Meta:
        verbose_name = _("household")
        verbose_name_plural = _("households")
        ordering = ["search_text", "id"]

    def __str__(self):
        return _("Household of %(name)s") % {"name": self.head.full_name}

    def save(self, *args, **kwargs):
        self.search_text = fold_join(self.head.full_name, self.address)
        super().save(*args, **kwargs)
