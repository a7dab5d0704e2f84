"""`manage.py credentials keygen|issue-missing|verify` — the issuing authorities' keys and the
verifiable credentials of certificates (issue 17 §3; docs/credentials.md).

    credentials keygen --issuer CODE [--reason TEXT]   new signing key (the old one retires)
    credentials issue-missing                          credentials for certificates issued before
    credentials verify FILE [--keys DOC] [--status LIST ...] [--offline]

`verify` reads no database: it needs only the credential, the issuer's published key document
(DID document or JWKS) and, to tell the status, the status lists. Without --keys/--status it
fetches them from the addresses the credential names, unless --offline. Exit code 0 when
valid, 2 when corrected or revoked, 1 when refused."""

import json
import urllib.request
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from joserfc import jws

from decisions.domain import vc
from decisions.domain.vc_verify import CredentialRefused, verify

FETCH_TIMEOUT = 10
STATUS_WORDS = {"valid": "valid (còn hiệu lực)", "corrected": "corrected (đã đính chính)",
                "revoked": "revoked (đã thu hồi)", "unknown": "unknown (no status list)"}


def _read(source: str) -> str:
    """A file's text, or an http(s) address's body."""
    if source.startswith(("https://", "http://")):
        with urllib.request.urlopen(source, timeout=FETCH_TIMEOUT) as response:  # noqa: S310
            return response.read().decode()
    return Path(source).read_text(encoding="utf-8")


class Command(BaseCommand):
    help = "Issuing authorities' keys and certificates' verifiable credentials."
    requires_system_checks = []

    def add_arguments(self, parser):
        commands = parser.add_subparsers(dest="action", required=True)
        keygen = commands.add_parser("keygen", help="Generate an issuing authority's key.")
        keygen.add_argument("--issuer", required=True, help="Unit code of the authority.")
        keygen.add_argument("--reason", default="")
        commands.add_parser("issue-missing", help="Credentials for older certificates.")
        check = commands.add_parser("verify", help="Verify a credential (no database).")
        check.add_argument("file")
        check.add_argument("--keys", help="DID document or JWKS (file or URL).")
        check.add_argument("--status", action="append", default=[],
                           help="Status list credential (file or URL); repeatable.")
        check.add_argument("--offline", action="store_true", help="Never use the network.")

    def handle(self, *args, action, **options):
        getattr(self, "_" + action.replace("-", "_"))(**options)

    def _keygen(self, *, issuer, reason, **options):
        # Imported here: `verify` must run without touching models or the database.
        from decisions.domain.credential_keys import generate_issuer_key  # noqa: PLC0415 verify runs without models
        from organisations.models import Unit  # noqa: PLC0415 verify runs without models
        unit = Unit.objects.filter(code=issuer).first()
        if unit is None:
            raise CommandError(_("No unit has the code %(code)s.") % {"code": issuer})
        key = generate_issuer_key(None, unit, reason=reason or "keygen")
        self.stdout.write(f"{unit.code}: {key.kid}")

    def _issue_missing(self, **options):
        from decisions.domain.credentials import issue_credentials  # noqa: PLC0415 verify runs without models
        from decisions.enums import DecisionState  # noqa: PLC0415 verify runs without models
        from decisions.models import Decision  # noqa: PLC0415 verify runs without models
        decisions = Decision.objects.filter(state=DecisionState.ISSUED,
                                            items__certificates__credential__isnull=True)
        total = sum(issue_credentials(None, decision)
                    for decision in decisions.distinct().select_related("issuer"))
        self.stdout.write(str(total))

    def _verify(self, *, file, keys, status, offline, **options):
        token = Path(file).read_text(encoding="utf-8").strip()
        try:
            verdict = verify(token, self._key_document(token, keys, offline),
                             self._status_lists(token, status, offline))
        except (CredentialRefused, OSError, ValueError, KeyError) as error:
            raise CommandError(_("Refused: %(reason)s") % {"reason": error}) from error
        subject = verdict.credential["credentialSubject"]
        self.stdout.write(f"{_('Proof')}: OK")
        self.stdout.write(f"{_('Issuer')}: {verdict.credential['issuer']['name']}")
        self.stdout.write(f"{_('Awarded to')}: {subject['name']} — {subject['unit']}")
        self.stdout.write(f"{_('Title / form')}: {subject['achievement']['name']} "
                          f"({subject['year']})")
        self.stdout.write(f"{_('Status')}: {STATUS_WORDS[verdict.status]}")
        if verdict.status in ("corrected", "revoked"):
            raise CommandError(STATUS_WORDS[verdict.status], returncode=2)

    def _key_document(self, token, keys, offline) -> dict:
        if keys:
            return json.loads(_read(keys))
        if offline:
            raise CommandError(_("--offline needs --keys."))
        return json.loads(_read(vc.did_document_url(_unverified(token)["issuer"]["id"])))

    def _status_lists(self, token, sources, offline) -> dict[str, str]:
        if not sources and not offline:
            sources = [entry["statusListCredential"]
                       for entry in _unverified(token).get("credentialStatus", [])]
        lists = {}
        for source in sources:
            list_token = _read(source).strip()
            lists[_unverified(list_token)["id"]] = list_token
        return lists


def _unverified(token: str) -> dict:
    """The payload read without checking, only to learn where to fetch the documents from;
    `verify` checks everything it then relies on."""
    return json.loads(jws.extract_compact(token.encode()).payload)
