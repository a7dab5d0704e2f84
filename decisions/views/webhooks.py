"""The system administrator's screen for the outbound exchange (issue 17 §4): subscriptions,
the delivery log, deactivation and retry. Every change goes through decisions.domain.webhooks
(audited)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.interfaces.forms import apply_domain_error, posted
from core.interfaces.guards import require
from core.interfaces.kept_pages import kept_page
from core.interfaces.paging import paginate
from core.interfaces.views import form_page
from decisions.domain import webhooks
from decisions.interfaces.webhook_forms import SubscriptionForm
from decisions.models import Delivery, Subscription
from decisions.models.exchange import DeliveryState, EventKind
from proposals.interfaces.forms import ReasonForm

PERM = "decisions.manage_webhooks"
LOG_PAGE = 50


def _list_url() -> str:
    return reverse("decisions:webhook_list")


@login_required
def webhook_list(request):
    require(request, PERM)
    return kept_page(request, WEBHOOK_LIST_TABLES, lambda: _webhook_list(request))


# Every table the page's statements read (tests/decisions/test_lists_kept.py captures them):
# its page is kept under their epochs (core.interfaces.kept_pages); the deliveries' worker
# writes them in transactions of its own, which move the epochs as a page's do.
WEBHOOK_LIST_TABLES = ("decisions_decision", "decisions_delivery", "decisions_exchangeevent",
                       "decisions_subscription", "organisations_unit")


def _webhook_list(request):
    subscriptions = Subscription.objects.select_related("issuer").annotate(
        delivered=Count("deliveries", filter=Q(deliveries__state=DeliveryState.DELIVERED)),
        waiting=Count("deliveries", filter=Q(deliveries__state__in=[
            DeliveryState.PENDING, DeliveryState.FAILED])),
        abandoned=Count("deliveries", filter=Q(deliveries__state=DeliveryState.ABANDONED)))
    log = (Delivery.objects.select_related("event__decision", "subscription")
           .order_by("-id"))
    state = request.GET.get("state", "")
    if state in DeliveryState.values:
        log = log.filter(state=state)
    event_labels = dict(EventKind.choices)
    return render(request, "decisions/webhook_list.html", {
        "subscriptions": [(s, [event_labels.get(k, k) for k in s.kinds])
                          for s in subscriptions],
        "page": paginate(request, log, per_page=LOG_PAGE), "state": state,
        # "Send again" where the machine's table allows it (the domain refuses the rest).
        "states": DeliveryState.choices, "retryable": webhooks.DELIVERY["retry"].sources})


@login_required
def webhook_add(request):
    require(request, PERM)
    form = SubscriptionForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            subscription, secret = webhooks.subscribe(request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_domain_error(form, error)
        else:
            # Shown once, on this response only: never in a URL, a message or the session.
            return render(request, "decisions/webhook_created.html",
                          {"subscription": subscription, "secret": secret})
    return render(request, "core/form.html", {
        "form": form, "title": _("Subscribe a system to decision events"),
        "submit": _("Subscribe")})


@login_required
def webhook_deactivate(request, public_id):
    require(request, PERM)
    subscription = get_object_or_404(Subscription, public_id=public_id)
    return form_page(
        request, ReasonForm(posted(request)),
        lambda d: webhooks.deactivate(request.user, subscription, reason=d["reason"]),
        title=_("Stop sending events to %(name)s") % {"name": subscription.name},
        submit=_("Deactivate"), done=lambda s: _list_url(),
        success_message=_("Subscription deactivated."))


@login_required
@require_POST
def delivery_retry(request, public_id):
    require(request, PERM)
    delivery = get_object_or_404(Delivery, public_id=public_id)
    try:
        webhooks.retry(request.user, delivery)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The delivery will be sent again."))
    return redirect(_list_url())
