"""The shared pieces of the list exports: which `?export=` a page answers, choice labels."""

import pytest
from django.test import RequestFactory
from django.utils import translation

from core.interfaces.exports import choice_labels, requested_format
from emulation.movements.enums import MovementState


@pytest.mark.parametrize(("query", "expected"), [
    ({"export": "xlsx"}, "xlsx"), ({"export": "csv"}, "csv"), ({"export": "docx"}, None),
    ({"export": ""}, None), ({}, None)])
def test_requested_format(query, expected):
    assert requested_format(RequestFactory().get("/", query)) == expected


def test_choice_labels_are_plain_text_in_the_language_active_when_taken():
    with translation.override("vi"):
        vietnamese = choice_labels(MovementState)
    with translation.override("en"):
        english = choice_labels(MovementState)
    assert list(vietnamese) == list(english) == list(MovementState.values)
    assert all(type(text) is str for text in vietnamese.values())
    assert [v for v in MovementState.values if vietnamese[v] != english[v]] == list(
        MovementState.values)
