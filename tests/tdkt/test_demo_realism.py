"""What a newcomer sees with `make run` (issue 18.8): plausible demo data, and something to do
on every persona's home page."""

import datetime

import pytest
from django.urls import reverse

from accounts.interfaces.demo import PERSONAS
from accounts.models import User
from awards.models import AwardRecord
from decisions.models import Decision
from organisations.domain.naming import decision_symbol
from organisations.enums import UnitKind
from organisations.interfaces.demo import DEFAULT_JOBS, JOBS
from organisations.models import Employment, Person

pytestmark = pytest.mark.django_db


def _eighteenth(birth: datetime.date) -> datetime.date:
    return birth.replace(year=birth.year + 18)


def test_no_award_before_the_eighteenth_birthday_or_the_first_job(demo_province):
    started = {}
    for person_id, start in Employment.objects.values_list("person_id", "start_date"):
        started[person_id] = min(start, started.get(person_id, start))
    records = AwardRecord.objects.filter(person__isnull=False).values_list(
        "person_id", "person__birth_date", "year", "decision_date")
    assert len(records) > 100
    assert [r for r in records if r[3] < _eighteenth(r[1]) or r[2] < started[r[0]].year] == []


def test_positions_fit_the_unit(demo_province):
    wrong = []
    for position, kind in Person.objects.filter(employments__isnull=False).values_list(
            "position", "unit__kind").distinct():
        leaders, staff, _direct = JOBS.get(kind, DEFAULT_JOBS)
        if position not in (*leaders, *staff):
            wrong.append((kind, position))
    assert wrong == []


def test_decision_symbols_match_the_issuer(demo_province):
    ledger = AwardRecord.objects.filter(issuer_unit__isnull=False).select_related("issuer_unit")
    assert {r.decision_number.split("/", 1)[1] for r in ledger
            if r.issuer_unit.kind == UnitKind.PEOPLES_COMMITTEE} == {"QĐ-UBND"}
    assert [(d.symbol, d.issuer.name) for d in Decision.objects.select_related("issuer")
            if d.symbol != decision_symbol(d.issuer)] == []


@pytest.mark.parametrize("username", [p[0] for p in PERSONAS])
def test_every_persona_has_something_to_do(demo_province, client, username):
    client.force_login(User.objects.get(username=username))
    todos = client.get(reverse("core:home")).context["todos"]
    assert [t for t in todos if t.count > 0] != [], username
