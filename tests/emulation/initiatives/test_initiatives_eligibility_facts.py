"""Recognised initiatives reach the eligibility engine, and a used one no longer counts."""

import datetime

import pytest

from awards.domain import ledger
from awards.domain.parameters import CatalogueParameters
from awards.domain.queries.cases import case_for
from awards.eligibility.engine import evaluate
from awards.eligibility.facts import Initiative as Fact
from emulation.initiatives.domain.initiative_uses import claim_initiative, confirm_use, release_use
from emulation.initiatives.domain.queries.initiatives import (
    initiative_facts,
    initiatives_of_person,
)
from tests.factories import PersonFactory, make_initiative

RULE = "cstd_co_so.excellence_or_initiative"


@pytest.fixture
def person(dept_a):
    """Rated "good" (not excellent) in 2025: CSTĐ cơ sở then needs a cơ sở initiative
    (Law 06/2022/QH15 Art. 23)."""
    person = PersonFactory(unit=dept_a, full_name="Nguyễn Văn An")
    ledger.set_rating(None, person=person, year=2025, rating="tot")
    return person


def initiative_condition(person) -> bool:
    verdict = evaluate(case_for(person, "cstd_co_so", 2025), CatalogueParameters())
    return next(r.ok for r in verdict.reasons if r.rule == RULE)


def test_without_initiative_the_condition_fails(person):
    assert initiative_condition(person) is False


def test_recognised_co_so_initiative_meets_it(person, dept_a):
    make_initiative(dept_a, authors=[(person, 100)], year=2025, scope="co_so")
    assert initiative_condition(person) is True


@pytest.mark.parametrize("state", ["draft", "revoked_after_recognition"])
def test_unrecognised_or_revoked_initiative_does_not_count(person, dept_a, state):
    make_initiative(dept_a, authors=[(person, 100)], year=2025, state=state)
    assert initiative_condition(person) is False


def test_initiative_used_for_another_award_does_not_count_until_released(person, dept_a):
    initiative = make_initiative(dept_a, authors=[(person, 100)], year=2025)
    claim_initiative(initiative, award_code="bang_khen_tinh", claim_ref="nominee:1",
                     claim_label="Tờ trình 5 — Bằng khen", actor=None)
    confirm_use("nominee:1", actor=None)
    assert initiative_condition(person) is False
    release_use("nominee:1", actor=None, reason="Thu hồi")
    assert initiative_condition(person) is True


def test_facts_for_co_authors_in_one_query(dept_a, django_assert_num_queries):
    an, binh = PersonFactory(unit=dept_a), PersonFactory(unit=dept_a)
    shared = make_initiative(dept_a, authors=[(an, 70), (binh, 30)], year=2024, scope="tinh",
                             recognised_on=datetime.date(2024, 8, 1))
    own = make_initiative(dept_a, title="Sổ điểm điện tử", authors=[(an, 100)], year=2025)
    make_initiative(dept_a, title="Bản nháp", authors=[(an, 100)], state="draft")
    claim_initiative(own, award_code="cstd_co_so", claim_ref="n:1", claim_label="x", actor=None)
    with django_assert_num_queries(1):
        facts = initiative_facts([an.pk, binh.pk])
    assert facts == {
        an.pk: (Fact(shared.code, "tinh", datetime.date(2024, 8, 1), None),
                Fact(own.code, "co_so", datetime.date(2025, 6, 1), "cstd_co_so")),
        binh.pk: (Fact(shared.code, "tinh", datetime.date(2024, 8, 1), None),)}
    assert sorted(i.title for i in initiatives_of_person(an)) == [
        "Bản nháp", "Sổ điểm điện tử", "Ứng dụng phần mềm quản lý hồ sơ học sinh"]
