"""Outbound exchange (issue 17 §4): issued, corrected and revoked decisions published to the
subscribed systems by signed webhooks, retried with back-off, never blocking the decision."""

import datetime
import hashlib
import hmac
import io
import json

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEntry
from awards.models import AwardType
from decisions.domain import corrections, issuing, webhooks
from decisions.domain.events import award_entry
from decisions.models import Decision, Delivery, ExchangeEvent
from decisions.models.exchange import DeliveryState, EventKind
from tests.decisions.helpers import DECIDED_ON, draft_for, issued
from tests.decisions.receiver import Receiver
from tests.proposals.helpers import appraised


@pytest.fixture
def receiver():
    endpoint = Receiver()
    yield endpoint
    endpoint.close()


@pytest.fixture
def en_client(client):
    client.cookies["django_language"] = "en"
    return client


@pytest.fixture
def subscribed(receiver, admin_user):
    subscription, secret = webhooks.subscribe(admin_user, name="Hệ thống quản lý cán bộ",
                                              url=receiver.url, kinds=[])
    return subscription, secret


def _issue(approver_user, officer_a, board_user, dept_a, capture, people=1):
    with capture(execute=True):
        return issued(officer_a, board_user, approver_user, dept_a, people=people)


def test_issued_decision_is_delivered_with_a_verifiable_signature(
        receiver, subscribed, officer_a, board_user, approver_user, dept_a,
        django_capture_on_commit_callbacks):
    _subscription, secret = subscribed
    decision = _issue(approver_user, officer_a, board_user, dept_a,
                      django_capture_on_commit_callbacks)
    [(headers, body)] = receiver.requests
    # What the receiver computes with its own copy of the secret (stdlib hmac, docs).
    t = dict(p.split("=", 1) for p in headers["X-TDKT-Signature"].split(","))["t"]
    expected = hmac.new(secret.encode(), f"{t}.".encode() + body, hashlib.sha256).hexdigest()
    assert headers["X-TDKT-Signature"] == f"t={t},v1={expected}"
    assert webhooks.signature_valid(secret, headers["X-TDKT-Signature"], body,
                                    now=int(t)) is True
    assert webhooks.signature_valid(secret, headers["X-TDKT-Signature"], body + b" ",
                                    now=int(t)) is False
    payload = json.loads(body)
    award = payload["awards"][0]
    assert (payload["type"], payload["decision"]["number"], headers["X-TDKT-Event"]) == (
        "decision.issued", decision.number_label, "decision.issued")
    assert (award["danh_hieu"], award["hinh_thuc"]["code"]) == (None, "giay_khen")
    assert Delivery.objects.get().state == DeliveryState.DELIVERED


def test_payload_has_no_cccd_or_birth_date(receiver, subscribed, officer_a, board_user,
                                           approver_user, dept_a,
                                           django_capture_on_commit_callbacks):
    decision = _issue(approver_user, officer_a, board_user, dept_a,
                      django_capture_on_commit_callbacks)
    person = decision.items.get().person
    body = receiver.requests[0][1].decode()
    assert (person.cccd in body, str(person.public_id) in body) == (False, True)


def test_title_is_sent_as_danh_hieu_never_as_hinh_thuc(officer_a, board_user, approver_user,
                                                      dept_a):
    item = issued(officer_a, board_user, approver_user, dept_a).items.get()
    item.award_type = AwardType.objects.get(code="cstd_co_so")
    entry = award_entry(item)
    assert (entry["danh_hieu"], entry["hinh_thuc"]) == (
        {"code": "cstd_co_so", "name": "Chiến sĩ thi đua cơ sở"}, None)


def test_endpoint_timeout_is_retried_later_and_the_decision_issued(
        receiver, subscribed, en_client, officer_a, board_user, approver_user, dept_a,
        settings, django_capture_on_commit_callbacks):
    settings.TDKT_WEBHOOK_TIMEOUT = 0.2
    receiver.delay = 1.0
    decision = draft_for(board_user, [appraised(officer_a, board_user, dept_a, dept_a)], dept_a)
    en_client.force_login(approver_user)
    with django_capture_on_commit_callbacks(execute=True):
        response = en_client.post(reverse("decisions:issue", args=[decision.public_id]),
                                  {"date": DECIDED_ON.isoformat()})
    delivery = Delivery.objects.get()
    assert (response.status_code, Decision.objects.get(pk=decision.pk).state) == (302, "issued")
    assert (delivery.state, delivery.attempts, "timed out" in delivery.last_error) == (
        DeliveryState.FAILED, 1, True)
    assert delivery.next_attempt_at - timezone.now() > datetime.timedelta(seconds=50)
    receiver.delay = 0
    later = delivery.next_attempt_at + datetime.timedelta(seconds=1)
    assert webhooks.due_deliveries(now=delivery.next_attempt_at
                                   - datetime.timedelta(seconds=1)) == []
    assert webhooks.deliver_one(webhooks.due_deliveries(now=later)[0], now=later) == "delivered"
    delivery.refresh_from_db()
    assert (delivery.state, delivery.attempts, delivery.last_status) == (
        DeliveryState.DELIVERED, 2, 200)


def test_error_answers_back_off_then_abandon(receiver, subscribed, officer_a, board_user,
                                             approver_user, dept_a,
                                             django_capture_on_commit_callbacks):
    receiver.status = 503
    _issue(approver_user, officer_a, board_user, dept_a, django_capture_on_commit_callbacks)
    delivery = Delivery.objects.get()
    waits, attempted_at = [], timezone.now()
    while delivery.state == DeliveryState.FAILED:
        waits.append(round((delivery.next_attempt_at - attempted_at).total_seconds() / 60))
        attempted_at = delivery.next_attempt_at
        webhooks.deliver_one(delivery.public_id, now=attempted_at)
        delivery.refresh_from_db()
    assert waits == [1, 3, 9, 27, 81, 243, 729]
    assert (delivery.state, delivery.attempts, delivery.last_status, delivery.last_error) == (
        DeliveryState.ABANDONED, webhooks.MAX_ATTEMPTS, 503, "HTTP 503")
    assert len(receiver.requests) == webhooks.MAX_ATTEMPTS


def test_redirect_is_not_followed(receiver, subscribed, officer_a, board_user, approver_user,
                                  dept_a, django_capture_on_commit_callbacks):
    receiver.status, receiver.location = 302, "http://127.0.0.1:9/elsewhere"
    _issue(approver_user, officer_a, board_user, dept_a, django_capture_on_commit_callbacks)
    delivery = Delivery.objects.get()
    assert (delivery.state, delivery.last_status, len(receiver.requests)) == (
        DeliveryState.FAILED, 302, 1)


def test_correction_and_revocation_are_published(receiver, subscribed, officer_a, board_user,
                                                 approver_user, dept_a,
                                                 django_capture_on_commit_callbacks):
    decision = _issue(approver_user, officer_a, board_user, dept_a,
                      django_capture_on_commit_callbacks, people=2)
    first, second = decision.items.order_by("ordinal")
    with django_capture_on_commit_callbacks(execute=True):
        amending = corrections.request_correction(board_user, first, reason="Sai họ tên",
                                                  recipient_name="Nguyễn Thị Đúng",
                                                  recipient_detail="Giáo viên")
        issuing.issue_decision(approver_user, amending, date=DECIDED_ON)
        corrections.revoke_item(board_user, second, reason="Gian lận",
                                decision_number="7/QĐ-SGDĐT", decision_date=DECIDED_ON,
                                decision_issuer="Giám đốc Sở GDĐT")
    payloads = [json.loads(body) for _headers, body in receiver.requests]
    assert [p["type"] for p in payloads] == ["decision.issued", "decision.corrected",
                                             "award.revoked"]
    corrected, revoked = payloads[1], payloads[2]
    assert (corrected["decision"]["amends"]["number"], corrected["awards"][0]["corrects"],
            corrected["awards"][0]["recipient"]["name"]) == (
        decision.number_label, str(first.public_id), "Nguyễn Thị Đúng")
    assert ([a["item_id"] for a in revoked["awards"]],
            revoked["awards"][0]["revocation"]["decision_number"],
            revoked["awards"][0]["certificates"][0]["status"]) == (
        [str(second.public_id)], "7/QĐ-SGDĐT", "revoked")


def test_subscription_filters_by_issuer_and_event(receiver, admin_user, officer_a, board_user,
                                                  approver_user, dept_a, dept_b,
                                                  django_capture_on_commit_callbacks):
    webhooks.subscribe(admin_user, name="B only", url=receiver.url, kinds=[], issuer=dept_b)
    webhooks.subscribe(admin_user, name="Revocations", url=receiver.url,
                       kinds=[EventKind.REVOKED])
    _issue(approver_user, officer_a, board_user, dept_a, django_capture_on_commit_callbacks)
    assert (ExchangeEvent.objects.count(), Delivery.objects.count(), receiver.requests) == (
        1, 0, [])


def test_deactivated_subscription_abandons_waiting_deliveries(
        receiver, subscribed, admin_user, officer_a, board_user, approver_user, dept_a,
        django_capture_on_commit_callbacks):
    receiver.status = 500
    _issue(approver_user, officer_a, board_user, dept_a, django_capture_on_commit_callbacks)
    subscription, _secret = subscribed
    webhooks.deactivate(admin_user, subscription, reason="Hệ thống ngừng hoạt động")
    _issue(approver_user, officer_a, board_user, dept_a, django_capture_on_commit_callbacks)
    assert list(Delivery.objects.values_list("state", flat=True)) == [DeliveryState.ABANDONED]
    assert AuditEntry.objects.filter(action="decisions.webhook.deactivate").count() == 1


def test_retry_sends_an_abandoned_delivery_again(receiver, subscribed, admin_user, officer_a,
                                                 board_user, approver_user, dept_a,
                                                 django_capture_on_commit_callbacks):
    receiver.status = 500
    _issue(approver_user, officer_a, board_user, dept_a, django_capture_on_commit_callbacks)
    Delivery.objects.update(state=DeliveryState.ABANDONED)
    receiver.status = 204
    with django_capture_on_commit_callbacks(execute=True):
        webhooks.retry(admin_user, Delivery.objects.get())
    delivery = Delivery.objects.get()
    assert (delivery.state, delivery.attempts, len(receiver.requests)) == (
        DeliveryState.DELIVERED, 1, 2)


def test_a_claimed_delivery_is_not_sent_twice(receiver, subscribed, officer_a, board_user,
                                              approver_user, dept_a):
    issued(officer_a, board_user, approver_user, dept_a)  # on_commit not run: still pending
    delivery = Delivery.objects.get()
    assert webhooks.claim(delivery.public_id) is not None
    assert webhooks.deliver_one(delivery.public_id) == "skipped"
    assert receiver.requests == []


def test_send_webhooks_command_delivers_what_is_due(receiver, subscribed, officer_a,
                                                    board_user, approver_user, dept_a):
    issued(officer_a, board_user, approver_user, dept_a)  # on_commit not run: still pending
    out = io.StringIO()
    call_command("send_webhooks", stdout=out)
    assert (out.getvalue().strip(), Delivery.objects.get().state, len(receiver.requests)) == (
        "delivered: 1", DeliveryState.DELIVERED, 1)


def test_a_delivery_delivered_meanwhile_keeps_its_outcome(receiver, subscribed, officer_a,
                                                          board_user, approver_user, dept_a):
    # A worker whose lease ran out answers after another worker delivered the event.
    issued(officer_a, board_user, approver_user, dept_a)  # on_commit not run: still pending
    claimed = webhooks.claim(Delivery.objects.get().public_id)
    Delivery.objects.update(state=DeliveryState.DELIVERED)
    receiver.status = 500
    assert webhooks.send_claimed(claimed) == "skipped"
    assert Delivery.objects.get().state == DeliveryState.DELIVERED


def test_a_delivery_abandoned_mid_send_records_the_answer(receiver, subscribed, admin_user,
                                                          officer_a, board_user, approver_user,
                                                          dept_a):
    issued(officer_a, board_user, approver_user, dept_a)  # on_commit not run: still pending
    claimed = webhooks.claim(Delivery.objects.get().public_id)
    webhooks.deactivate(admin_user, subscribed[0], reason="Hệ thống ngừng hoạt động")
    assert webhooks.send_claimed(claimed) == DeliveryState.DELIVERED
    assert Delivery.objects.get().state == DeliveryState.DELIVERED


@pytest.mark.parametrize("current", [DeliveryState.PENDING, DeliveryState.DELIVERED])
def test_retry_refuses_a_delivery_neither_failed_nor_abandoned(current, receiver, subscribed,
                                                               admin_user, officer_a,
                                                               board_user, approver_user,
                                                               dept_a):
    issued(officer_a, board_user, approver_user, dept_a)
    Delivery.objects.update(state=current)
    with pytest.raises(ValidationError) as error:
        webhooks.retry(admin_user, Delivery.objects.get())
    assert error.value.messages == [
        "Only a failed delivery of an active subscription can be retried."]


def test_retry_refuses_a_delivery_of_a_deactivated_subscription(receiver, subscribed,
                                                                admin_user, officer_a,
                                                                board_user, approver_user,
                                                                dept_a):
    issued(officer_a, board_user, approver_user, dept_a)
    webhooks.deactivate(admin_user, subscribed[0], reason="Hệ thống ngừng hoạt động")
    with pytest.raises(ValidationError) as error:
        webhooks.retry(admin_user, Delivery.objects.get())
    assert (error.value.messages, Delivery.objects.get().state) == (
        ["Only a failed delivery of an active subscription can be retried."],
        DeliveryState.ABANDONED)
