""""Who qualifies" with the Screener kept per process (`awards.domain.qualify.kept_screener`,
session 16): what one page learnt serves the next pages, other titles, other users — and every
row is still the engine's own verdict on that person, before and after the data changes."""

import datetime

import pytest
from django.urls import reverse

from awards.domain import ledger, qualify
from awards.domain.parameters import law_tables
from awards.domain.profile import INDIVIDUAL_AWARDS
from awards.domain.queries.cases import case_for
from awards.eligibility.engine import evaluate
from awards.models import DisciplineRecord, LegalValue, PendingMatter
from awards.models.facts import PendingKind
from organisations.models import Person
from tests.awards.history import award as _award
from tests.awards.history import rated as _rated
from tests.factories import make_initiative

pytestmark = pytest.mark.django_db

YEAR = 2025
NARROW = ("ldtt", "cstd_co_so", "cstd_tinh", "cstd_toan_quoc")


@pytest.fixture
def people(dept_a, dept_b):
    """A varied province: every rating, no rating, initiatives of this year and the last, a
    warning, a pending matter, the ladder of CSTĐ up to the national one, a title already held
    — in both departments, so that an officer's page and the board's differ."""
    for unit in (dept_a, dept_b):
        code = unit.code
        for rating in ("xuat_sac", "tot", "hoan_thanh", "khong_hoan_thanh"):
            _rated(unit, f"{code} {rating}", {YEAR: rating, YEAR - 1: rating})
        _rated(unit, f"{code} chưa đánh giá", {})
        author = _rated(unit, f"{code} sáng kiến", {YEAR: "tot"})
        make_initiative(unit, authors=[(author, 100)], year=YEAR)
        early = _rated(unit, f"{code} sáng kiến cũ", {YEAR: "tot"})
        make_initiative(unit, authors=[(early, 100)], year=YEAR - 1)
        warned = _rated(unit, f"{code} cảnh cáo", {YEAR: "xuat_sac"})
        DisciplineRecord.objects.create(person=warned, level="canh_cao",
                                        start=datetime.date(YEAR, 3, 1),
                                        end=datetime.date(YEAR + 1, 3, 1))
        pending = _rated(unit, f"{code} đang xem xét", {YEAR: "xuat_sac"})
        PendingMatter.objects.create(person=pending, kind=PendingKind.values[0],
                                     opened_on=datetime.date(YEAR, 6, 1))
        ladder = _rated(unit, f"{code} bậc thang",
                        dict.fromkeys(range(YEAR - 7, YEAR + 1), "xuat_sac"))
        for year in range(YEAR - 6, YEAR + 1):
            _award(ladder, "cstd_co_so", year)
        for year in (YEAR - 3, YEAR):
            _award(ladder, "cstd_tinh", year)
        make_initiative(unit, authors=[(ladder, 100)], year=YEAR, scope="toan_quoc",
                        title="Sáng kiến toàn quốc")
        provincial = _rated(unit, f"{code} cấp tỉnh",
                            dict.fromkeys(range(YEAR - 3, YEAR + 1), "xuat_sac"))
        for year in range(YEAR - 2, YEAR + 1):
            _award(provincial, "cstd_co_so", year)
        make_initiative(unit, authors=[(provincial, 100)], year=YEAR, scope="tinh",
                        title="Sáng kiến cấp tỉnh")
        held = _rated(unit, f"{code} đã có", {YEAR: "tot"})
        _award(held, "ldtt", YEAR)


def _rows(client, award: str, **params) -> list[tuple]:
    """(name, award, law, reward, initiatives used) of every row, following "next"."""
    rows, after = [], None
    for number in range(1, 50):
        response = client.get(reverse("awards:qualify"), {
            "award": award, "year": YEAR, **params,
            **({"after": after, "page": number} if after else {})})
        assert response.status_code == 200
        rows += [(p.full_name, v.award, v.law, v.reward, tuple(v.initiatives_used))
                 for p, v, _s in response.context["rows"]]
        after = response.context["next_after"]
        if after is None:
            return rows
    raise AssertionError("pages never ended")


def _engine(people, awards) -> list[tuple]:
    """The same, from the engine's own verdict on each person (`evaluate`), in id order."""
    params = law_tables().params
    found = []
    for person in people.order_by("id"):
        for award in awards:
            verdict = evaluate(case_for(person, award, YEAR), params)
            if verdict.eligible:
                found.append((person.full_name, award, verdict.law, verdict.reward,
                               tuple(verdict.initiatives_used)))
    return found


def test_every_row_is_the_engines_verdict_with_the_screener_kept(client, board_user, people):
    client.force_login(board_user)
    everyone = Person.objects.all()
    for award in (*NARROW, "all", *NARROW):  # the second round: every tree already learnt
        awards = INDIVIDUAL_AWARDS if award == "all" else [award]
        assert _rows(client, award) == _engine(everyone, awards), award
    assert _rows(client, "cstd_co_so", unit="SO-A") == _engine(
        Person.objects.filter(unit__code="SO-A"), ["cstd_co_so"])


def test_a_page_asked_again_runs_no_rule(client, board_user, people):
    """The kept Screener's trees answer the second request: no rule is run again (a new
    Screener a request ran the rules for every distinct path, every time)."""
    client.force_login(board_user)
    first = _rows(client, "cstd_co_so")
    screener = qualify.kept_screener(law_tables().params)
    runs = screener.runs
    assert runs > 0

    assert _rows(client, "cstd_co_so") == first
    assert qualify.kept_screener(law_tables().params) is screener
    assert screener.runs == runs


def test_a_changed_history_changes_the_next_page(client, board_user, people):
    """What is kept are the rules' paths, never a person's answer: a rating written after a
    page shows on the next one."""
    client.force_login(board_user)
    before = [name for name, *_rest in _rows(client, "ldtt")]
    good = Person.objects.get(full_name="SO-A tot")
    weak = Person.objects.get(full_name="SO-A hoan_thanh")
    assert "SO-A tot" in before and "SO-A hoan_thanh" not in before

    ledger.set_rating(None, person=good, year=YEAR, rating="hoan_thanh")
    ledger.set_rating(None, person=weak, year=YEAR, rating="tot")

    rows = _rows(client, "ldtt")
    assert rows == _engine(Person.objects.all(), ["ldtt"])
    names = [name for name, *_rest in rows]
    assert "SO-A tot" not in names and "SO-A hoan_thanh" in names


def test_a_change_of_the_law_tables_brings_a_new_screener(client, board_user, people):
    client.force_login(board_user)
    _rows(client, "ldtt")
    kept = qualify.kept_screener(law_tables().params)

    value = LegalValue.objects.order_by("pk").first()
    value.save()  # a write of a law table changes its stamp (awards/0027's triggers)

    assert qualify.kept_screener(law_tables().params) is not kept
    assert _rows(client, "ldtt") == _engine(Person.objects.all(), ["ldtt"])


def test_an_officer_sees_their_units_people_only_after_the_boards_pages(
        client, board_user, officer_a, people):
    """The kept Screener holds no one's people: after the board's pages (both departments),
    an officer's pages list exactly the engine's verdicts on their own unit's people."""
    client.force_login(board_user)
    for award in NARROW:
        _rows(client, award)
    client.force_login(officer_a)
    for award in (*NARROW, "all"):
        awards = INDIVIDUAL_AWARDS if award == "all" else [award]
        rows = _rows(client, award)
        assert rows == _engine(Person.objects.filter(unit__code="SO-A"), awards), award
        assert all(name.startswith("SO-A ") for name, *_rest in rows)


def test_the_data_set_lists_someone_for_every_title_and_not_everyone(client, board_user, people):
    """The comparisons above are not of empty lists: each title lists some and misses some."""
    client.force_login(board_user)
    listed = {award: {name for name, *_rest in _rows(client, award)} for award in NARROW}
    assert {award: 0 < len(names) < Person.objects.count() for award, names in listed.items()
            } == dict.fromkeys(NARROW, True)
