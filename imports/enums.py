"""Choice sets of the imports app (stored values are readable codes)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class JobState(models.TextChoices):
    """uploaded → validating → validated | invalid → committing → committed | failed; cancelled.

    `validated` means checked with no error; a file with errors ends `invalid` and can only be
    cancelled (the user fixes the file and uploads it again)."""

    UPLOADED = "uploaded", _("Uploaded")
    VALIDATING = "validating", _("Checking")
    VALIDATED = "validated", _("Checked, ready to commit")
    INVALID = "invalid", _("Has errors")
    COMMITTING = "committing", _("Saving")
    COMMITTED = "committed", _("Saved")
    FAILED = "failed", _("Failed")
    CANCELLED = "cancelled", _("Cancelled")


# A worker is (or will soon be) busy with these: the job page polls for progress.
RUNNING_STATES = frozenset({JobState.UPLOADED, JobState.VALIDATING, JobState.COMMITTING})
# Nothing happens to a job after these.
FINISHED_STATES = frozenset({JobState.COMMITTED, JobState.FAILED, JobState.CANCELLED})
# A commit is one database transaction that cannot be interrupted, so it cannot be cancelled.
CANCELLABLE_STATES = frozenset({JobState.UPLOADED, JobState.VALIDATING, JobState.VALIDATED,
                                JobState.INVALID})

