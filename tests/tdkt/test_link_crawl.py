"""Links never lead a user to a page they may not open (issue 13).

In the demo province, each persona (commune officer, department officer, board, council member,
cluster head) starts from the pages of the navigation, collects every internal link on each page
and follows it, two links deep; no link may answer 403 or 404. A link to a page the user may not
open must be plain text instead. To keep the crawl short, each kind of page (URL name) is
followed for a few of its objects only, and downloads (exports, PDF/DOCX/ZIP) are not fetched.
"""

import html
import re
from collections import Counter
from urllib.parse import urljoin, urlsplit

import pytest
from django.urls import Resolver404, resolve, reverse

from accounts.models import User
from tdkt.navigation import NAV

pytestmark = pytest.mark.django_db
HREF = re.compile(r'href="([^"]+)"')
DEPTH = 2  # navigation page → linked page → the links on that page are requested
PER_KIND = 3  # pages of one URL name whose links are read (per persona)
SKIPPED_NAMES = {"accounts:logout", "set_language"}
DOWNLOADS = (".pdf", ".docx", ".xlsx", ".csv", ".zip", ".xml")
PERSONAS = ["canbo_yenson", "canbo_sgd", "banthidua", "hoidong", "cumtruong"]


def _internal_links(page_url: str, body: str) -> list[str]:
    found = []
    for href in HREF.findall(body):
        parts = urlsplit(urljoin(page_url, html.unescape(href)))  # "?unit=…" is a link too
        if parts.scheme or parts.netloc or not parts.path.startswith("/"):
            continue
        if parts.path.startswith(("/static/", "/cong-khai/", "/api/")):
            continue  # assets, the public portal (tests/portal crawls it), the API docs
        if parts.path.endswith(DOWNLOADS) or "export=" in parts.query:
            continue
        found.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return found


def _name(path: str) -> str:
    try:
        return resolve(urlsplit(path).path).view_name
    except Resolver404:
        return ""


def crawl(client, user, on_page=None) -> dict[str, tuple[int, str]]:
    """{url: (status, the page that links to it)} for every link requested. Every link found is
    requested; the links of a page are read for a few pages of each kind only. `on_page(url,
    html)` is called with every HTML page that answered 200."""
    seen: dict[str, tuple[int, str]] = {}
    read: Counter = Counter()
    level = [(reverse(name), "navigation") for name, _label, perm in NAV
             if perm is None or user.has_perm(perm)]
    for depth in range(DEPTH + 1):
        following = []
        for url, source in level:
            name = _name(url)
            if url in seen or name in SKIPPED_NAMES:
                continue
            response = client.get(url)
            seen[url] = (response.status_code, source)
            if (on_page and response.status_code == 200
                    and "html" in response.get("Content-Type", "")):
                on_page(url, response.text)
            if (depth < DEPTH and response.status_code == 200 and read[name] < PER_KIND
                    and "html" in response.get("Content-Type", "")):
                read[name] += 1
                following += [(link, url) for link in _internal_links(url, response.text)]
        level = following
    return seen


@pytest.mark.parametrize("username", PERSONAS)
def test_no_link_leads_to_a_page_the_user_may_not_open(demo_province, client, username):
    user = User.objects.get(username=username)
    client.force_login(user)
    pages = crawl(client, user)
    broken = sorted(f"{status} {url} (linked from {source})"
                    for url, (status, source) in pages.items() if status in (403, 404))
    assert broken == []
    assert len(pages) > 20  # the crawl did reach the application


def _proper_names() -> set[str]:
    """Names the pages show as data, in Vietnamese whatever the interface language."""
    from awards.models import AwardType
    from emulation.exemplars.models import InspectionPlan
    from emulation.movements.models import CriteriaSet, Criterion, Movement
    from organisations.models import Cluster, Collective, Person, Unit
    from proposals.models import Proposal

    names = set()
    for model, field in ((Unit, "name"), (AwardType, "name"), (Person, "full_name"),
                         (Collective, "name"), (Cluster, "name"), (Criterion, "name"),
                         (CriteriaSet, "name"), (Movement, "name"), (User, "full_name"),
                         (Proposal, "title"), (InspectionPlan, "title")):
        names |= set(model.objects.values_list(field, flat=True))
    # As the page text is read: whitespace collapsed.
    return {" ".join(n.split()) for n in names if n}


@pytest.mark.parametrize("username", PERSONAS)
def test_english_pages_show_no_vietnamese_ui_string(demo_province, client, username):
    """Issue 18.7: every page the persona reaches, in English, has no Vietnamese in its own
    words (headers, labels, buttons, hints, badges, navigation); the names of units, awards,
    people and criteria are data and stay as they are."""
    from tests.core.catalogue import vietnamese_ui_text
    from tests.tdkt.ui_text import ui_texts

    user = User.objects.get(username=username)
    client.force_login(user)
    client.cookies["django_language"] = "en"
    names = sorted(_proper_names(), key=len, reverse=True)
    found = set()

    def check(url, body):
        for text in ui_texts(body):
            if not vietnamese_ui_text(text):
                continue
            for name in names:  # only for the few texts flagged: the names are many
                text = text.replace(name, "")
            if vietnamese_ui_text(text):
                found.add(f"{_name(url)}: {text}")

    pages = crawl(client, user, on_page=check)
    assert not found, "\n".join(sorted(found))
    assert len(pages) > 20
