"""The production site plus two pages that do nothing, to measure the floor of a signed-in
back-office request through gunicorn (`bench_pages.py --floor`; issue 14.2). The URLconf
(bench/floor_settings.py: the production settings with this ROOT_URLCONF) serves every
production URL and

- /bench/signed-in: the whole middleware stack with the session's user loaded, no template;
- /bench/layout: the same plus core/base.html with an empty content block — the menu, the
  header's unread count, the account menu, the footer's language form — what every list page
  costs before its own query and rows.

Never deployed: `deploy/` and tdkt.settings do not name it.
"""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import include, path


@login_required
def signed_in(request):
    return HttpResponse(request.user.get_username(), content_type="text/plain")


@login_required
def layout(request):
    return render(request, "core/base.html", {})


urlpatterns = [
    path("bench/signed-in", signed_in),
    path("bench/layout", layout),
    path("", include("tdkt.urls")),
]
