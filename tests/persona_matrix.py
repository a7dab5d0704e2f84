"""The persona matrix each view module declares: every view of its table requested by every
persona answers the status the table expects, and an anonymous visitor is sent to sign in.

A module keeps its own `VIEWS` table (name, world key, expected status per persona), its `world`
fixture and, where its URLs take other arguments, its own `url_of`; the two tests are built here
once instead of being copied into every module.
"""

import pytest
from django.urls import reverse

PERSONAS = ["admin_user", "board_user", "officer_a", "outsider", "council_user", "approver_user"]


def url_of(name, key, world):
    """`key` names the world's entry (or a tuple of entries) filling the URL's arguments, in
    order; None for a URL that takes none."""
    if key is None:
        return reverse(name)
    keys = key if isinstance(key, tuple) else (key,)
    return reverse(name, args=[world[k] for k in keys])


def persona_test(views, *, personas=PERSONAS, url=url_of, ids=None):
    """A test requesting each view of `views` as each persona."""

    @pytest.mark.parametrize(("name", "key", "expected"), views,
                             ids=ids or [v[0] for v in views])
    @pytest.mark.parametrize("persona", personas)
    def test_view_answers_each_persona(request, client, world, name, key, expected, persona):
        client.force_login(request.getfixturevalue(persona))
        assert client.get(url(name, key, world)).status_code == expected[persona]

    return test_view_answers_each_persona


def anonymous_test(views, *, url=url_of, ids=None):
    """A test requesting each view of `views` without signing in."""

    @pytest.mark.parametrize(("name", "key", "expected"), views,
                             ids=ids or [v[0] for v in views])
    def test_anonymous_is_sent_to_sign_in(client, world, name, key, expected):
        response = client.get(url(name, key, world))
        assert (response.status_code, response.url.startswith(reverse("accounts:login"))) \
            == (302, True)

    return test_anonymous_is_sent_to_sign_in
