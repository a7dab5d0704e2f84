"""Units of the organisation tree and the reorganisation events that reshaped it."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.text import fold_join
from organisations.enums import ReorganisationKind, UnitKind, UnitLevel


class Unit(models.Model):
    """A body in the tree: province, department, commune, school, enterprise…

    Units are never deleted: a unit that stops existing gets `valid_to` and, when it was merged or
    dissolved into another, a `ReorganisationLink` to its successor, so its history stays
    reachable. `path` and `UnitClosure` are derived indexes rebuilt by
    `organisations.domain.tree.rebuild_tree_index` after every structural change.
    """

    code = models.CharField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=255)
    short_name = models.CharField(_("short name"), max_length=120, blank=True)
    level = models.CharField(_("level"), max_length=20, choices=UnitLevel.choices)
    kind = models.CharField(_("kind"), max_length=30, choices=UnitKind.choices)
    parent = models.ForeignKey(
        "self", verbose_name=_("parent unit"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="children",
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True,
                                help_text=_("Empty while the unit exists."))
    address = models.CharField(_("address"), max_length=255, blank=True)
    note = models.TextField(_("note"), blank=True)
    # Derived, maintained by the domain layer.
    path = models.CharField(max_length=255, editable=False, db_index=True, default="")
    depth = models.PositiveSmallIntegerField(editable=False, default=0)
    search_text = models.CharField(max_length=400, editable=False, db_index=True, default="")
    # The root of the unit's tree (its province; a root is its own). Kept by the database: a
    # trigger fills it on insert, `rebuild_tree_index` recomputes it after every structural
    # change, and triggers copy it to the rows that carry it (`PROVINCE_KEY`).
    province = models.ForeignKey("self", null=True, editable=False, on_delete=models.DO_NOTHING,
                                 db_constraint=False, related_name="+")

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        ordering = ["path"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.search_text = fold_join(self.name, self.short_name, self.code)
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_text"}
        elif not self._state.adding:
            # Never write back `province` as it was read: a copy loaded before a move would
            # put the old province back (and the triggers would carry it to every record).
            kwargs["update_fields"] = UNIT_SAVED_FIELDS - self.get_deferred_fields()
        super().save(*args, **kwargs)

    @property
    def public_id(self) -> str:
        return self.code

    @property
    def is_active(self) -> bool:
        return self.valid_to is None


UNIT_SAVED_FIELDS = frozenset(
    f.name for f in Unit._meta.concrete_fields if f.name not in {"id", "province"})


class UnitClosure(models.Model):
    """(ancestor, descendant) for every unit an ancestor's scope covers, including itself.

    Coverage follows the tree and, through reorganisation links, the predecessors of a unit and
    their subtrees: whoever manages the merged commune also manages the history of the communes it
    was made from.
    """

    ancestor = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    descendant = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["ancestor", "descendant"], name="unit_closure_unique")
        ]
        indexes = [models.Index(fields=["descendant", "ancestor"])]

    def __str__(self):
        return f"{self.ancestor_id} ⊇ {self.descendant_id}"


class ReorganisationEvent(models.Model):
    """A merger, rename, move or dissolution, with the legal act that ordered it."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(_("kind"), max_length=20, choices=ReorganisationKind.choices)
    effective_date = models.DateField(_("effective date"))
    decision_number = models.CharField(_("decision number"), max_length=100, blank=True)
    decision_date = models.DateField(_("decision date"), null=True, blank=True)
    issuer = models.CharField(_("issued by"), max_length=255, blank=True)
    note = models.TextField(_("note"), blank=True)
    details = models.JSONField(_("details"), default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("reorganisation event")
        verbose_name_plural = _("reorganisation events")
        ordering = ["-effective_date", "-id"]

    def __str__(self):
        return f"{self.get_kind_display()} {self.effective_date:%d/%m/%Y}"


class ReorganisationLink(models.Model):
    """predecessor → successor within one event (successor is empty for a plain dissolution)."""

    event = models.ForeignKey(ReorganisationEvent, on_delete=models.PROTECT, related_name="links")
    predecessor = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="successor_links")
    successor = models.ForeignKey(
        Unit, null=True, blank=True, on_delete=models.PROTECT, related_name="predecessor_links"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["event", "predecessor", "successor"], name="reorg_link_unique"
            )
        ]

    def __str__(self):
        return f"{self.predecessor_id} → {self.successor_id}"
