"""Publishing decisions to other systems (issue 17 §4): an event for each issued, corrected or
revoked decision, with one delivery per subscribed system, sent after the commit by the task
worker. Publishing only writes rows: a slow or broken receiver never delays or undoes a decision.

The payload names the title (danh hiệu) and the form (hình thức) in separate fields — exactly one
of `danh_hieu` / `hinh_thuc` per award — as the national cadre database expects (mixing them is
the known cause of wrong data there; Law 06/2022/QH15 Art. 8 lists titles and forms apart). It
carries no CCCD or birth date: the receiver matches the person by `recipient.id` and reads
personal data through the API, where the personal-data rule applies."""

import uuid

from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from awards.enums import Category
from decisions.domain.credential_keys import site_url
from decisions.domain.queries import revoked_record
from decisions.domain.webhooks import enqueue_deliveries
from decisions.domain.wording import granted_form
from decisions.enums import DecisionKind
from decisions.models import DecisionItem, Delivery, ExchangeEvent, Subscription
from decisions.models.exchange import EventKind

FORMAT_VERSION = 1


def _decision(decision) -> dict:
    amends = decision.amends
    return {
        "id": str(decision.public_id), "kind": decision.kind, "number": decision.number_label,
        "symbol": decision.symbol, "date": decision.date.isoformat(),
        "summary": decision.summary,
        "issuer": {"code": decision.issuer.code, "name": decision.issuer.name},
        "authority": decision.authority_title,
        "signer": {"prefix": decision.signer_prefix, "title": decision.signer_title,
                   "name": decision.signer_name},
        "amends": {"id": str(amends.public_id), "number": amends.number_label} if amends else None,
        "url": site_url() + reverse("portal:decision_detail", args=[decision.public_id])}


def _recipient(item) -> dict:
    subject = item.person or item.collective or item.household
    return {"kind": item.subject_kind, "id": str(subject.public_id), "name": item.recipient_name,
            "detail": item.recipient_detail}


def _certificate(certificate) -> dict:
    credential = getattr(certificate, "credential", None)
    return {"code": certificate.code, "status": certificate.status,
            "credential_url": site_url() + reverse("portal:credential_download",
                                                   args=[certificate.code])
            if credential else None}


def _revocation(item) -> dict | None:
    entry = revoked_record(item)
    if entry is None:
        return None
    return {"decision_number": entry.revoking_decision_number or None,
            "decision_date": (entry.revoking_decision_date.isoformat()
                              if entry.revoking_decision_date else None),
            "issuer": entry.revoking_issuer or None, "reason": entry.revoked_reason}


def award_entry(item) -> dict:
    """One awardee. Exactly one of `danh_hieu` (an emulation title) and `hinh_thuc` (a form
    of commendation) is set, by the catalogue's category — never both, never a title as a form."""
    award, decision = item.award_type, item.decision
    named = {"code": award.code, "name": award.name}
    is_title = award.category == Category.TITLE
    return {
        "item_id": str(item.public_id), "ordinal": item.ordinal,
        "recipient": _recipient(item), "unit": {"code": item.unit.code, "name": item.unit.name},
        "danh_hieu": named if is_title else None,
        "hinh_thuc": None if is_title else named | {"granted": granted_form(award, decision)},
        "year": item.year, "award_kind": item.kind, "money": item.money,
        "corrects": str(item.corrects.public_id) if item.corrects_id else None,
        "certificates": [_certificate(c) for c in item.certificates.all()],
        "revocation": _revocation(item)}


def _items(decision, items=None):
    rows = (DecisionItem.objects.filter(decision=decision) if items is None
            else DecisionItem.objects.filter(pk__in=[item.pk for item in items]))
    return (rows.select_related("award_type", "unit", "person", "collective", "household",
                                "award_record", "corrects__award_record", "decision__issuer")
            .prefetch_related("certificates__credential").order_by("ordinal"))


def build_payload(kind: str, decision, items=None, *, event_id=None, created=None) -> dict:
    return {"format": "tdkt-decision-event", "version": FORMAT_VERSION,
            "id": str(event_id), "type": kind, "created": created.isoformat(),
            "decision": _decision(decision),
            "awards": [award_entry(item) for item in _items(decision, items)]}


def _subscribers(kind: str, decision):
    active = Subscription.objects.filter(is_active=True).filter(
        Q(issuer__isnull=True) | Q(issuer=decision.issuer_id))
    return [s for s in active if not s.kinds or kind in s.kinds]


def publish(kind: str, decision, items=None) -> ExchangeEvent:
    """Record the event and one pending delivery per matching subscription; the deliveries are
    handed to the task worker once the transaction commits (never sent inside it)."""
    event_id, created = uuid.uuid4(), timezone.now()
    event = ExchangeEvent.objects.create(
        public_id=event_id, kind=kind, decision=decision,
        payload=build_payload(kind, decision, items, event_id=event_id, created=created))
    deliveries = Delivery.objects.bulk_create(
        [Delivery(event=event, subscription=s) for s in _subscribers(kind, decision)])
    ids = [str(d.public_id) for d in deliveries]
    if ids:
        transaction.on_commit(lambda: enqueue_deliveries(ids))
    return event


def publish_issued(decision) -> ExchangeEvent | None:
    """An award decision → decision.issued; an amending one → decision.corrected (its items
    point to the items they correct)."""
    kind = {DecisionKind.AWARD: EventKind.ISSUED,
            DecisionKind.AMENDMENT: EventKind.CORRECTED}.get(decision.kind)
    return publish(kind, decision) if kind else None


def publish_revoked(item) -> ExchangeEvent:
    return publish(EventKind.REVOKED, item.decision, [item])
