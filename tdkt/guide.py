"""The user guide (docs/user-guide.md) rendered in the app, and which section each screen
links to (issue 18.9: guides where the work is).

The Markdown is ours, but it is rendered as if it were not: markdown-it-py with raw HTML off
(`<tag>` in the text is escaped) and its link validation (no `javascript:`/`data:` links), so
the page needs no sanitiser. Headings get stable ids (`muc-16` for "## 16. …") so that screens
link to their section whatever the heading's wording becomes.
"""

import re
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.urls import reverse
from markdown_it import MarkdownIt

from core.text import fold

GUIDE = Path(settings.BASE_DIR) / "docs" / "user-guide.md"
SCREENSHOTS = Path(settings.BASE_DIR) / "docs" / "screenshots"
# A screenshot's name as the browser test writes it: nothing else of docs/ is served.
IMAGE_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]*\.png$")
NUMBERED = re.compile(r"^(\d+)\.\s")

# The section of the guide for each screen: by view name, else by the app namespace. A number
# is the "## N." section; tests/tdkt/test_guide.py checks that every one exists.
BY_VIEW = {
    "core:home": "trang-chu-viec-can-lam",
    "core:holiday_list": 13, "core:holiday_year": 13,
    "organisations:cluster_list": 3, "organisations:cluster_detail": 3,
    "organisations:person_list": 4, "organisations:person_detail": 4,
    "organisations:collective_list": 4, "organisations:household_list": 4,
    "organisations:subject_detail": 4,
    "organisations:staff_list": 5, "organisations:training_detail": 5,
    "awards:ledger": 7, "awards:qualify": 7, "awards:catalogue": 7, "awards:authorities": 17,
    "proposals:inbox": 17, "proposals:session_list": 17, "proposals:session_detail": 17,
    "proposals:ballot": 17,
    "emulation:initiative_list": 9, "emulation:initiative_detail": 9,
    "emulation:exemplar_list": 18, "emulation:exemplar_detail": 18,
    "emulation:task_list": 19, "emulation:task_detail": 19, "emulation:my_inspections": 19,
    "emulation:round_list": 20, "emulation:round_detail": 20,
    "emulation:movement_list": 21, "emulation:movement_detail": 21, "emulation:plan_list": 21,
    "reports:dashboard": 22, "reports:fairness": 22,
    "reports:request_list": 23, "reports:request_detail": 23, "reports:overdue": 23,
    "reports:timeliness": 23, "reports:forms": 24, "reports:export_list": 24,
}
BY_APP = {
    "organisations": 2, "imports": 6, "accounts": 12, "audit": 11, "notifications": 14,
    "proposals": 16, "decisions": 17, "claims": 27,
}


def section_for(view_name: str) -> str | None:
    """The anchor of the guide section for a view, or None (no link on that page)."""
    found = BY_VIEW.get(view_name, BY_APP.get(view_name.split(":")[0]))
    return None if found is None else anchor(found)


def anchor(section: int | str) -> str:
    return f"muc-{section}" if isinstance(section, int) else section


def guide_url(view_name: str) -> str | None:
    section = section_for(view_name)
    return None if section is None else f"{reverse('guide')}#{section}"


def _lazy_images(tokens) -> None:
    """The guide shows two dozen screenshots: the browser loads each when it scrolls near."""
    for token in tokens:
        for child in token.children or []:
            if child.type == "image":
                child.attrSet("loading", "lazy")


def _heading_ids(md, tokens, seen) -> None:
    for i, token in enumerate(tokens):
        if token.type != "heading_open":
            continue
        text = tokens[i + 1].content
        number = NUMBERED.match(text)
        ident = anchor(int(number.group(1))) if number and token.tag == "h2" else _slug(text)
        while ident in seen:  # two headings with the same words
            ident += "-2"
        seen.add(ident)
        token.attrSet("id", ident)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-") or "muc"


@lru_cache(maxsize=4)
def _render(text: str) -> str:
    md = MarkdownIt("commonmark", {"html": False}).enable("table")
    tokens = md.parse(text)
    _heading_ids(md, tokens, set())
    _lazy_images(tokens)
    return md.renderer.render(tokens, md.options, {})


def rendered() -> str:
    """The guide as HTML (cached per content: an edited guide shows at the next request)."""
    return _render(GUIDE.read_text(encoding="utf-8"))


def screenshot(name: str) -> Path | None:
    """The screenshot file of that name, if it is one (never another file of docs/)."""
    if not IMAGE_NAME.match(name):
        return None
    path = SCREENSHOTS / name
    return path if path.is_file() else None
