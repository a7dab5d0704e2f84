"""Emulation clusters (by area) and blocks (by sector), and their membership per year."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.text import fold_join
from organisations.enums import ClusterKind, ClusterRole


class Cluster(models.Model):
    code = models.CharField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=255)
    kind = models.CharField(_("kind"), max_length=20, choices=ClusterKind.choices)
    managing_unit = models.ForeignKey(
        "organisations.Unit", verbose_name=_("managing unit"), on_delete=models.PROTECT,
        related_name="managed_clusters",
        help_text=_("The level whose council organises this cluster or block."),
    )
    description = models.TextField(_("description"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    search_text = models.CharField(max_length=400, editable=False, default="")

    class Meta:
        verbose_name = _("emulation cluster/block")
        verbose_name_plural = _("emulation clusters/blocks")
        ordering = ["code"]

    def __str__(self):
        return self.name


    def save(self, *args, **kwargs):
        self.search_text = fold_join(self.name, self.code)
        super().save(*args, **kwargs)

    @property
    def public_id(self) -> str:
        return self.code


class ClusterMembership(models.Model):
    """A unit's place in a cluster for one year; one head and one deputy per cluster-year."""

    cluster = models.ForeignKey(Cluster, on_delete=models.PROTECT, related_name="memberships")
    year = models.PositiveSmallIntegerField(_("year"))
    unit = models.ForeignKey(
        "organisations.Unit", verbose_name=_("unit"), on_delete=models.PROTECT,
        related_name="cluster_memberships",
    )
    role = models.CharField(_("role"), max_length=10, choices=ClusterRole.choices,
                            default=ClusterRole.MEMBER)

    class Meta:
        verbose_name = _("cluster membership")
        verbose_name_plural = _("cluster memberships")
        ordering = ["cluster", "-year", "unit__name"]
        constraints = [
            models.UniqueConstraint(fields=["cluster", "year", "unit"], name="cluster_member_once"),
            models.UniqueConstraint(fields=["cluster", "year"], condition=Q(role="head"),
                                    name="cluster_one_head"),
            models.UniqueConstraint(fields=["cluster", "year"], condition=Q(role="deputy"),
                                    name="cluster_one_deputy"),
        ]

    def __str__(self):
        return f"{self.cluster} {self.year}: {self.unit} ({self.get_role_display()})"
