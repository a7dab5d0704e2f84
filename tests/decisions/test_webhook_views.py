"""The system administrator's webhook screen: subscribe (secret shown once), the delivery log,
deactivate, send again; every other persona refused (issue 17 §4)."""

import pytest
from django.urls import reverse

from accounts.domain.sealing import unseal
from audit.models import AuditEntry
from decisions.domain import webhooks
from decisions.models import Delivery, Subscription
from decisions.models.exchange import DeliveryState
from tests.decisions.helpers import issued


@pytest.fixture
def en(client):
    client.cookies["django_language"] = "en"
    return client


@pytest.fixture
def subscription(admin_user):
    return webhooks.subscribe(admin_user, name="Quản lý văn bản", url="http://127.0.0.1:9/x",
                              kinds=[])[0]


def test_admin_subscribes_and_sees_the_secret_once(en, admin_user, dept_a):
    en.force_login(admin_user)
    response = en.post(reverse("decisions:webhook_add"), {
        "name": "CSDL cán bộ", "url": "https://hr.example.gov.vn/tdkt",
        "kinds": ["decision.issued", "award.revoked"], "issuer": dept_a.pk})
    subscription = Subscription.objects.get()
    secret = unseal(subscription.secret_sealed)
    assert (response.status_code, secret in response.content.decode()) == (200, True)
    assert (subscription.kinds, subscription.issuer) == (["decision.issued", "award.revoked"],
                                                         dept_a)
    page = en.get(reverse("decisions:webhook_list")).content.decode()
    assert ("CSDL cán bộ" in page, secret in page) == (True, False)
    assert AuditEntry.objects.filter(action="decisions.webhook.subscribe").count() == 1


def test_endpoint_must_be_http(en, admin_user):
    en.force_login(admin_user)
    response = en.post(reverse("decisions:webhook_add"), {"name": "X", "url": "ftp://x.vn/a"})
    assert (response.status_code, Subscription.objects.count()) == (200, 0)
    assert "The endpoint must be an http(s) address." in response.content.decode()


def test_log_lists_deliveries_and_retry_sends_again(en, admin_user, subscription, officer_a,
                                                    board_user, approver_user, dept_a):
    decision = issued(officer_a, board_user, approver_user, dept_a)
    Delivery.objects.update(state=DeliveryState.ABANDONED, attempts=8, last_status=500,
                            last_error="HTTP 500")
    en.force_login(admin_user)
    page = en.get(reverse("decisions:webhook_list") + "?state=abandoned").content.decode()
    assert (decision.number_label in page, "HTTP 500" in page, "Send again" in page) == (
        True, True, True)
    delivery = Delivery.objects.get()
    response = en.post(reverse("decisions:delivery_retry", args=[delivery.public_id]))
    delivery.refresh_from_db()
    # Queued afresh (the worker sends it once the request's transaction commits).
    assert (response.status_code, delivery.state, delivery.attempts) == (
        302, DeliveryState.PENDING, 0)


def test_deactivate_needs_a_reason(en, admin_user, subscription):
    en.force_login(admin_user)
    url = reverse("decisions:webhook_deactivate", args=[subscription.public_id])
    assert en.post(url, {"reason": ""}).status_code == 200
    response = en.post(url, {"reason": "Hệ thống cũ ngừng hoạt động"})
    subscription.refresh_from_db()
    assert (response.status_code, subscription.is_active) == (302, False)


@pytest.mark.parametrize("persona", ["board_user", "officer_a", "outsider", "council_user",
                                     "approver_user"])
def test_other_personas_are_refused(request, en, subscription, persona):
    en.force_login(request.getfixturevalue(persona))
    delivery_url = reverse("decisions:delivery_retry", args=[subscription.public_id])
    statuses = [en.get(reverse("decisions:webhook_list")).status_code,
                en.post(reverse("decisions:webhook_add"), {"name": "X",
                                                           "url": "https://x.vn"}).status_code,
                en.post(reverse("decisions:webhook_deactivate", args=[subscription.public_id]),
                        {"reason": "x"}).status_code,
                en.post(delivery_url).status_code]
    assert statuses == [403, 403, 403, 403]
    assert (Subscription.objects.filter(is_active=True).count(),
            AuditEntry.objects.exclude(action="decisions.webhook.subscribe").count()) == (1, 0)


def test_anonymous_is_sent_to_sign_in(en, subscription):
    response = en.get(reverse("decisions:webhook_list"))
    assert (response.status_code, response["Location"].startswith(reverse("accounts:login"))) == (
        302, True)
