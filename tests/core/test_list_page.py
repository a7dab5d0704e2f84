"""core.interfaces.views.list_page: the shape of every "list + filters + export" page."""

import pytest
from django.http import HttpResponse
from django.test import RequestFactory, override_settings

from core.interfaces.views import list_page
from core.models import PublicHoliday

TEMPLATES = [{
    "BACKEND": "django.template.backends.django.DjangoTemplates",
    "OPTIONS": {"loaders": [("django.template.loaders.locmem.Loader", {
        "list.html": "whole {{ page.object_list|length }} {{ title }} {{ page.has_next }}",
        "rows.html": "rows {{ page.object_list|length }}",
    })]},
}]


def _rows():
    return PublicHoliday.objects.order_by("date")


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_list_page_export_gets_the_page_queryset(kind):
    asked = []

    def export(kind, rows):
        asked.append((kind, rows))
        return HttpResponse("exported")

    rows = _rows()
    response = list_page(RequestFactory().get("/", {"export": kind}), rows, export=export,
                         template="list.html")

    assert response.content == b"exported"
    assert asked == [(kind, rows)]


@pytest.mark.django_db
@override_settings(TEMPLATES=TEMPLATES)
def test_list_page_renders_one_page_with_its_context():
    response = list_page(RequestFactory().get("/", {"export": "pdf"}), _rows(), export=None,
                         template="list.html", per_page=5, title="Ngày lễ")

    assert response.content.decode() == "whole 5 Ngày lễ True"


@pytest.mark.django_db
@override_settings(TEMPLATES=TEMPLATES)
def test_list_page_htmx_request_gets_the_partial_after_prepare():
    prepared = []
    request = RequestFactory().get("/", headers={"HX-Request": "true"})

    response = list_page(request, _rows(), export=None, template="list.html",
                         partial="rows.html", per_page=3,
                         prepare=lambda page: prepared.append(len(page.object_list)))

    assert response.content.decode() == "rows 3"
    assert prepared == [3]
