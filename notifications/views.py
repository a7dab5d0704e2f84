"""The user's own notifications. Every lookup is restricted to the signed-in user, so another
user's notification answers 404 whatever its id."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from core.interfaces.paging import paginate
from notifications.domain.notify import (
    is_internal_path,
    mark_all_read,
    mark_read,
    notifications_for,
)


@login_required
def notification_list(request):
    return render(request, "notifications/list.html", {
        "page": paginate(request, notifications_for(request.user), per_page=30)})


@login_required
def notification_open(request, public_id):
    """Mark read, then go where the notification points (only paths on this site)."""
    notification = notifications_for(request.user).filter(public_id=public_id).first()
    if notification is None:
        raise Http404
    mark_read(notification, request.user)
    if notification.url and is_internal_path(notification.url):
        return redirect(notification.url)
    return redirect("notifications:list")


@login_required
@require_POST
def notification_mark_all_read(request):
    mark_all_read(request.user)
    return redirect("notifications:list")
