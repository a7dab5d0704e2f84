"""Choice sets of the claims app (hồ sơ tồn đọng: resistance-war and Heroic Mother backlog).
Stored values are readable codes; groups are named."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class ClaimState(models.TextChoices):
    """The path of a claim from the family's visit to a decision; see claims/domain/states.py."""

    REGISTERED = "registered", pgettext_lazy("claim stage", "Registered")
    WAITING_EVIDENCE = "waiting_evidence", pgettext_lazy("claim stage", "Waiting for evidence")
    VERIFYING = "verifying", pgettext_lazy("claim stage", "Verifying")
    VERIFIED = "verified", pgettext_lazy("claim stage", "Verified")
    PROPOSED = "proposed", pgettext_lazy("claim stage", "Proposed")
    DECIDED = "decided", pgettext_lazy("claim stage", "Decided")
    REFUSED = "refused", pgettext_lazy("claim stage", "Refused")
    WITHDRAWN = "withdrawn", pgettext_lazy("claim stage", "Withdrawn")


# Still on an officer's desk: the backlog the dashboard counts.
OPEN_STATES = frozenset({ClaimState.REGISTERED, ClaimState.WAITING_EVIDENCE,
                         ClaimState.VERIFYING, ClaimState.VERIFIED, ClaimState.PROPOSED})
CLOSED_STATES = frozenset({ClaimState.DECIDED, ClaimState.REFUSED, ClaimState.WITHDRAWN})
# Evidence and checks may be added while the claim is being put together or verified.
EVIDENCE_STATES = frozenset({ClaimState.REGISTERED, ClaimState.WAITING_EVIDENCE,
                             ClaimState.VERIFYING})


class ClaimKind(models.TextChoices):
    RESISTANCE = "resistance", _("Taking part in the resistance wars")
    HEROIC_MOTHER = "heroic_mother", _("Heroic Vietnamese Mother (Bà mẹ Việt Nam anh hùng)")
    MARTYR_FAMILY = "martyr_family", _("Family with many martyrs")


class Period(models.TextChoices):
    AGAINST_FRANCE = "france", _("Resistance against France (1945–1954)")
    AGAINST_AMERICA = "america", _("Resistance against America (1954–1975)")
    BORDER = "border", _("Defence of the borders (after 1975)")


class ServiceRole(models.TextChoices):
    SOLDIER = "soldier", _("Soldier")
    MILITIA = "militia", _("Militia / guerrilla")
    YOUTH_VOLUNTEER = "youth_volunteer", _("Youth volunteer")
    FRONTLINE_WORKER = "frontline_worker", _("Frontline civilian worker")
    CADRE = "cadre", _("Cadre / official")
    OTHER = "other", pgettext_lazy("service role", "Other")


class Relation(models.TextChoices):
    """Who the applicant is to the claimant."""

    SELF = "self", _("The claimant in person")
    SPOUSE = "spouse", _("Spouse")
    CHILD = "child", _("Child")
    GRANDCHILD = "grandchild", _("Grandchild")
    SIBLING = "sibling", _("Sibling")
    OTHER = "other", pgettext_lazy("relation", "Other relative")


class EvidenceKind(models.TextChoices):
    IDENTITY = "identity", _("Identity / household papers")
    WITNESS = "witness", _("Witness statement")
    SERVICE_RECORD = "service_record", _("Service record / curriculum vitae")
    PARTY_RECORD = "party_record", _("Party membership record")
    MARTYR_CERTIFICATE = "martyr_certificate", _("Martyr certificate (Tổ quốc ghi công)")
    INVALID_CERTIFICATE = "invalid_certificate", _("War-invalid certificate")
    FAMILY_STATEMENT = "family_statement", _("Family statement")
    COMMUNE_CONFIRMATION = "commune_confirmation", _("Commune confirmation")
    OTHER = "other", pgettext_lazy("evidence", "Other")


class FamilyRelation(models.TextChoices):
    """A recorded martyr or war invalid, as related to the claimant (the mother)."""

    CHILD = "child", _("Child")
    HUSBAND = "husband", _("Husband")
    SELF = "self", _("The mother herself")


class MemberStatus(models.TextChoices):
    MARTYR = "martyr", _("Martyr")
    INVALID = "invalid", _("War invalid")


class CheckResult(models.TextChoices):
    CONFIRMED = "confirmed", _("Confirmed")
    MISSING = "missing", pgettext_lazy("check result", "Missing")
    CONFLICT = "conflict", _("Conflicting")
