"""The project's URLs plus one view that fails: the 500 page's tests request it."""

from django.urls import path

from tdkt.urls import handler403, handler404, handler500, urlpatterns  # noqa: F401


def crash(request):
    raise RuntimeError("the database went away")


urlpatterns = [*urlpatterns, path("crash/", crash)]
