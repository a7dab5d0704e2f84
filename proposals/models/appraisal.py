"""What the appraisal establishes about a nominee beyond the records (issue 16).

Many tracks of a form ("one of the following": Bằng khen tỉnh Art. 74, Bằng khen Thủ tướng
Art. 73, Huân chương Lao động Art. 42–44, the flags Art. 25–26) can only be found met by the
appraisal officer reading the achievement report: an ad-hoc achievement, a contribution over a
career, an achievement recognised by a ministry… A finding records that, with its evidence;
the nominee's recorded findings become the eligibility case's `achievements`."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from proposals.enums import FindingState


class AppraisalFinding(models.Model):
    """The appraiser found `code` ("<award>.<track>" of legal_parameters.TRACKS) met for
    `nominee`, on `evidence`. Nothing is deleted: a wrong finding is withdrawn with a reason and
    stays in the history (state machine `proposals.finding`)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    nominee = models.ForeignKey("proposals.Nominee", on_delete=models.PROTECT,
                                related_name="findings")
    code = models.CharField(_("track"), max_length=80)
    citation = models.CharField(_("legal basis"), max_length=255)
    evidence_number = models.CharField(_("evidence document number"), max_length=100,
                                       blank=True)
    evidence_date = models.DateField(_("evidence document date"), null=True, blank=True)
    evidence_text = models.TextField(_("evidence"), blank=True)
    note = models.TextField(_("note"), blank=True)
    state = models.CharField(_("state"), max_length=12, choices=FindingState.choices,
                             default=FindingState.RECORDED, editable=False)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)
    withdrawn_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="+",
                                     editable=False)
    withdrawn_at = models.DateTimeField(null=True, blank=True, editable=False)
    withdrawn_reason = models.TextField(_("reason for withdrawal"), blank=True, editable=False)

    class Meta:
        verbose_name = _("appraisal finding")
        verbose_name_plural = _("appraisal findings")
        ordering = ["nominee", "code", "-recorded_at"]
        constraints = [models.UniqueConstraint(
            fields=["nominee", "code"], condition=Q(state=FindingState.RECORDED),
            name="finding_one_recorded_per_track")]

    def __str__(self):
        return self.code

    @property
    def proposal(self):
        """The proposal the finding's permissions are judged on (proposals/rules.py)."""
        return self.nominee.proposal
