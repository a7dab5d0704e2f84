"""The unread count shown on the header's notifications link (one indexed COUNT per page)."""

from django.utils.functional import SimpleLazyObject

from core.context_processors import request_user
from notifications.domain.notify import unread_count


def unread_notifications(request):
    user = request_user(request)  # unwrapped: read through the lazy wrapper, each access a call
    if user is None or not user.is_authenticated:
        return {}
    # Lazy: pages rendered without the header (partials, JSON) never run the query.
    return {"unread_notifications": SimpleLazyObject(lambda: unread_count(user))}
