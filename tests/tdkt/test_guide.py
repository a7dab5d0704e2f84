"""The user guide in the app: rendered safely, each screen linking to a section that exists."""

import re

import pytest
from django.urls import reverse

from tdkt import guide


@pytest.fixture
def rendered():
    return guide.rendered()


def test_every_screen_section_exists_in_the_guide(rendered):
    anchors = {guide.anchor(s) for s in [*guide.BY_VIEW.values(), *guide.BY_APP.values()]}
    assert sorted(a for a in anchors if f'id="{a}"' not in rendered) == []


def test_raw_html_and_script_links_are_not_rendered():
    html = guide._render("## 1. Mục\n\n<script>alert(1)</script>\n\n[bấm](javascript:alert(1)) "
                         "![ảnh](screenshots/home.png)\n")
    assert '<h2 id="muc-1">' in html
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert 'href="javascript' not in html
    assert '<img src="screenshots/home.png" alt="ảnh" loading="lazy"' in html


def test_guide_page_for_signed_in_users_only(client, officer_a):
    assert client.get(reverse("guide")).status_code == 302
    client.force_login(officer_a)
    response = client.get(reverse("guide"))
    assert response.status_code == 200
    assert 'id="muc-16"' in response.text


@pytest.mark.parametrize(("name", "view", "args"), [
    ("proposals:list", "proposals:list", []),
    ("proposals:inbox", "proposals:inbox", []),
    ("core:home", "core:home", []),
])
def test_screens_link_to_their_section(client, board_user, name, view, args):
    client.force_login(board_user)
    response = client.get(reverse(view, args=args))
    assert response.context["guide_url"] == reverse("guide") + "#" + guide.section_for(name)
    assert f'href="{response.context["guide_url"]}"' in response.text


def test_screenshot_served_and_nothing_else_of_docs(client, officer_a, settings, tmp_path,
                                                   monkeypatch):
    (tmp_path / "home-a-1280.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (tmp_path / "notes.md").write_text("riêng")
    monkeypatch.setattr(guide, "SCREENSHOTS", tmp_path)
    client.force_login(officer_a)
    image = client.get(reverse("guide_image", args=["home-a-1280.png"]))
    assert (image.status_code, image["Content-Type"]) == (200, "image/png")
    assert b"".join(image.streaming_content) == b"\x89PNG\r\n\x1a\n"
    for name in ("notes.md", "..%2Fuser-guide.md", "missing.png"):
        assert client.get(reverse("guide_image", args=[name])).status_code == 404


def test_every_screenshot_the_guide_shows_exists(rendered):
    shown = re.findall(r'<img src="screenshots/([^"]+)"', rendered)
    assert len(shown) >= 24
    assert [name for name in shown if guide.screenshot(name) is None] == []
