"""The awards app's list pages kept under their tables' epochs (core.interfaces.kept_pages): the
ledger, who qualifies (and the forecast), the catalogue, the granting authorities, the law, the
early salary raise and the whole-scope screenings. Asked again each is the same page read with
one statement; a committed write it shows is on the next request; cold, its statements read
only the tables it is kept under. PostgreSQL only, committed transactions (`transaction=True`):
the epochs move at commit."""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from awards import law_views, salary_views, screening_views, views
from awards.domain import facts, granting, ledger
from awards.domain import parameters as law_parameters
from awards.domain import qualify as qualify_domain
from awards.models import AwardType, LegalValue, ScreeningRun
from tests.core.test_kept_pages import page, tables_of
from tests.factories import CollectiveFactory, HouseholdFactory, PersonFactory, make_initiative


def _record(award, year, number=None, **subject):
    return ledger.record_award(None, award_type=AwardType.objects.get(code=award), year=year,
                               decision_number=number or f"{year}/QĐ-UBND",
                               decision_date=datetime.date(year + 1, 3, 1), issuer="UBND",
                               **subject)


@pytest.fixture
def listed(reference_data, school_a, dept_a):
    """Rated people, their awards (a person's, a collective's, a household's), a discipline, a
    pending matter and a recognised initiative: every kind of row the pages read."""
    people = [PersonFactory(unit=unit, full_name=f"Lê Văn {i:02d}")
              for i, unit in enumerate([school_a, dept_a] * 3)]
    for person in people:
        for year, rating in ((2023, "xuat_sac"), (2024, "xuat_sac"), (2025, "tot")):
            ledger.set_rating(None, person=person, year=year, rating=rating)
    _record("giay_khen", 2023, person=people[0])
    _record("bang_khen_tinh", 2024, person=people[5])
    _record("giay_khen", 2024, collective=CollectiveFactory(unit=school_a))
    _record("giay_khen", 2024, household=HouseholdFactory(head=people[1]))
    facts.record_discipline(None, people[2], level="khien_trach",
                            start=datetime.date(2025, 2, 1), end=None)
    facts.open_matter(None, people[3], kind="investigation", opened_on=datetime.date(2025, 5, 1))
    make_initiative(school_a, authors=[(people[4], 100)], year=2025)
    return people


LEDGER = reverse("awards:ledger")
QUALIFY = reverse("awards:qualify")
FORECAST = reverse("awards:forecast")
EARLY_RAISE = reverse("awards:early_raise")
SCREENING_RUNS = reverse("awards:screening_runs")
# Each page: its tables, and its variants (the first is the page the other tests ask).
PAGES = {
    "ledger": (views.LEDGER_TABLES, [LEDGER + q for q in (
        "", "?page=2", "?q=le+van", "?q=2023", "?q=le&page=2", "?award=giay_khen",
        "?year=2024&revoked=0", "?award=giay_khen&page=3", "?after=zz", "?q=le&award=giay_khen")]),
    "qualify": (views.QUALIFY_TABLES, [QUALIFY + q for q in (
        "?award=ldtt&year=2025", "", "?award=all&year=2025", "?award=cstd_co_so&year=2025",
        "?award=ldtt&year=2025&unit=TRUONG-A", "?award=cstd_co_so&year=2025&unit=TRUONG-A",
        "?award=ldtt&year=2025&after=0&page=2")]
        + [FORECAST, FORECAST + "?award=cstd_co_so&year=2025"]),
    "catalogue": (views.CATALOGUE_TABLES, [reverse("awards:catalogue")]),
    "authorities": (views.AUTHORITIES_TABLES, [reverse("awards:authorities") + q for q in (
        "", "?on=", "?award=giay_khen", "?on=2020-01-01&page=2")]),
    "law": (law_views.LAW_TABLES, [reverse("awards:law")]),
    "early_raise": (salary_views.EARLY_RAISE_TABLES, [EARLY_RAISE + q for q in (
        "?from=2020-01-01", "", "?unit=TRUONG-A&to=2025-12-31")]),
    "screening_runs": (screening_views.SCREENING_RUNS_TABLES, [SCREENING_RUNS]),
}


def _cold() -> None:
    """Nothing kept that hides a read: the shared cache (roles, scopes), the law tables, the
    Screener (the page's statements are kept as statements: they are sent all the same)."""
    cache.clear()
    law_parameters._cached = None
    qualify_domain._kept_screener = None


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
class TestKept:

    @pytest.mark.parametrize("view", list(PAGES))
    def test_asked_again_it_is_the_same_page_read_with_one_statement(self, client, officer_a,
                                                                      listed, view):
        client.force_login(officer_a)
        url = PAGES[view][1][0]
        first, again, partial = page(client, url), page(client, url), page(
            client, url, HX_Request="true")
        assert (first[0], again[:2], again[2]) == (200, first[:2], 1)
        assert (first[2] > 1, partial[2] > 1) == (True, True)
        assert page(client, url, HX_Request="true")[:3] == partial[:2] + (1,)

    def test_the_ledger_shows_a_new_record_and_a_renamed_person(self, client, officer_a, listed,
                                                                school_a):
        client.force_login(officer_a)
        page(client, LEDGER)
        _record("cstd_co_so", 2024, "77/QĐ-SGDĐT", person=PersonFactory(
            unit=school_a, full_name="Trần Thị Mới"))
        assert ("77/QĐ-SGDĐT" in (html := page(client, LEDGER)[1]), "Trần Thị Mới" in html) == (
            True, True)
        listed[0].full_name = "Phạm Văn Đổi"
        listed[0].save()
        assert "Phạm Văn Đổi" in page(client, LEDGER)[1]

    def test_who_qualifies_shows_a_new_rating_and_a_discipline(self, client, officer_a, listed,
                                                               school_a):
        url = PAGES["qualify"][1][0]
        client.force_login(officer_a)
        page(client, url)
        newcomer = PersonFactory(unit=school_a, full_name="Trần Thị Mới")
        ledger.set_rating(None, person=newcomer, year=2025, rating="tot")
        assert "Trần Thị Mới" in page(client, url)[1]
        facts.record_discipline(None, newcomer, level="khien_trach",
                                start=datetime.date(2025, 3, 1), end=None)
        assert "Trần Thị Mới" not in page(client, url)[1]

    def test_the_law_pages_show_a_changed_name_citation_and_value(self, client, officer_a,
                                                                  listed):
        client.force_login(officer_a)
        catalogue, authorities, law = (PAGES[view][1][0]
                                       for view in ("catalogue", "authorities", "law"))
        for url in (catalogue, authorities, law):
            page(client, url)
        award_type = AwardType.objects.get(code="giay_khen")
        award_type.name = "Giấy khen đổi tên"
        award_type.save()
        row = granting.in_force(timezone.localdate()).order_by(  # the page's first row
            "award_type__category", "award_type__sort_order", "unit_level", "unit_kind",
            "-valid_from").first()
        row.citation = "Điều 99 Luật thử"
        row.save()
        value = LegalValue.objects.order_by("pk").first()
        value.citation = "Điều 98 Luật thử"
        value.save()
        assert ["Giấy khen đổi tên" in page(client, catalogue)[1],
                "Điều 99 Luật thử" in page(client, authorities)[1],
                "Điều 98 Luật thử" in page(client, law)[1]] == [True, True, True]

    def test_the_early_raise_shows_a_new_award_that_counts(self, client, officer_a, listed,
                                                           school_a):
        url = PAGES["early_raise"][1][0]
        client.force_login(officer_a)
        assert "Trần Thị Mới" not in page(client, url)[1]
        _record("bang_khen_tinh", 2024, person=PersonFactory(unit=school_a,
                                                              full_name="Trần Thị Mới"))
        assert "Trần Thị Mới" in page(client, url)[1]

    def test_the_screenings_show_a_runs_progress(self, client, officer_a, listed):
        client.force_login(officer_a)
        run = ScreeningRun.objects.create(requested_by=officer_a, award="ldtt", year=2025)
        page(client, SCREENING_RUNS)
        run.people_total, run.people_done = 9, 7
        run.save()
        assert "7 / 9" in page(client, SCREENING_RUNS)[1]

    @pytest.mark.parametrize("view", list(PAGES))
    def test_the_pages_statements_read_only_the_tables_they_are_kept_under(
            self, client, board_user, officer_a, outsider, listed, view, settings):
        """Cold (nothing cached: _cold) every statement each variant of the page sends, for the
        board, an officer and an officer of another department, full page and htmx."""
        settings.TDKT_KEEP_PAGES = False
        tables, urls = PAGES[view]
        if view == "early_raise":
            urls = [*urls, f"{EARLY_RAISE}?person={listed[5].public_id}&from=2020-01-01"]
        read = set()
        for user in (board_user, officer_a, outsider):
            client.force_login(user)
            for url in urls:
                for headers in ({}, {"HX-Request": "true"}):
                    _cold()
                    with CaptureQueriesContext(connection) as ctx:
                        status = client.get(url, headers=headers).status_code
                    # an officer of another department asking for this one's unit or person
                    assert status == 200 or (status == 404 and user == outsider), url
                    read |= {table for q in ctx.captured_queries
                             for table in tables_of(q["sql"], user.pk)}
        assert sorted(read - set(tables)) == []
