"""Certificates as W3C Verifiable Credentials (issue 17 §3): the issuing authority's signing
keys, its status list (where corrections and revocations are published) and the credential
issued with each certificate."""

from django.db import models
from django.utils.translation import gettext_lazy as _

# Bitstring Status List v1.0 §6.1: a list holds at least 131,072 entries (16 KiB), so that
# one bit does not single out a holder ("herd privacy").
STATUS_LIST_MIN_ENTRIES = 131_072


class IssuerKey(models.Model):
    """A P-256 signing key of one issuing authority. The private key is stored sealed
    (accounts.domain.sealing, under TDKT_SECRETS_KEY): a database dump alone cannot sign.
    Keys are never deleted: a retired key still verifies what it signed."""

    issuer = models.ForeignKey("organisations.Unit", on_delete=models.PROTECT,
                               related_name="credential_keys")
    kid = models.CharField(max_length=64, unique=True)
    public_jwk = models.JSONField()
    private_sealed = models.TextField(editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    retired_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["issuer", "-created_at"]
        constraints = [models.UniqueConstraint(fields=["issuer"],
                                               condition=models.Q(retired_at__isnull=True),
                                               name="one_active_issuer_key")]

    def __str__(self):
        return self.kid


class StatusList(models.Model):
    """One status list per issuing authority; `next_index` is the next free entry, taken
    under `select_for_update` when credentials are issued."""

    issuer = models.OneToOneField("organisations.Unit", on_delete=models.PROTECT,
                                  related_name="status_list")
    next_index = models.PositiveIntegerField(default=0)

    def __str__(self):
        return f"{self.issuer_id}: {self.next_index}"

    @property
    def length(self) -> int:
        """Whole blocks of the minimum size: the list grows, it never shrinks."""
        blocks = max(1, -(-self.next_index // STATUS_LIST_MIN_ENTRIES))
        return blocks * STATUS_LIST_MIN_ENTRIES


class Credential(models.Model):
    """The signed credential (a VC-JOSE `application/vc+jwt` token) of one certificate. Its
    status is not stored here: the status list is computed from the certificate's status."""

    certificate = models.OneToOneField("decisions.Certificate", on_delete=models.PROTECT,
                                       related_name="credential")
    status_list = models.ForeignKey(StatusList, on_delete=models.PROTECT,
                                    related_name="credentials")
    status_index = models.PositiveIntegerField()
    key = models.ForeignKey(IssuerKey, on_delete=models.PROTECT, related_name="+")
    token = models.TextField(_("credential"), editable=False)
    issued_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["status_list", "status_index"],
                                               name="one_credential_per_status_entry")]

    def __str__(self):
        return f"{self.certificate_id}@{self.status_index}"
