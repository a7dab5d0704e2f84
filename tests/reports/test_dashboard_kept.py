"""The dashboard kept whole under its three parts' keys (reports.views.statistics.dashboard,
core.interfaces.kept_pages): asked again it is the same page read with one statement; a new
ledger entry (its version moves at commit) shows on the next request; the page is kept within
one period of DASHBOARD_CACHE_SECONDS, as its parts are; an outsider's unit is refused on every
request. PostgreSQL only; committed transactions (`transaction=True`)."""

import pytest
from django.urls import reverse
from django.utils import timezone

from awards.domain import ledger
from awards.models import AwardType
from reports.interfaces.figures import DASHBOARD_CACHE_SECONDS
from tests.core.test_kept_pages import page
from tests.factories import PersonFactory

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True),
              pytest.mark.usefixtures("reference_data")]

URL = reverse("reports:dashboard")
TODAY = timezone.localdate()



def record(person, number: str) -> None:
    ledger.record_award(None, award_type=AwardType.objects.get(code="giay_khen"),
                        year=TODAY.year - 1, decision_number=number, decision_date=TODAY,
                        issuer="UBND tỉnh", person=person)


def test_asked_again_it_is_the_same_page_read_with_one_statement(client, board_user, dept_a):
    client.force_login(board_user)
    record(PersonFactory(unit=dept_a), "1/QĐ-UBND")
    first, again = page(client, URL), page(client, URL)
    assert (again[:2], again[2]) == (first[:2], 1)


def test_a_new_ledger_entry_shows_on_the_next_request(client, board_user, dept_a):
    client.force_login(board_user)
    record(PersonFactory(unit=dept_a), "1/QĐ-UBND")
    first = page(client, URL)
    record(PersonFactory(unit=dept_a), "2/QĐ-UBND")
    second = page(client, URL)
    assert (second[2] > 1, second[1] != first[1]) == (True, True)
    assert page(client, URL)[:3] == second[:2] + (1,)


def test_a_page_is_kept_within_one_period_of_its_parts(client, board_user, dept_a,
                                                       monkeypatch):
    client.force_login(board_user)
    record(PersonFactory(unit=dept_a), "1/QĐ-UBND")
    now = 1_000 * DASHBOARD_CACHE_SECONDS
    monkeypatch.setattr("reports.views.statistics.time.time", lambda: now)
    page(client, URL)
    assert page(client, URL)[2] == 1
    now += DASHBOARD_CACHE_SECONDS
    assert page(client, URL)[2] > 1


def test_a_unit_outside_the_scope_is_refused_on_every_request(client, officer_a, dept_b):
    client.force_login(officer_a)
    url = f"{URL}?unit={dept_b.code}"
    assert [client.get(url).status_code for _ in range(2)] == [404, 404]
