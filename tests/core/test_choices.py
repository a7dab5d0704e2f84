"""core.choices: the generated get_FOO_display methods answer what Django's own would."""

import pytest
from django.apps import apps
from django.db.models import Model
from django.utils import translation

from proposals.models import Proposal


def _fields_with_choices():
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if field.choices:
                yield model, field


@pytest.mark.parametrize("language", ["vi", "en"])
def test_every_display_answers_what_django_answers(language):
    checked = 0
    with translation.override(language):
        for model, field in _fields_with_choices():
            for value in [value for value, _label in field.flatchoices] + ["not-a-choice"]:
                instance = model(**{field.attname: value})
                assert getattr(instance, f"get_{field.name}_display")() == (
                    Model._get_FIELD_display(instance, field))
                checked += 1
    assert checked > 100


def test_the_display_follows_the_language():
    proposal = Proposal(state="submitted")
    with translation.override("vi"):
        assert proposal.get_state_display() == "Đã gửi"
    with translation.override("en"):
        assert proposal.get_state_display() == "Submitted"


def test_the_fast_display_is_installed():
    from core.choices import display

    assert Proposal.__dict__["get_state_display"].func is display
