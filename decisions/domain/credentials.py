"""Issuing certificates as verifiable credentials and publishing their status (issue 17 §3).

The credential says what the public verification page already says — the awardee's name as
printed, the unit, the title or form, the year, the decision — and nothing more: no CCCD, no
birth date, no contact (the personal-data rule, `portal/queries.py`). Its status lives in the
issuer's Bitstring Status List, computed from the certificates' statuses whenever it is asked
for, so a correction or a revocation is published the moment it is committed."""

import datetime

from django.db import transaction
from django.urls import reverse
from joserfc import jws

from awards.enums import Category
from decisions.domain import credential_keys, vc
from decisions.domain.wording import granted_form
from decisions.enums import CertificateStatus
from decisions.models import Certificate, Credential, StatusList

ICT = datetime.timezone(datetime.timedelta(hours=7))
# The national cadre database keeps titles (danh hiệu) and forms (hình thức) apart.
KIND_WORDS = {Category.TITLE: "danh_hieu", Category.FORM: "hinh_thuc"}


def status_list_url(issuer, purpose: str) -> str:
    return credential_keys.site_url() + reverse("portal:status_list",
                                                args=[issuer.code, purpose])


def _status_entries(urls: dict[str, str], index: int) -> list[dict]:
    """One entry in each of the issuer's two lists (same index): "revocation" for any
    verifier, "message" to tell corrected from revoked."""
    entries = []
    for purpose, url in urls.items():
        entry = {"id": f"{url}#{index}", "type": "BitstringStatusListEntry",
                 "statusPurpose": purpose, "statusListIndex": str(index),
                 "statusListCredential": url}
        if purpose == vc.MESSAGE:
            entry |= {"statusSize": vc.MESSAGE_SIZE, "statusMessage": vc.STATUS_MESSAGES}
        entries.append(entry)
    return entries


class _DecisionFacts:
    """What every credential of one decision shares, computed once: a decision may list a
    thousand awardees (URL reversal and the form's wording cost more than the signature)."""

    def __init__(self, decision):
        issuer = decision.issuer
        self.decision = decision
        self.url = credential_keys.site_url() + reverse("portal:decision_detail",
                                                        args=[decision.public_id])
        self.issuer = {"id": credential_keys.did_for(issuer), "type": ["Profile"],
                       "name": decision.authority_title}
        self.valid_from = datetime.datetime.combine(decision.date, datetime.time(),
                                                    ICT).isoformat()
        self.status_urls = {purpose: status_list_url(issuer, purpose)
                            for purpose in (vc.REVOCATION, vc.MESSAGE)}
        self.evidence = [{"id": self.url, "type": ["Evidence"], "name": decision.number_label,
                          "description": decision.summary,
                          "decisionDate": decision.date.isoformat()}]
        self._forms = {}

    def granted(self, award) -> str:
        if award.pk not in self._forms:
            self._forms[award.pk] = granted_form(award, self.decision)
        return self._forms[award.pk]


def credential_document(certificate: Certificate, index: int,
                        facts: _DecisionFacts | None = None) -> dict:
    """The unsigned credential of a certificate (VC 2.0 + Open Badges 3.0 achievement)."""
    item = certificate.item
    facts = facts or _DecisionFacts(item.decision)
    award, decision = item.award_type, facts.decision
    return {
        "@context": [vc.VC_CONTEXT, vc.OB_CONTEXT],
        "id": f"urn:uuid:{certificate.public_id}",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": facts.issuer, "validFrom": facts.valid_from, "name": facts.granted(award),
        "credentialSubject": {
            "type": ["AchievementSubject"], "name": item.recipient_name,
            "unit": item.unit.name, "year": item.year,
            "achievement": {
                "id": f"{facts.url}#{award.code}", "type": ["Achievement"],
                "achievementType": "Award", "name": award.name,
                "awardCategory": KIND_WORDS.get(award.category, award.category),
                "criteria": {"narrative": decision.achievement or decision.summary}},
        },
        "evidence": facts.evidence,
        "certificateCode": certificate.code,
        "credentialStatus": _status_entries(facts.status_urls, index),
    }


def sign(document: dict, issuer_key, signing_key) -> str:
    """A compact JWS over the credential (VC-JOSE-COSE §3.1.1: typ vc+jwt, cty vc)."""
    did = document["issuer"]["id"] if isinstance(document["issuer"], dict) else document["issuer"]
    header = {"alg": vc.ALGORITHM, "typ": vc.JWS_TYPE, "cty": "vc",
              "kid": f"{did}#{issuer_key.kid}"}
    return jws.serialize_compact(header, vc.canonical_json(document), signing_key,
                                 algorithms=[vc.ALGORITHM])


@transaction.atomic
def issue_credentials(actor, decision) -> int:
    """A credential for each certificate of the decision that has none yet (the certificates
    just written by issue_decision). Status entries are taken from the issuer's list under a row
    lock, so two decisions issued at once never share an entry. Returns how many were issued."""
    certificates = list(Certificate.objects.filter(item__decision=decision,
                                                   credential__isnull=True)
                        .select_related("item__decision__issuer", "item__unit",
                                        "item__award_type").order_by("item__ordinal", "pk"))
    if not certificates:
        return 0
    issuer = decision.issuer
    StatusList.objects.get_or_create(issuer=issuer)
    # Locked first: two first decisions of an authority issued at once then wait here instead
    # of both generating its first key (one active key per authority, a constraint).
    status_list = StatusList.objects.select_for_update().get(issuer=issuer)
    issuer_key = credential_keys.active_key(actor, issuer)
    signing_key = credential_keys.private_key(issuer_key)
    first, facts = status_list.next_index, _DecisionFacts(decision)
    Credential.objects.bulk_create([
        Credential(certificate=certificate, status_list=status_list, status_index=index,
                   key=issuer_key, token=sign(credential_document(certificate, index, facts),
                                              issuer_key, signing_key))
        for index, certificate in enumerate(certificates, start=first)], batch_size=500)
    status_list.next_index = first + len(certificates)
    status_list.save(update_fields=["next_index"])
    return len(certificates)


def _statuses(status_list: StatusList) -> dict[int, str]:
    return dict(Certificate.objects.filter(credential__status_list=status_list)
                .exclude(status=CertificateStatus.VALID)
                .values_list("credential__status_index", "status"))


def status_list_document(status_list: StatusList, purpose: str, *, now=None) -> dict:
    """The unsigned BitstringStatusListCredential of one purpose (Bitstring Status List §2.2)."""
    issuer = status_list.issuer
    statuses = _statuses(status_list)
    if purpose == vc.REVOCATION:
        values, size = dict.fromkeys(statuses, 1), 1
    else:
        values = {index: vc.STATUS_VALUES[status] for index, status in statuses.items()}
        size = vc.MESSAGE_SIZE
    url = status_list_url(issuer, purpose)
    subject = {"id": f"{url}#list", "type": "BitstringStatusList", "statusPurpose": purpose,
               "encodedList": vc.encode_bits(values, status_list.length, size)}
    if purpose == vc.MESSAGE:
        subject |= {"statusSize": size, "statusMessage": vc.STATUS_MESSAGES}
    now = now or datetime.datetime.now(ICT)
    return {"@context": [vc.VC_CONTEXT], "id": url,
            "type": ["VerifiableCredential", "BitstringStatusListCredential"],
            "issuer": credential_keys.did_for(issuer),
            "validFrom": now.replace(microsecond=0).isoformat(),
            "credentialSubject": subject}


def signed_status_list(actor, issuer, purpose: str) -> str | None:
    """The issuer's signed status list of `purpose`; None when it has issued no credential."""
    status_list = StatusList.objects.filter(issuer=issuer).select_related("issuer").first()
    if status_list is None:
        return None
    issuer_key = credential_keys.active_key(actor, issuer)
    return sign(status_list_document(status_list, purpose), issuer_key,
                credential_keys.private_key(issuer_key))

