"""core.template_backend: a render's context is freed when the render returns, not by the
cyclic garbage collector (its ContextDict referred back to the context)."""

import weakref

import pytest
from django.template import TemplateDoesNotExist, engines
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


def test_the_layout_renders_as_before(rf, admin_user):
    request = rf.get("/")
    request.user = admin_user
    assert "</html>" in render_to_string("core/base.html", {"rows": [Row("a")]}, request)


def test_a_missing_template_is_still_djangos_error():
    with pytest.raises(TemplateDoesNotExist):
        engines["django"].get_template("core/no-such-template.html")
