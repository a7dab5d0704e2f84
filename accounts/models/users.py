import uuid

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.enums import Role


class User(AbstractUser):
    """A staff account. What it may do comes only from its `RoleAssignment`s."""

    full_name = models.CharField(_("full name"), max_length=150, blank=True)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["username"]

    def __str__(self):
        return self.full_name or self.username


class RoleAssignment(models.Model):
    """Role × scope. The scope is a unit (covering its subtree and its predecessors) or, for a
    cluster head, a cluster. A system administrator's assignment needs no scope."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="role_assignments")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    unit = models.ForeignKey("organisations.Unit", verbose_name=_("unit scope"), null=True,
                             blank=True, on_delete=models.PROTECT, related_name="+")
    cluster = models.ForeignKey("organisations.Cluster", verbose_name=_("cluster"), null=True,
                                blank=True, on_delete=models.PROTECT, related_name="+")
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("role assignment")
        verbose_name_plural = _("role assignments")
        constraints = [
            models.UniqueConstraint(fields=["user", "role", "unit", "cluster"],
                                    name="role_assignment_once"),
        ]

    def __str__(self):
        scope = self.unit or self.cluster or _("whole system")
        return f"{self.get_role_display()} – {scope}"


class LoginAttempt(models.Model):
    """Every sign-in attempt, kept in the database so throttling holds across worker processes."""

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    username = models.CharField(max_length=150, db_index=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True, db_index=True)
    succeeded = models.BooleanField(default=False)

    class Meta:
        ordering = ["-at"]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.username} {'ok' if self.succeeded else 'failed'}"
