"""The layout (core/base.html) serves its `{% fixed %}` parts from memory: every page must be the
same, byte for byte (CSRF token blanked), as the layout rendered node by node as it was written
before (tests/core/reference/base.html), for every user, language, message and unread count, and
a change of roles or unread count must show on the very next page."""

import re
from pathlib import Path

import pytest
from django.contrib import messages
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.cache import SessionStore
from django.template import Node, TemplateSyntaxError, engines
from django.template.loader_tags import BlockNode
from django.test import RequestFactory
from django.urls import resolve, reverse, set_script_prefix
from django.utils import translation

from accounts.enums import Role
from accounts.models import RoleAssignment
from core.templatetags.core_tags import FixedNode
from notifications.domain.notify import mark_all_read, notify

pytestmark = pytest.mark.django_db

REFERENCE = (Path(__file__).parent / "reference" / "base.html").read_text()
# Blocks as the pages fill them, with characters the layout must not escape twice or forget to.
PAGE = ('{% extends base %}{% block title %}Người <&> "trích"{% endblock %}'
        '{% block head %}<meta name="x" content="y">{% endblock %}'
        '{% block content %}<p>Nội dung</p>{% endblock %}')
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"')


def _request(user, path: str, notes: tuple = ()):
    request = RequestFactory().get(path)
    request.user = user
    request.resolver_match = resolve(path.split("?")[0])
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    for level, text in notes:
        messages.add_message(request, level, text)
    return request


def _page(base, user, path: str, lang: str, notes: tuple = (), with_request=True) -> str:
    engine = engines["django"]
    with translation.override(lang):
        html = engine.from_string(PAGE).render(
            {"base": base}, _request(user, path, notes) if with_request else None)
    return CSRF.sub('name="csrfmiddlewaretoken" value=""', html)


def _both(user, path: str, lang: str, notes: tuple = (), with_request=True) -> tuple:
    """(the layout as written before, the layout now) — the latter rendered twice, so that the
    second comes from memory."""
    engine = engines["django"]
    reference = _page(engine.from_string(REFERENCE), user, path, lang, notes, with_request)
    layout = engine.get_template("core/base.html")
    _page(layout, user, path, lang, notes, with_request)
    return reference, _page(layout, user, path, lang, notes, with_request)


USERS = ["admin_user", "board_user", "officer_a", "desk_user"]
PATHS = ["/", "/organisations/people/?q=%3C%22%26", "/notifications/"]


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("who", USERS)
def test_the_layout_is_the_same_for_every_user_and_language(request, who, lang):
    user = request.getfixturevalue(who)
    for path in PATHS:
        reference, layout = _both(user, path, lang)
        assert layout == reference
        assert "<nav" in layout


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_messages_and_unread_notifications_show_as_before(board_user, lang):
    notify([board_user], verb="x", title="Hồ sơ mới", body="", url="/", email=False)
    notify([board_user], verb="x", title="Hồ sơ khác", body="", url="/", email=False)
    notes = ((messages.SUCCESS, 'Đã lưu <b>"A&B"</b>'), (messages.ERROR, "Lỗi"))
    reference, layout = _both(board_user, "/organisations/people/", lang, notes)
    assert layout == reference
    assert 'class="badge count"' in layout
    assert "msg-error" in layout


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_signed_out_and_without_a_request_as_before(lang):
    for with_request in (True, False):
        reference, layout = _both(AnonymousUser(), "/", lang, with_request=with_request)
        assert layout == reference


def test_under_a_script_prefix_as_before(board_user):
    set_script_prefix("/tdkt/")
    try:
        reference, layout = _both(board_user, "/", "vi")
    finally:
        set_script_prefix("/")
    assert layout == reference
    assert 'href="/tdkt/notifications/"' in layout


def _menu_links(client) -> list[str]:
    html = client.get(reverse("core:home")).text
    return re.findall(r'<li><a href="([^"]+)"', html.split('<nav class="mainnav"')[1]
                      .split("</nav>")[0])


def test_a_granted_role_shows_in_the_menu_on_the_next_page(client_for, officer_a, province):
    client = client_for(officer_a)
    assert reverse("audit:log") not in _menu_links(client)
    RoleAssignment.objects.create(user=officer_a, role=Role.BOARD_STAFF, unit=province)
    assert reverse("audit:log") in _menu_links(client)


def _badge(client) -> str:
    html = client.get(reverse("core:home")).text
    found = re.search(r'class="badge count"[^>]*>(\d+)</span>', html)
    return found.group(1) if found else ""


def test_the_unread_badge_follows_notifications_on_the_next_page(client_for, board_user):
    client = client_for(board_user)
    assert _badge(client) == ""
    notify([board_user], verb="x", title="Hồ sơ mới", body="", url="/", email=False)
    assert _badge(client) == "1"
    mark_all_read(board_user)
    assert _badge(client) == ""


def test_a_fixed_part_is_rendered_once_per_language():
    engine = engines["django"]
    page = engine.from_string("{% load core_tags %}{% fixed %}{{ n }}{% endfixed %}|{{ n }}")
    urls = {"home": "/"}
    with translation.override("vi"):
        assert page.render({"n": 1, "layout_urls": urls}) == "1|1"
        assert page.render({"n": 2, "layout_urls": urls}) == "1|2"
    with translation.override("en"):
        assert page.render({"n": 3, "layout_urls": urls}) == "3|3"
    assert page.render({"n": 4}) == "4|4"  # no layout_urls: not the site's layout, as written
    # A part without values is kept under the render's common key itself (no tuple built).
    assert list(page.template.nodelist[1].rendered) == [
        ("vi", "/", (("home", "/"),)), ("en", "/", (("home", "/"),))]


def test_a_fixed_part_with_values_is_rendered_once_per_value():
    page = engines["django"].from_string(
        "{% load core_tags %}{% fixed n %}{% if n %}{{ n }}{{ m }}{% endif %}{% endfixed %}")
    urls = {"home": "/"}
    with translation.override("vi"):
        assert [page.render({"n": n, "m": m, "layout_urls": urls})
                for n, m in [(1, 1), (1, 2), (2, 2), (0, 3), ("0", 3)]] == [
            "11", "11", "22", "", "03"]


def _inside_fixed_parts(nodelist) -> list:
    return [inner for node in nodelist if isinstance(node, FixedNode)
            for inner in node.nodelist.get_nodes_by_type(Node)] + [
        inner for node in nodelist if not isinstance(node, FixedNode)
        for attr in node.child_nodelists for inner in _inside_fixed_parts(
            getattr(node, attr, None) or [])]


def test_a_page_finds_the_layouts_blocks_without_walking_its_fixed_parts():
    """A page extending the layout has Django walk the layout's node tree for its blocks on
    every render: the fixed parts' ~75 inner nodes, which no block may be among, are skipped."""
    layout = engines["django"].get_template("core/base.html").template.nodelist
    walked = layout.get_nodes_by_type(Node)
    inside = _inside_fixed_parts(layout)
    assert len(inside) > 70
    assert not {id(node) for node in walked} & {id(node) for node in inside}
    assert [node.name for node in layout.get_nodes_by_type(BlockNode)] == [
        "title", "head", "content"]
    page = engines["django"].from_string(PAGE)
    with translation.override("vi"):
        html = page.render({"base": engines["django"].get_template("core/base.html")})
    assert '<title>Người <&> "trích" · ' in html and "<p>Nội dung</p>" in html


def test_a_block_inside_a_fixed_part_is_refused():
    with pytest.raises(TemplateSyntaxError, match="cannot be inside"):
        engines["django"].from_string(
            "{% load core_tags %}{% fixed %}<p>{% block x %}{% endblock %}</p>{% endfixed %}")
    with pytest.raises(TemplateSyntaxError, match="cannot be inside"):
        engines["django"].from_string(
            "{% load core_tags %}{% fixed %}{% fixed %}{% block x %}{% endblock %}{% endfixed %}"
            "{% endfixed %}")
