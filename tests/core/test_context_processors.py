"""Templates get the request's user itself (core.context_processors.auth), not the lazy wrapper
AuthenticationMiddleware sets: every page's layout reads it several times, each read through
the wrapper a proxied call. What they show is the same."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory
from django.utils.functional import SimpleLazyObject

from accounts.models import User
from core.context_processors import auth, request_user

pytestmark = pytest.mark.django_db


def test_a_signed_in_page_gets_the_user_itself(client, board_user):
    client.force_login(board_user)
    response = client.get("/")
    assert response.status_code == 200
    user = response.context["user"]
    assert type(user) is User
    assert user.pk == board_user.pk
    # The request's user, not a copy: the roles it has read are the page's.
    assert user is response.wsgi_request.user._wrapped
    assert type(response.context["perms"].user) is User
    assert f'<summary class="who">{board_user}</summary>' in response.content.decode()


def test_a_signed_out_page_gets_the_anonymous_user(client):
    response = client.get("/accounts/login/")
    assert response.status_code == 200
    assert type(response.context["user"]) is AnonymousUser


def test_a_lazy_user_is_evaluated_once_and_unwrapped(board_user):
    calls = []
    request = RequestFactory().get("/")
    request.user = SimpleLazyObject(lambda: calls.append(1) or board_user)
    assert request_user(request) is board_user
    assert auth(request)["user"] is board_user
    assert calls == [1]


def test_a_request_without_a_user():
    request = RequestFactory().get("/")
    assert request_user(request) is None
    assert type(auth(request)["user"]) is AnonymousUser
    assert request_user(None) is None
