"""The layout's static files through `{% static_once %}`: the URLs `{% static %}` gives."""

from django.template import engines
from django.templatetags.static import static
from django.urls import reverse

LAYOUT_FILES = ("core/app.css", "core/vendor/htmx-2.0.11.min.js", "core/app.js")


def test_static_once_gives_the_static_tags_url_every_time():
    template = engines["django"].from_string(
        "{% load core_tags %}" + "|".join(f"{{% static_once '{f}' %}}" for f in LAYOUT_FILES))
    expected = "|".join(static(f) for f in LAYOUT_FILES)
    assert [template.render({}) for _ in range(2)] == [expected, expected]


def test_the_layout_links_its_static_files(client, db):
    page = client.get(reverse("accounts:login")).content.decode()
    assert [page.count(f'"{static(f)}"') for f in LAYOUT_FILES] == [1, 1, 1]
