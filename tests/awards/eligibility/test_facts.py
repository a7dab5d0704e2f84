"""The engine's facts (awards.eligibility.facts): `assemble`, the fast constructor the screening
builds its cases and verdicts with, must give what the dataclass's own __init__ gives."""

import dataclasses

import pytest
from hypothesis import given, settings

from awards.eligibility.engine import Verdict
from awards.eligibility.facts import (
    Case,
    HistoryIndex,
    Rating,
    Subject,
    assemble,
    assembler,
)
from tests.awards.eligibility.test_screening import individual_cases


def _given_fields(c: Case) -> dict:
    return {f.name: getattr(c, f.name) for f in dataclasses.fields(c)}


@settings(max_examples=200, deadline=None)
@given(individual_cases)
def test_assemble_builds_the_case_the_init_builds(c):
    fields = _given_fields(c)

    built = assemble(Case, fields)

    assert built == Case(**fields)
    assert built.__dict__ == Case(**fields).__dict__


def test_assemble_fills_defaults_and_gives_each_case_its_own_default_factory_value():
    subject = Subject(kind="individual")
    history = HistoryIndex((Rating(2025, "tot"),), (), ())

    first = assemble(Case, {"id": "a", "award": "ldtt", "year": 2025, "subject": subject,
                            "ratings": (Rating(2025, "tot"),), "history": history})
    second = assemble(Case, {"id": "b", "award": "ldtt", "year": 2025, "subject": subject})

    assert first.__dict__ == Case(id="a", award="ldtt", year=2025, subject=subject,
                                  ratings=(Rating(2025, "tot"),), history=history).__dict__
    assert (first.achievements, first.registered, first.awards) == (frozenset(), None, ())
    assert first.extra == {}
    assert first.extra is not second.extra


def test_assemble_builds_the_verdict_the_init_builds():
    fields = {"id": "p1", "award": "ldtt", "eligible": True, "law": "Luật TĐKT 2022",
              "reasons": (), "initiatives_used": ("SK-1",), "reward": {"coefficient": 1.0}}

    assert assemble(Verdict, fields) == Verdict(**fields)
    assert assemble(Verdict, fields).__dict__ == Verdict(**fields).__dict__


@pytest.mark.parametrize("fields", [
    {"id": "a", "award": "ldtt", "year": 2025},  # no subject
    {"id": "a", "award": "ldtt", "year": 2025, "subject": Subject("individual"), "colour": 1},
])
def test_assemble_refuses_what_the_init_refuses(fields):
    with pytest.raises(TypeError):
        Case(**fields)
    with pytest.raises(TypeError):
        assemble(Case, fields)


def test_assemble_refuses_a_dataclass_with_post_init():
    @dataclasses.dataclass(frozen=True)
    class Checked:
        value: int

        def __post_init__(self):
            assert self.value > 0

    with pytest.raises(TypeError):
        assemble(Checked, {"value": -1})


@settings(max_examples=200, deadline=None)
@given(individual_cases)
def test_an_assembler_builds_the_case_assemble_and_the_init_build(c):
    fields = _given_fields(c)
    names = tuple(sorted(fields))

    built = assembler(Case, names)(*(fields[name] for name in names))

    assert built.__dict__ == assemble(Case, fields).__dict__ == Case(**fields).__dict__


def test_an_assembler_gives_each_instance_its_own_default_factory_value():
    make = assembler(Verdict, ("id", "award", "eligible", "law", "reasons"))

    first, second = make("p1", "ldtt", True, "L", ()), make("p2", "ldtt", True, "L", ())

    assert first.__dict__ == Verdict(id="p1", award="ldtt", eligible=True, law="L",
                                     reasons=()).__dict__
    assert first.extra is not second.extra


@pytest.mark.parametrize("names", [
    ("id", "award", "year"),  # no subject
    ("id", "award", "year", "subject", "colour"),
    ("id", "award", "year", "subject", "year"),  # a name twice
])
def test_an_assembler_refuses_names_the_init_would_refuse(names):
    with pytest.raises(TypeError):
        assembler(Case, names)


def test_an_assembler_refuses_a_value_too_many_or_too_few():
    make = assembler(Rating, ("year", "rating"))

    assert make(2025, "tot") == Rating(2025, "tot")
    with pytest.raises(ValueError):
        make(2025)
    with pytest.raises(ValueError):
        make(2025, "tot", "extra")
