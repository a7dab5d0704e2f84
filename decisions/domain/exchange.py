"""Exchange with the national e-dossier system: exporting a decision's bundle is an audited
event (it sends personal data out of TĐKT), though it changes nothing."""

from django.db import transaction

from audit.domain.record import record
from decisions.models import Decision


@transaction.atomic
def record_bundle_export(actor, decision: Decision, *, files: int, manifest_sha256: str,
                         with_cccd: int, channel: str) -> None:
    """Log that `actor` exported `decision`'s exchange bundle. Side effect: one audit entry
    `decisions.decision.export_bundle` (unit = the issuer) with the number of files, how many
    awardees' CCCD were included, the manifest's SHA-256 (to identify the exact bundle later)
    and the channel ("web" or "api")."""
    record(actor, "decisions.decision.export_bundle", decision, unit=decision.issuer,
           label=str(decision),
           changes={"files": [None, files], "cccd_included": [None, with_cccd],
                    "manifest_sha256": [None, manifest_sha256], "channel": [None, channel]})
