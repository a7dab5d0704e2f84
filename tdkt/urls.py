from django.urls import include, path

from api.v1 import api
from core import urls as core_urls
from tdkt import views

urlpatterns = [
    # The home page reads every app, so it lives here (core imports no app), but keeps its
    # name `core:home`: two dozen templates, views and settings reverse it.
    path("", include(([path("", views.home, name="home"), *core_urls.urlpatterns], "core"))),
    path("huong-dan/", views.guide, name="guide"),
    path("huong-dan/screenshots/<str:name>", views.guide_image, name="guide_image"),
    path("accounts/", include("accounts.urls")),
    path("organisations/", include("organisations.urls")),
    path("awards/", include("awards.urls")),
    path("emulation/", include("emulation.urls")),
    path("imports/", include("imports.urls")),
    path("audit/", include("audit.urls")),
    path("proposals/", include("proposals.urls")),
    path("decisions/", include("decisions.urls")),
    path("reports/", include("reports.urls")),
    path("cong-khai/", include("portal.urls")),
    path("ho-so-ton-dong/", include("claims.urls")),
    path("notifications/", include("notifications.urls")),
    path("api/v1/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
]

# Refused, missing, failed: the site's own pages (layout, Vietnamese), never Django's bare or
# technical ones (under DEBUG, core.middleware.FriendlyErrorPagesMiddleware does the same).
handler403 = "core.views.errors.permission_denied"
handler404 = "core.views.errors.not_found"
handler500 = "core.views.errors.server_error"
