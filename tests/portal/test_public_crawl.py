"""Quality bar (issue 6): crawl every public URL reachable from the portal's home page in the
demo province — links under /cong-khai/, the Atom feed, every certificate's verification page,
search results for every awardee — and prove that no CCCD, birth date (any common format),
phone or e-mail of any person in the database appears, nor a public commenter's contact."""

import html
import re
from urllib.parse import urlencode, urlsplit

import pytest
from django.db.models import CharField, Value
from django.db.models.functions import Cast, Concat, LPad
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from decisions.models import Certificate, DecisionItem
from emulation.exemplars.models import Exemplar
from organisations.models import Household, Person
from proposals.domain.consultation import leave_comment
from proposals.models import Consultation
from tests.portal.shapes import UUID, cccd_shapes

pytestmark = pytest.mark.django_db
PUBLIC_PREFIX = "/cong-khai/"
MAX_PAGES = 2000  # a runaway crawl (a link that adds to itself) fails instead of hanging
HREF = re.compile(r'href="([^"]+)"')
EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
PHONE = re.compile(r"(?<![\w-])(?:\+84|0)\d{9}(?!\d)")


def _date_forms(day) -> set[str]:
    return {day.strftime("%d/%m/%Y"), day.isoformat(), f"{day.day}/{day.month}/{day.year}",
            day.strftime("%d-%m-%Y"), day.strftime("%d.%m.%Y")}


def _private_strings() -> set[str]:
    """Every CCCD, birth date, phone, e-mail and household address in the database. The demo
    gives people no contact details, so every person gets a phone and an e-mail first."""
    pk_text = Cast("pk", output_field=CharField())
    Person.objects.update(phone=Concat(Value("09"), LPad(pk_text, 8, Value("0"))),
                          email=Concat(Value("nguoi"), pk_text, Value("@example.vn")))
    secret = set()
    for cccd, birth, phone, email in Person.objects.values_list("cccd", "birth_date", "phone",
                                                                "email"):
        secret |= {cccd, phone, email} | (_date_forms(birth) if birth else set())
    secret |= set(User.objects.exclude(email="").values_list("email", flat=True))
    secret |= set(Household.objects.values_list("address", flat=True))
    return {s for s in secret if s}


def _links(url: str, body: str) -> list[str]:
    found = []
    for href in HREF.findall(body):
        parts = urlsplit(html.unescape(href))
        if parts.scheme in ("", "http", "https") and parts.path.startswith(PUBLIC_PREFIX):
            found.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return found


def _seeds() -> list[str]:
    """Where the crawl starts: the home page and feed, the pages a visitor reaches by typing
    (a certificate code from paper, a search for a name)."""
    seeds = [reverse("portal:home"), reverse("portal:decision_feed"), reverse("portal:verify")]
    seeds += [reverse("portal:verify_code", args=[c]) for c in
              Certificate.objects.values_list("code", flat=True)]
    for name in set(DecisionItem.objects.values_list("recipient_name", flat=True)):
        seeds.append(f"{reverse('portal:decision_list')}?{urlencode({'q': name})}")
    for item in DecisionItem.objects.filter(decision__state="issued").select_related("decision"):
        seeds.append(f"{reverse('portal:decision_detail', args=[item.decision.public_id])}"
                     f"?{urlencode({'q': item.recipient_name})}")
    return seeds


def _crawl(client) -> dict[str, str]:
    pages, queue = {}, _seeds()
    while queue:
        url = queue.pop()
        if url in pages:
            continue
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        pages[url] = body
        assert len(pages) <= MAX_PAGES
        queue.extend(link for link in _links(url, body) if link not in pages)
    return pages


def test_no_personal_data_on_any_public_page_of_the_demo(demo_province, client):
    window = Consultation.objects.filter(closed_at__isnull=True).first()
    leave_comment(window, author_name="Người dân", contact="0911222333 dan@example.vn",
                  body="Ý kiến đóng góp", address="1.2.3.4")
    secret = _private_strings() | {"0911222333", "dan@example.vn"}

    pages = _crawl(client)

    # The crawl reached every kind of public page the demo has.
    reached = " ".join(pages)
    for public_id in [window.public_id,
                      *Exemplar.objects.filter(state="published").values_list("public_id",
                                                                              flat=True),
                      *DecisionItem.objects.filter(decision__state="issued").values_list(
                          "decision__public_id", flat=True)]:
        assert str(public_id) in reached
    assert any("atom.xml" in url for url in pages)
    assert sum("/xac-minh/" in url for url in pages) > Certificate.objects.count()
    for url, body in pages.items():
        leaks = sorted(s for s in secret if s in body)
        assert leaks == [], url
        shapes = UUID.sub("", body)
        assert cccd_shapes(body) == [], url
        assert not PHONE.search(shapes), url
        assert not EMAIL.search(shapes), url


def test_demo_has_something_for_every_public_page(demo_province):
    from decisions.models import Decision

    assert Decision.objects.filter(state="issued", kind="award").exists()
    assert Decision.objects.filter(state="issued", kind="amendment").exists()
    assert DecisionItem.objects.filter(award_record__revoked=True).exists()
    assert Exemplar.objects.filter(state="published").exists()
    today = timezone.localdate()
    assert any(c.is_open_on(today) for c in Consultation.objects.all())
