""""Who qualifies" screens only the people who might qualify (`awards.domain.qualify.candidates`):
the pages list exactly whom a screening of everyone finds, for the titles narrowed and the
others, for a unit and for the province."""

import datetime

import pytest
from django.db import connection
from django.urls import reverse

from awards import views
from awards.domain.parameters import CatalogueParameters, law_tables
from awards.domain.qualify import candidates, qualifying
from awards.models import AwardType, DisciplineRecord
from organisations.models import Person
from tests.awards.history import award as _award
from tests.awards.history import rated as _rated
from tests.emulation.movement_helpers import make_movement, make_registration
from tests.factories import make_initiative

pytestmark = pytest.mark.django_db

YEAR = 2025


@pytest.fixture
def people(dept_a, dept_b):
    """In both departments: every way to meet or miss CSTĐ cơ sở in 2025 (Law 06/2022/QH15
    Art. 23) and the ladder above it (Art. 21–22)."""
    for unit in (dept_a, dept_b):
        code = unit.code
        _rated(unit, f"{code} xuất sắc", {YEAR: "xuat_sac"})
        _rated(unit, f"{code} tốt", {YEAR: "tot"})
        _rated(unit, f"{code} hoàn thành", {YEAR: "hoan_thanh"})
        _rated(unit, f"{code} chưa đánh giá", {})
        author = _rated(unit, f"{code} sáng kiến {YEAR}", {YEAR: "tot"})
        make_initiative(unit, authors=[(author, 100)], year=YEAR)
        early = _rated(unit, f"{code} sáng kiến {YEAR - 1}", {YEAR: "tot"})
        make_initiative(unit, authors=[(early, 100)], year=YEAR - 1)
        weak = _rated(unit, f"{code} sáng kiến, hoàn thành", {YEAR: "hoan_thanh"})
        make_initiative(unit, authors=[(weak, 100)], year=YEAR)
        punished = _rated(unit, f"{code} xuất sắc, kỷ luật", {YEAR: "xuat_sac"})
        DisciplineRecord.objects.create(person=punished, level="khien_trach",
                                        start=datetime.date(YEAR, 3, 1),
                                        end=datetime.date(YEAR + 1, 3, 1))
        # Six years of CSTĐ cơ sở: the ladder to CSTĐ tỉnh (Art. 22) and a step above.
        ladder = _rated(unit, f"{code} bậc thang",
                        dict.fromkeys(range(YEAR - 6, YEAR + 1), "xuat_sac"))
        for year in range(YEAR - 5, YEAR + 1):
            _award(ladder, "cstd_co_so", year)
        _award(ladder, "cstd_tinh", YEAR)
        one = _rated(unit, f"{code} một năm", {YEAR: "xuat_sac"})
        _award(one, "cstd_co_so", YEAR)


def _listed(client, params) -> list[str]:
    """The names on every page, following the "next" links."""
    names, after = [], None
    for number in range(1, 50):
        response = client.get(reverse("awards:qualify"),
                              {**params, **({"after": after, "page": number} if after else {})})
        names += [p.full_name for p, _v, _s in response.context["rows"]]
        after = response.context["next_after"]
        if after is None:
            return names
    raise AssertionError("pages never ended")


def _screened(award: str, unit: str) -> list[str]:
    """The names a screening of everyone (or of `unit`'s people) finds, in the pages' order."""
    everyone = Person.objects.filter(unit__code=unit) if unit else Person.objects.all()
    return [p.full_name for p, _v in qualifying(everyone.order_by("id"), award, YEAR,
                                                CatalogueParameters())]


def _params(award: str, unit: str) -> dict:
    return {"award": award, "year": YEAR, **({"unit": unit} if unit else {})}


@pytest.mark.parametrize("award", ["cstd_co_so", "cstd_tinh", "cstd_toan_quoc", "ldtt"])
@pytest.mark.parametrize("unit", ["", "SO-A"])
def test_the_pages_list_whom_a_screening_of_everyone_finds(client, board_user, people, award,
                                                           unit):
    client.force_login(board_user)
    assert _listed(client, _params(award, unit)) == _screened(award, unit)


def test_cstd_co_so_screens_the_excellent_and_the_authors_of_the_year(people):
    names = sorted(candidates(Person.objects.filter(unit__code="SO-A"), "cstd_co_so", YEAR)
                   .values_list("full_name", flat=True))
    assert names == ["SO-A bậc thang", "SO-A một năm", "SO-A sáng kiến 2025",
                     "SO-A sáng kiến, hoàn thành", "SO-A xuất sắc", "SO-A xuất sắc, kỷ luật"]
    whole = [p.full_name for p, _v in qualifying(
        Person.objects.filter(unit__code="SO-A"), "cstd_co_so", YEAR, CatalogueParameters())]
    assert sorted(whole) == ["SO-A bậc thang", "SO-A một năm", "SO-A sáng kiến 2025",
                             "SO-A xuất sắc"]


@pytest.mark.parametrize(("award", "names"), [
    ("cstd_tinh", ["SO-A bậc thang", "SO-A một năm"]),
    ("cstd_toan_quoc", ["SO-A bậc thang"]),
])
def test_the_ladders_titles_screen_the_holders_of_the_title_below(people, award, names):
    assert sorted(candidates(Person.objects.filter(unit__code="SO-A"), award, YEAR)
                  .values_list("full_name", flat=True)) == names


def test_ldtt_screens_those_rated_good_or_better_in_the_year(people):
    """LĐTT (Law 06/2022/QH15 Art. 24.1): only those rated "good" or "excellent" in the year
    — not "completed", nor unrated, nor rated so another year — of whom the engine keeps
    every one here but the disciplined."""
    names = sorted(candidates(Person.objects.filter(unit__code="SO-A"), "ldtt", YEAR)
                   .values_list("full_name", flat=True))
    assert names == ["SO-A bậc thang", "SO-A một năm", "SO-A sáng kiến 2024",
                     "SO-A sáng kiến 2025", "SO-A tốt", "SO-A xuất sắc",
                     "SO-A xuất sắc, kỷ luật"]
    assert candidates(Person.objects.filter(unit__code="SO-A"), "ldtt", YEAR - 1).count() == 1
    whole = [p.full_name for p, _v in qualifying(
        Person.objects.filter(unit__code="SO-A"), "ldtt", YEAR, CatalogueParameters())]
    assert sorted(whole) == [name for name in names if name != "SO-A xuất sắc, kỷ luật"]


def test_the_broad_titles_and_the_forecast_screen_everyone(client, board_user, people):
    for award in ("giay_khen", "all"):
        assert candidates(Person.objects.all(), award, YEAR).count() == Person.objects.count()
    client.force_login(board_user)
    response = client.get(reverse("awards:forecast"), {"award": "cstd_co_so",
                                                               "year": YEAR - 1})
    assert response.status_code == 200


def test_an_outsider_lists_only_his_units_candidates(client, outsider, people):
    client.force_login(outsider)
    names = _listed(client, {"award": "cstd_co_so", "year": YEAR})
    assert sorted(names) == ["SO-B bậc thang", "SO-B một năm", "SO-B sáng kiến 2025",
                             "SO-B xuất sắc"]


@pytest.mark.parametrize("award", ["cstd_co_so", "cstd_tinh", "ldtt"])
@pytest.mark.parametrize("unit", ["", "SO-A"])
def test_windows_of_three_people_list_whom_a_screening_of_everyone_finds(
        client, board_user, people, monkeypatch, award, unit):
    """Each page's candidates are read within its window's id range (`candidates(…, ids)`):
    windows of 3 people and chunks of 1 candidate, followed to the end, list exactly the
    whole screening (a range off by one would lose or repeat the person at a window's edge)."""
    monkeypatch.setattr(views, "SCREEN_AT_MOST", 3)
    monkeypatch.setattr(views, "CANDIDATES_CHUNK", 1)
    client.force_login(board_user)
    assert _listed(client, _params(award, unit)) == _screened(award, unit)


def test_a_windows_id_range_keeps_exactly_its_candidates(people):
    """The range is a second statement of the window (to let PostgreSQL read the ratings by
    range): within it the candidates are the window's, its bounds excluded below and
    included above."""
    unit = Person.objects.filter(unit__code="SO-A").order_by("id")
    ids = list(unit.values_list("id", flat=True))
    after, until = ids[1], ids[-3]
    window = unit.filter(pk__gt=after, pk__lte=until)

    ranged = candidates(window, "cstd_co_so", YEAR, (after, until))

    assert list(ranged.order_by("id").values_list("id", flat=True)) == list(
        candidates(window, "cstd_co_so", YEAR).order_by("id").values_list("id", flat=True))
    assert sorted(ranged.values_list("full_name", flat=True)) == sorted(
        candidates(unit, "cstd_co_so", YEAR).filter(pk__gt=after, pk__lte=until)
        .values_list("full_name", flat=True))


@pytest.fixture
def registrations(province, dept_a, dept_b, school_a):
    """The registration for the year (Parameters.registration_required: every emulation title
    from 2024): the school registered (approved) one excellent person for CSTĐ cơ sở and
    another for LĐTT only, a third not at all; department B's registration is submitted (it
    registered, none of its people approved); department A's is a draft (not registered: its
    people's registration is not checked)."""
    movement = make_movement(province, [dept_a, dept_b], state="launched")
    excellent = {YEAR: "xuat_sac"}
    named = _rated(school_a, "T đăng ký", excellent)
    other = _rated(school_a, "T đăng ký LĐTT", excellent)
    _rated(school_a, "T không đăng ký", excellent)
    make_registration(movement, school_a, state="approved", entries=[
        (named, AwardType.objects.get(code="cstd_co_so")),
        (other, AwardType.objects.get(code="ldtt"))])
    make_registration(movement, dept_b, state="submitted",
                      entries=[(_rated(dept_b, "B đăng ký chưa duyệt", excellent),
                                AwardType.objects.get(code="cstd_co_so"))])
    make_registration(movement, dept_a, state="draft")
    _rated(dept_a, "A xuất sắc", excellent)


def test_where_the_title_needs_a_registration_only_those_it_may_find_registered_are_screened(
        client, board_user, registrations):
    """`candidates(…, params)`: the excellent of a unit that registered for the year, less
    those not approved for CSTĐ cơ sở (check_registration refuses them); a draft is no
    registration. The pages list whom the engine finds, screening no one else."""
    everyone = Person.objects.all()
    params = law_tables().params
    assert sorted(candidates(everyone, "cstd_co_so", YEAR, params=params)
                  .values_list("full_name", flat=True)) == ["A xuất sắc", "T đăng ký"]
    assert candidates(everyone, "cstd_co_so", YEAR).count() == 5  # without the parameters
    assert _screened("cstd_co_so", "") == ["T đăng ký", "A xuất sắc"]
    client.force_login(board_user)
    for unit in ("", "TRUONG-A", "SO-B", "SO-A"):
        assert _listed(client, _params("cstd_co_so", unit)) == _screened("cstd_co_so", unit)


def test_ldtt_narrowed_by_registration_lists_whom_the_engine_finds(
        client, board_user, registrations):
    """LĐTT's people read by their own statement (qualify.NECESSARY_EACH), narrowed by the
    registration as CSTĐ cơ sở's: the school's person approved for LĐTT and department A's
    (a draft: not checked) — not the school's person approved for CSTĐ cơ sở only, nor its
    unregistered one, nor department B's (submitted, not approved)."""
    params = law_tables().params
    assert sorted(candidates(Person.objects.all(), "ldtt", YEAR, params=params)
                  .values_list("full_name", flat=True)) == ["A xuất sắc", "T đăng ký LĐTT"]
    assert _screened("ldtt", "") == ["T đăng ký LĐTT", "A xuất sắc"]
    client.force_login(board_user)
    for unit in ("", "TRUONG-A", "SO-B", "SO-A"):
        assert _listed(client, _params("ldtt", unit)) == _screened("ldtt", unit)


def test_a_unit_registered_without_the_title_reads_no_history(
        client, board_user, registrations, django_assert_num_queries, pages_not_kept):
    """Department B registered, none of its people approved: its CSTĐ cơ sở page lists
    nobody from its candidates' statement alone — the unit, the stamp, the window's end, the
    candidates and, on PostgreSQL, the people among none of them (an empty array; SQLite's
    empty `IN` sends nothing): 4–5 queries, where the candidate's history was read and judged
    (12 queries in all) to list nobody."""
    client.force_login(board_user)
    params = _params("cstd_co_so", "SO-B")
    client.get(reverse("awards:qualify"), params)  # warm-up: the layout caches the roles

    with django_assert_num_queries(5 if connection.vendor == "postgresql" else 4):
        response = client.get(reverse("awards:qualify"), params)

    assert response.context["rows"] == []


@pytest.mark.parametrize("unit", ["", "SO-B"])
def test_an_officers_ldtt_pages_list_whom_a_screening_of_his_unit_finds(
        client, outsider, people, unit):
    """An officer's several units are not walked in id order: his LĐTT page screens his
    people unnarrowed (candidates(…, in_order=False)), one unit's page its candidates; both
    list exactly whom the engine finds among his unit's people, nobody of the other's."""
    client.force_login(outsider)
    assert _listed(client, _params("ldtt", unit)) == _screened("ldtt", "SO-B")
    assert _screened("ldtt", "SO-B") != []
