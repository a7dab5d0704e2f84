"""The CSRF token's random characters (core.csrf): one read of the system's random source, each
of the 62 characters as likely as any other, and Django's CSRF check unchanged."""

import re

import pytest
from django.middleware import csrf as django_csrf
from django.test import Client
from django.urls import reverse

from core import csrf

pytestmark = pytest.mark.django_db


def test_every_character_stands_for_exactly_four_byte_values():
    drawn = csrf.chars_from(bytes(range(256)))
    assert ({char: drawn.count(char) for char in csrf.CHARS}, len(drawn)) == (
        dict.fromkeys(csrf.CHARS, 4), 248)


def test_a_string_is_32_of_the_allowed_characters_and_never_repeats():
    drawn = [csrf.new_csrf_string() for _ in range(200)]
    assert ({len(s) for s in drawn}, set("".join(drawn)) <= set(csrf.CHARS), len(set(drawn))) == (
        {32}, True, 200)


def test_django_masks_and_makes_secrets_with_it():
    assert django_csrf._get_new_csrf_string is csrf.new_csrf_string  # noqa: SLF001


def test_the_layouts_token_signs_out_and_a_forged_one_is_refused(board_user):
    client = Client(enforce_csrf_checks=True)
    client.force_login(board_user)
    page = client.get(reverse("core:home")).content.decode()
    # One token a page (the context processor masks once), in both forms.
    tokens = re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    forged = Client(enforce_csrf_checks=True)
    forged.force_login(board_user)
    forged.get(reverse("core:home"))
    refused = forged.post(reverse("accounts:logout"), {"csrfmiddlewaretoken": "a" * 64})
    signed_out = client.post(reverse("accounts:logout"), {"csrfmiddlewaretoken": tokens[0]})
    assert (len(tokens), len(set(tokens)), len(tokens[0]), refused.status_code,
            signed_out.status_code) == (2, 1, 64, 403, 302)
