"""core.template_backend: a render's context is freed when the render returns, not by the
cyclic garbage collector (its ContextDict referred back to the context)."""

import re
import weakref

import pytest
from django.template import TemplateDoesNotExist, engines
from django.template.backends.django import DjangoTemplates
from django.template.loader import render_to_string
from django.test import RequestFactory


class Row:
    """Something a page's context holds (a list's row)."""

    def __init__(self, name):
        self.name = name


def test_a_page_and_its_rows_are_freed_when_the_render_returns(no_collector):
    rows = [Row("Nguyễn <&>"), Row("Trần")]
    kept = [weakref.ref(r) for r in rows]
    request = RequestFactory().get("/")
    html = engines["django"].from_string(
        "{% for r in rows %}{{ r.name }};{% endfor %}{% with n=rows|length %}{{ n }}{% endwith %}"
    ).render({"rows": rows}, request)
    del rows
    assert (html, [k() for k in kept]) == ("Nguyễn &lt;&amp;&gt;;Trần;2", [None, None])


def test_a_page_renders_as_djangos_own_backend_renders_it(rf, admin_user, settings):
    """The same page, byte for byte, through Django's backend configured as ours."""
    request = rf.get("/organisations/people/")
    request.user = admin_user
    ours = render_to_string("core/base.html", {"rows": [Row("a")]}, request)
    config = {**settings.TEMPLATES[0], "BACKEND": "django.template.backends.django.DjangoTemplates"}
    params = {"NAME": config.pop("NAME"), "DIRS": config.pop("DIRS"),
              "APP_DIRS": config.pop("APP_DIRS"), "OPTIONS": config.pop("OPTIONS")}
    stock = DjangoTemplates(params).get_template("core/base.html")
    assert (_unmasked(stock.render({"rows": [Row("a")]}, request)), "</html>" in ours) == (
        _unmasked(ours), True)


def _unmasked(html: str) -> str:
    """The page with its CSRF tokens blanked (masked anew at every render)."""
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', 'name="csrfmiddlewaretoken"', html)


def test_a_missing_template_is_still_djangos_error():
    with pytest.raises(TemplateDoesNotExist):
        engines["django"].get_template("core/no-such-template.html")
