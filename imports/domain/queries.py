"""Import jobs as a user may see them."""

from django.db.models import QuerySet

from accounts.domain.scope import is_system_admin
from imports.models import ImportJob


def jobs_for_user(user) -> QuerySet:
    """A user sees the jobs they uploaded; a system administrator sees all of them. Jobs are
    not shared by unit scope: a file of people is personal data of its uploader's making."""
    qs = ImportJob.objects.select_related("created_by")
    if not is_system_admin(user):
        qs = qs.filter(created_by=user)
    return qs.order_by("-created_at", "-id")
